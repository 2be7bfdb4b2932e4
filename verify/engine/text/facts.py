"""Facts that have one value, and the value a text gives them: "born in Dawei" against "born in
Mandalay", "formed in 2009" against "founded in 2015", "headquartered in Laukkai" against "has
its headquarters in Lashio", "(10 July 1856 – 7 January 1943)" against "born in 1901". Only of
the claim's subject: "Aung San Suu Kyi was born in Yangon" gives no value to "Min Aung Hlaing
was born in Mandalay"."""

import re
from dataclasses import dataclass

from verify.engine.text.actions import NEGATION
from verify.engine.text.entities import AliasIndex, Entity

# Each fact, in the words that state it; the value follows them.
FACTS = {
    "born": r"born (?:in|on)|native of|birthplace (?:is|was)",
    "died": r"died (?:in|on)",
    "founded": r"(?:founded|formed|established|created|set up) (?:in|on)",
    "headquarters": r"headquartered in|headquarters (?:is |are |was |were )?in",
    "flows": r"(?:flows?|flowed|empties|emptied|drains?|drained) into",
    "leader": r"(?:led|headed|commanded|chaired) by|(?:leader|chief|chairman) (?:is|was)",
    "released": r"(?:first )?(?:released|premiered|published|debuted) (?:in|on)",
    # "Savages is a 2012 American film", "Tesla was a Serbian-American inventor".
    "nationality": r"(?:is|was|are|were) (?:\w+ly )?(?:an?|the)(?: \d{4})?",
    # "Canada is a country in North America": a place lies in one continent.
    "continent": r"(?:is|are|was|were|lies|lie|located|situated)(?: [a-z]+){0,3}? in",
}
# Facts of one person's life: said of a number of people, they tell of an event.
PERSONAL = {"born", "died"}
_COUNTED = re.compile(
    r"\d|\b(?:people|civilians|soldiers|troops|residents|villagers|children|men|women|others|"
    r"dozens?|hundreds|thousands|many|several|some|few|two|three|four|five|six|seven|eight|nine|"
    r"ten|twelve|twenty|fifty)\b",
    re.I,
)
# A nationality is a demonym, or several joined ("Serbian-American"); English, Scottish and
# Welsh are British.
DEMONYMS = {
    "American", "British", "English", "Scottish", "Welsh", "Irish", "Canadian", "Australian",
    "New Zealand", "French", "German", "Italian", "Spanish", "Portuguese", "Dutch", "Belgian",
    "Swiss", "Austrian", "Swedish", "Norwegian", "Danish", "Finnish", "Icelandic", "Polish",
    "Czech", "Hungarian", "Romanian", "Bulgarian", "Greek", "Turkish", "Russian", "Ukrainian",
    "Serbian", "Croatian", "Israeli", "Iranian", "Iraqi", "Egyptian", "Nigerian", "Kenyan",
    "South African", "Ethiopian", "Moroccan", "Indian", "Pakistani", "Bangladeshi", "Chinese",
    "Japanese", "Korean", "South Korean", "North Korean", "Thai", "Vietnamese", "Filipino",
    "Indonesian", "Malaysian", "Singaporean", "Burmese", "Mexican", "Brazilian", "Argentine",
    "Argentinian", "Chilean", "Colombian", "Peruvian", "Venezuelan", "Cuban", "Jamaican",
}  # fmt: skip
_BRITISH = {"English", "Scottish", "Welsh"}
# Last words of names that say what kind of body it is, not which one.
_GENERIC_LAST = {
    "army", "armies", "party", "front", "force", "forces", "council", "alliance", "group",
    "union", "organisation", "organization", "government", "league", "movement", "company",
    "university", "state", "region", "river", "sea", "city", "district", "township", "command",
}  # fmt: skip
CONTINENTS = {
    "Africa", "Antarctica", "Asia", "Australia", "Europe", "North America", "Oceania",
    "South America",
}  # fmt: skip
ADJACENT = {"nationality", "continent"}  # facts whose value follows their words at once
# Facts whose value is only ever a year: a film or a book first came out in one year, but
# prisoners are released on many days, and a film premieres in several cities.
YEAR_ONLY = {"released"}
_FACTS = {name: re.compile(rf"\b(?:{words})\s+", re.I) for name, words in FACTS.items()}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# A value: a time (a year, a date, a day) or a name (capitalised words, "the Black Sea").
_TIME = re.compile(
    rf"\b(?:(?:1[5-9]|20)\d\d|{_MONTH}(?: \d{{1,2}})?|\d{{1,2}} {_MONTH}|{_WEEKDAY})\b"
)
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*")
_CLAUSE_END = re.compile(r"[.;!?]")
# A reference work opens on a life with its dates in brackets after the name: "Nikola Tesla
# (10 July 1856 – 7 January 1943) was ...", "Selena Gomez (born July 22, 1992) is ...".
_YEAR = r"\b(?:1\d|20)\d\d\b"
_LIFESPAN = re.compile(
    rf"\((?:born\s+)?(?P<born>[^()–—]*?{_YEAR})(?:\s*[–—-]\s*(?P<died>[^()]*?{_YEAR}))?\s*\)"
    r"\s+(?:is|was)\b"
)
# Capitalised words that open a sentence without naming its subject.
_NOT_NAMES = {
    "The", "A", "An", "He", "She", "It", "They", "His", "Her", "Its", "Their", "This", "That",
    "In", "On", "At", "After", "Before", "When", "Later", "Born",
}  # fmt: skip


# A capital is named before its words ("Paris is the capital and largest city of France"), or
# after them ("the capital of France is Paris"); only the present one counts, since capitals
# move ("Yangon was the capital of Burma").
_CAPITAL = re.compile(
    rf"(?P<value>{_NAME.pattern}) is the (?:\w+ )?capital(?: and [\w ]+?)? of "
    rf"(?P<of>{_NAME.pattern})|\b[Tt]he capital of (?P<of2>{_NAME.pattern}) is "
    rf"(?P<value2>{_NAME.pattern})"
)


@dataclass(frozen=True)
class Value:
    text: str
    kind: str  # "time" or "name"


def _values(text: str) -> list[Value]:
    """The times, then the names, a text gives: months and days are times, not names."""
    times = [Value(m[0], "time") for m in _TIME.finditer(text)]
    names = [
        Value(m[0], "name")
        for m in _NAME.finditer(text)
        if not _TIME.fullmatch(m[0]) and not _TIME.match(m[0])
    ]
    return times + names


@dataclass(frozen=True)
class OneValueFact:
    """What a claim says of a fact that has one value: which fact, and the value it gives."""

    fact: str
    value: Value
    subject: str = ""  # the claim's words before the fact: "Barack Obama was"

    @classmethod
    def of(cls, claim: str) -> "OneValueFact | None":
        """The claim's fact, when it states one plainly (a negated claim says no value)."""
        if NEGATION.search(claim):
            return None
        if capital := _capitals(claim):
            place, value = capital[0]
            return cls("capital", Value(value, "name"), place)
        for fact, pattern in _FACTS.items():
            if found := pattern.search(claim):
                if fact in PERSONAL and _COUNTED.search(claim[: found.start()]):
                    # "More than 100 people died in the airstrike" tells of an event.
                    continue
                following = _values(claim[found.end() :])
                starts = [v for v in following if claim[found.end() :].find(v.text) <= 4]
                starts = _kept(fact, starts)
                if starts:
                    return cls(fact, starts[0], claim[: found.start()])
        return None

    def given_by(self, text: str) -> bool:
        """Whether the text states this fact at all, whatever its value."""
        if self.fact == "capital":
            return bool(_capitals(text))
        return bool(_FACTS[self.fact].search(text) or _lifespan(self.fact, text))

    def stated_otherwise(self, text: str, index: AliasIndex) -> list[Value]:
        """The other values the text gives the fact, when it never gives the claim's: Honolulu
        and Hawaii in "born in Honolulu, Hawaii, in 1961" against "born in Kenya" (none against
        "born in Hawaii", nor "born in Dawei" against "born in Myanmar")."""
        if self._named(self.value.text, text, index):
            return []
        if self.fact == "capital":
            # The capital of the claim's place ("Burma" is "Myanmar"), not of a region in it.
            return [
                Value(value, "name")
                for place, value in _capitals(text)
                if self._named(place, self.subject, index)
                and self._named(self.subject, place, index)
            ]
        others = []
        if self.value.kind == "time":
            others += [
                Value(m[0], "time")
                for start, part in _lifespan(self.fact, text)
                if self._same_subject(_clause_before(text, start), index)
                for m in _TIME.finditer(part)
            ]
        for found in _FACTS[self.fact].finditer(text):
            before = _clause_before(text, found.start())
            if NEGATION.search(before) or not self._same_subject(before, index):
                continue
            rest = _CLAUSE_END.split(text[found.end() :])[0]
            values = _values(rest)
            if self.fact in ADJACENT:
                values = [v for v in values if rest.find(v.text) == 0]
            # A place that holds the claim's, or lies in it, gives it no other value.
            others += [
                v for v in values if v.kind == self.value.kind and not self._within(v, index)
            ]
        return _kept(self.fact, others)

    def surely_other(self, value: Value, index: AliasIndex) -> bool:
        """Whether a value is known to differ from the claim's, not only written otherwise: a
        time, or a place the alias index knows, as it knows the claim's ("Dawei" against
        "Mandalay"); "Honolulu" may lie in the claim's "United States" for all it knows."""
        return (
            value.kind == "time"
            or self.fact in ("nationality", "continent", "capital")
            or bool(_place(value.text, index) and _place(self.value.text, index))
        )

    def _same_subject(self, before: str, index: AliasIndex) -> bool:
        """Whether the words before a text's statement of the fact may be of the claim's
        subject: they name it, or name no one ("He was born in ..."); "Aung San Suu Kyi was
        born in Yangon" says nothing of where Min Aung Hlaing was born."""
        named = _names(before)
        if not named or not self.subject:
            return True
        subject = _names(self.subject)
        # "Obama" and "Selena Gomez" are "Barack Obama" and "Selena Marie Gomez", but "the
        # Arakan Army" is not "the Kachin Independence Army".
        for a in named:
            for b in subject:
                shorter, longer = sorted((set(a.split()), set(b.split())), key=len)
                if shorter <= longer or _same_surname(a, b):
                    return True
        return any(self._named(name, self.subject, index) for name in named)

    @staticmethod
    def _named(value: str, text: str, index: AliasIndex) -> bool:
        """The value, or another name of the same place or actor, is in the text."""
        if re.search(rf"\b{re.escape(value)}\b", text, re.I):
            return True
        entities = {entity.id for entity, _ in index.find(value)}
        return bool(entities & {entity.id for entity, _ in index.find(text)})

    def _within(self, other: Value, index: AliasIndex) -> bool:
        """One place holds the other: "Dawei" is in "Myanmar", and "Myanmar" holds "Dawei"; or
        one nationality the other: "English" is "British"."""
        if self.fact == "nationality":
            pair = {self.value.text, other.text}
            return "British" in pair and bool(pair & _BRITISH)
        claimed = _place(self.value.text, index)
        given = _place(other.text, index)
        if not (claimed and given):
            return False
        return claimed.name in (given.admin1, given.country) or given.name in (
            claimed.admin1,
            claimed.country,
        )


def _capitals(text: str) -> list[tuple[str, str]]:
    """(place, its capital) for each present capital a text names."""
    return [
        (found["of"] or found["of2"], found["value"] or found["value2"])
        for found in _CAPITAL.finditer(text)
    ]


def _same_surname(a: str, b: str) -> bool:
    """ "Tom Hanks" and "Thomas Jeffrey Hanks"; not "the Arakan Army" and "the Kachin
    Independence Army", whose last word names no one."""
    last = a.split()[-1]
    return last == b.split()[-1] and last.lower() not in _GENERIC_LAST


def _kept(fact: str, values: list[Value]) -> list[Value]:
    """The values that can be the fact's: a year for a release, demonyms for a nationality."""
    if fact in YEAR_ONLY:
        return [v for v in values if re.fullmatch(_YEAR, v.text)]
    if fact == "nationality":
        return [v for v in values if all(part in DEMONYMS for part in v.text.split("-"))]
    if fact == "continent":
        return [v for v in values if v.text in CONTINENTS]
    return values


def _lifespan(fact: str, text: str) -> list[tuple[int, str]]:
    """(where, the dates) of each bracketed life in a text that gives the fact (born, died)."""
    if fact not in PERSONAL:
        return []
    return [(m.start(), m[fact]) for m in _LIFESPAN.finditer(text) if m[fact]]


def _clause_before(text: str, end: int) -> str:
    """The text of the clause that ends at `end`."""
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, end)), default=0)
    return text[start:end]


def _names(text: str) -> list[str]:
    """The names a text gives, without the capitalised words that open a sentence."""
    names = []
    for found in _NAME.finditer(text):
        words = found[0].split()
        while words and words[0] in _NOT_NAMES:
            words.pop(0)
        if words and not _TIME.match(" ".join(words)):
            names.append(" ".join(words))
    return names


def _place(text: str, index: AliasIndex) -> Entity | None:
    return next((entity for entity, _ in index.find(text) if entity.type == "place"), None)
