"""Who asserts a passage's content, and whether it is hedged, questioned or denied.

A passage often names its speaker only as "the group", "the military" or "he", where the document
it comes from named the actor a sentence or two before. Given that document, such a speaker is
resolved to the nearest named actor of the right kind, and the result records how the speaker
was found, so that an explanation can show it.
"""

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from verify.engine.text.passages import without_dateline

if TYPE_CHECKING:
    from verify.engine.text.entities import AliasIndex, Entity

# Verbs of saying, in the forms reporting uses them.
_SAY = (
    # "states" and "reports" are nouns as often ("the Kachin and Karen states", "United States"):
    # verbs only before "that", a colon or a quote.
    r"said|says|say|told|claimed|announced|announces|stated|"
    r"(?:states|reports)(?=\s+that\b|\s*[:\"“])|reported|"
    r"added|confirmed|confirms|denied|denies|insisted|insists|alleged|alleges|asserted|"
    r"declared|declares|acknowledged|acknowledges|admitted|admits|wrote|posted|tweeted|"
    r"warned|explained|noted|maintained|maintains"
)
# A speaker: a short noun phrase, which may start with a determiner and hold a possessive. A
# name's acronym in brackets after it is part of the name ("the Arakan Army (AA) said").
_WORD = r"[\w'’.\-]+(?:\s+\([A-Z][\w\-]{1,11}\))?"
_PHRASE = (
    r"(?:(?:the|a|an|its|their|his|her)\s+)?" + _WORD
    + r"(?:\s+(?:of|for|from|in|at|and)?\s*" + _WORD + r"){0,6}?"
)  # fmt: skip
_NOT_SPEAKERS = {
    "it", "this", "that", "which", "who", "there", "he", "she", "they", "we", "i", "you",
    "reports", "report", "sources", "officials", "residents", "witnesses",
}  # fmt: skip
# Words between the speaker and the verb that are not the speaker ("the group first announced").
_ADVERBS = {
    "also", "later", "earlier", "previously", "again", "then", "now", "since", "first", "once",
    "still", "already", "yesterday", "today", "tonight", "meanwhile", "separately",
}  # fmt: skip
# A time or place between the speaker and the verb ("the army on July 25 said", "late Friday").
_TRAILING_TIME = re.compile(
    r"\s+(?:(?:late|early)\s+)?(?:on|in|at)\s+[\w.]+(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?$"
    r"|\s+(?:late|early)\s+\w+$"
    r"|\s+(?:last|this)\s+(?:week|month|year|night|weekend|\w+day)$",
    re.I,
)
# Words that belong to the previous clause or set the time ("on Sunday the army said", "but the
# group said", "later they said").
_LEADING = re.compile(
    r"\s*(?:(?:on|in|at|late|early|but|while)\b\s*)*"
    r"(?:(?:(?<=on )(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|later|earlier"
    r"|meanwhile|separately)\b,?\s+(?=\w))?",
    re.I,
)
_PASSIVE = {"was", "were", "is", "are", "be", "been", "being"}
# A verb of saying inside a relative or subordinate clause attributes that clause, not the
# passage: "fighters stood at the gate of the base, which the group said it had taken" reports
# what was seen first-hand, and "if confirmed, it would be the first" reports nobody's words.
_SUBORDINATE = re.compile(
    r"(?:which|who|whom|whose|if|unless|once|when|whenever|although|though|because|until)\b",
    re.I,
)
# Pronouns and generic subjects still attribute, but to nobody we can name.
_ANONYMOUS = {"he", "she", "they", "we", "it", "sources", "officials", "residents", "witnesses"}

# Speakers that stand for an actor named elsewhere in the document, by the kind they stand for.
_GENERIC = (
    (
        "resistance",
        re.compile(
            r"(?:the\s+)?(?:(?:rebel|armed|ethnic|ethnic\s+armed|resistance|insurgent)\s+)?"
            r"(?:group|rebels|alliance)",
            re.I,
        ),
    ),
    ("military", re.compile(r"(?:the\s+)?(?:military\s+)?(?:military|army|junta|regime)", re.I)),
    ("person", re.compile(r"he|she", re.I)),
    ("actor", re.compile(r"they|it", re.I)),
)
_KIND_NAMES = {
    "resistance": "non-military actor",
    "military": "military actor",
    "person": "person",
    "actor": "actor",
}
NAMED_IN_PASSAGE = "named in the passage"

_ACCORDING = re.compile(
    r"\baccording to\s+(" + _PHRASE + r")(?=[,.;:]|\s+(?:on|in|at|who)\b|$)", re.I
)
_SUBJECT_SAID = re.compile(
    r"(?:^|[,;:][\"'”’]*\s*|(?<=[.!?])[\"'”’]*\s+|\s[-–—]+\s*|\bthat\s+|\band\s+)("
    + _PHRASE
    + r")\s+(?:has\s+|have\s+|had\s+)?("
    + _SAY
    + r")\b",
    re.I,
)
# The speaker after the verb, ending the sentence or followed by a time or another clause
# ("..., said military spokesman Zaw Min Tun on Aug 5, following weeks of fighting").
_SAID_SUBJECT = re.compile(
    r"[,”\"]\s*(?:" + _SAY + r")\s+(" + _PHRASE + r")(?=\s*[.!,;]|\s+on\b|\s*$)", re.I
)
# "..., said the statement from the Kachin, Karen and Chin groups.": whose statement it was.
_SAID_BY_STATEMENT = re.compile(
    r"[,”\"]\s*(?:said|says)\s+(?:the|a|an)\s+(?:joint\s+)?statement\s+(?:from|by|of)\s+"
    r"([^.;!?\"“”]{2,80}?)\s*[.!]?$",
    re.I,
)
_STATEMENT = re.compile(
    r"\b(?:in a|in its|in their|a)\s+(?:written\s+|joint\s+|brief\s+)?"
    r"(statement|press release|post|announcement|communique|briefing)\b",
    re.I,
)
_SPOKESPERSON = re.compile(
    r"\b(?:a\s+)?spokes(?:man|woman|person) (?:for|of) (" + _PHRASE + r")\b", re.I
)

HEDGES = {
    "reportedly": r"\breportedly\b",
    "allegedly": r"\ballegedly\b|\balleged\b",
    "unconfirmed": r"\bunconfirmed\b|\bnot (?:been )?confirmed\b|\byet to be confirmed\b",
    "unverified": r"\bunverified\b|\bcould not (?:be )?(?:independently )?verif(?:y|ied)\b"
    r"|\bcannot be (?:independently )?verified\b|\bnot (?:be )?independently verified\b"
    r"|\bcould not independently confirm\b",
    "suggest": r"\bsuggests?\b|\bsuggested\b",
    "appears": r"\bappears? to\b|\bappeared to\b|\bapparently\b|\bseem(?:s|ed)? to\b",
    "claims": r"\bclaim(?:s|ed)?\b",
    "possibly": r"\bpossibl[ye]\b|\bmay have\b|\bmight have\b|\bcould have\b|\bperhaps\b",
    "rumour": r"\brumou?rs?\b|\brumou?red\b",
    "purportedly": r"\bpurported(?:ly)?\b",
    "believed": r"\b(?:is|are|was|were) (?:widely )?believed\b|\bunclear\b",
}
_HEDGES = {name: re.compile(pattern, re.I) for name, pattern in HEDGES.items()}
# People who tell what they saw where it happened: their word reports the event.
_WITNESSES = re.compile(
    r"\b(?:residents?|witness(?:es)?|eyewitness(?:es)?|villagers?|locals|local people|"
    r"(?:aid|humanitarian|rescue|relief|health|medical) workers?|doctors?|refugees|survivors?)\b",
    re.I,
)
_QUESTION = re.compile(r"\?\s*$|\bwhether\b|\bquestion(?:s|ed)?\b|\bdoubts?\b|\bdoubtful\b", re.I)
_DENIAL = re.compile(
    r"\bden(?:y|ying|ied|ies|ial)\b|\brejected\b|\brefuted\b|\bdismissed\b|\bfalse\b|\buntrue\b"
    r"|\bnot true\b|\bbaseless\b|\bfabricat\w*|\bfake news\b|\bno truth\b|\bnever happened\b",
    re.I,
)


# People, as texts name them: by a title or role ("Major General Zaw Min Tun", "spokesman Khaing
# Thukha") or in apposition ("Khaing Thukha, the group's spokesman,").
_TITLE_WORDS = {
    "senior", "vice", "deputy", "general", "major", "lieutenant", "brigadier", "colonel",
    "captain", "commander", "gen.", "col.", "lt.", "maj.", "capt.", "brig.", "daw", "u", "mr",
    "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president", "prime", "minister", "chairman",
    "sao", "sai",
}  # fmt: skip
_FEMALE = {"daw", "mrs", "mrs.", "ms", "ms.", "spokeswoman", "madam"}
_MALE = {"u", "mr", "mr.", "spokesman", "sai"}
_NAME_WORD = r"[A-Z][a-z][\w'’\-]*"
_PERSON_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
_TITLE = (
    r"(?:Vice[-\s]Senior\s+General|Senior\s+General|(?:Major|Lieutenant|Brigadier)[-\s]General"
    r"|(?:Lieutenant[-\s])?Colonel|General|Brigadier|Major|Captain|Commander|President"
    r"|Prime\s+Minister|Minister|Chairman|(?:Maj|Lt|Brig|Gen|Col|Capt|Dr|Mr|Mrs|Ms)\.?|U|Daw|Sao)"
)
_ROLE = r"(?:spokes(?:man|woman|person)|commander|chairman|leader|chief|minister)"
_TITLED = re.compile(rf"\b({_TITLE}|{_ROLE})\s+({_PERSON_NAME})")
_APPOSITION = re.compile(
    rf"\b({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}),\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’\-]+\s+){{0,4}}?"
    rf"({_ROLE}|official|general|head|founder|secretary)\b"
)
# A person named as a sentence's speaker, without title or role ("said Jason Tower").
_SPEAKING = re.compile(
    rf"\b(?:said|says|told)\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\b"
    rf"|\b({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s+(?:said|says|told)\b"
)
# Words that make a capitalised name an organisation, not a person.
_ORGANISATION_WORDS = {
    "army", "institute", "council", "ministry", "party", "group", "front", "alliance", "forces",
    "government", "office", "agency", "union", "association", "organization", "organisation",
    "committee", "command", "police", "news", "times", "post", "military", "league", "reuters",
}  # fmt: skip
_SENTENCE_WORDS = {
    "the", "a", "an", "meanwhile", "but", "and", "however", "yesterday", "today", "then", "later",
    "earlier", "in", "on", "at", "after", "before", "when", "while", "separately", "speaking",
}  # fmt: skip
# Sentence ends; a full stop after a title or an initial ("Gen.", "U.S.") does not end one.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\s*\n\s*")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|Gen|Col|Lt|Maj|Capt|Brig|Sgt|Mr|Mrs|Ms|Dr|St|No|Prof|Jan|Feb|Aug|Sept?"
    r"|Oct|Nov|Dec|U\.S|U\.N)\.$"
)


@dataclass(frozen=True)
class Attribution:
    """What a passage says about its own content: whose it is and how sure.

    `speaker_mention` holds the passage's words for the speaker ("The group", "officials");
    `speaker_found_by` says how `speaker` was found from them (named in the passage, resolved to
    the nearest named actor of the document, anonymous, or why it was left unresolved). Both are
    None when nothing in the passage attributes its content.
    """

    speaker: str | None = None
    attributed: bool = False
    cue: str | None = None
    hedges: tuple[str, ...] = field(default_factory=tuple)
    questioned: bool = False
    denied: bool = False
    speaker_found_by: str | None = None
    speaker_mention: str | None = None
    # The passage's words without their attribution: what the speaker is said to have said.
    reported: str | None = None

    @property
    def hedged(self) -> bool:
        return bool(self.hedges)

    @property
    def witnessed(self) -> bool:
        """Whether the speakers are people on the ground: residents, witnesses, aid workers."""
        return bool(self.speaker_mention and _WITNESSES.search(self.speaker_mention))

    def as_dict(self) -> dict:
        return {
            "speaker": self.speaker,
            "attributed": self.attributed,
            "cue": self.cue,
            "hedged": self.hedged,
            "hedges": list(self.hedges),
            "questioned": self.questioned,
            "denied": self.denied,
            "speaker_found_by": self.speaker_found_by,
            "speaker_mention": self.speaker_mention,
        }


@dataclass(frozen=True)
class _Mention:
    """The passage's words for its speaker and where they start (-1 when there are none)."""

    cue: str
    phrase: str | None = None  # the part that may stand for a named actor ("the group")
    start: int = -1
    words: str | None = None  # as the passage has them ("spokesman for the group")
    prefix: str = ""  # put before the resolved name: "spokesperson for "
    anonymous: bool = False
    reported: str | None = None  # what the speaker is said to have said


@dataclass(frozen=True)
class _Candidate:
    """A named actor or person a generic speaker may stand for."""

    key: str
    name: str  # the speaker it gives: the entity's name, or the person's name as written
    written: str  # as the document names it
    gender: str | None = None


def _trim(phrase: str) -> str:
    """A speaker phrase without surrounding filler, adverbs or a time between it and the verb."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:'’\"")
    phrase = re.sub(r"^(?:and|but|while|as)\s+", "", phrase, flags=re.I)
    while True:
        before = phrase
        phrase = _TRAILING_TIME.sub("", phrase)
        # Adverbs between the speaker and the verb ("the MNDAA reportedly said").
        words = phrase.split()
        while len(words) > 1 and (
            words[-1].lower().endswith("ly") or words[-1].lower() in _ADVERBS
        ):
            words.pop()
        phrase = " ".join(words)
        if phrase == before:
            return phrase


def _clean(phrase: str) -> str | None:
    """A speaker phrase without trailing filler; None when it names nobody."""
    phrase = _trim(phrase)
    if not phrase or phrase.lower() in _NOT_SPEAKERS:
        return None
    return phrase


def _named(
    cue: str,
    phrase: str,
    start: int,
    words: str | None = None,
    prefix: str = "",
    reported: str | None = None,
):
    """A mention from a speaker phrase: anonymous when the phrase names nobody."""
    trimmed = _trim(phrase)
    return _Mention(
        cue,
        phrase=trimmed,
        start=start,
        words=words or trimmed,
        prefix=prefix,
        anonymous=_clean(trimmed) is None,
        reported=reported,
    )


# What opens the reported words after the verb of saying: a time, and "that".
_REPORTED_OPENING = re.compile(
    r"^\s*(?:(?:on|in|at|late|early|last|this)\s+[\w.]+\s*,?\s*)?(?:that\s+)?", re.I
)
# Fewer words than this are no statement of their own ("..., the group said.").
_REPORTED_WORDS = 4


def _reported(*parts: str) -> str | None:
    """Reported words from the parts of a passage around its attribution, or None."""
    words = " ".join(part.strip(" ,;:-–—\"'“”‘’") for part in parts if part.strip())
    words = words.strip(" ,;:.")
    return words if len(words.split()) >= _REPORTED_WORDS else None


def _mention(text: str) -> _Mention | None:
    """The first attribution of a passage, or None."""
    if match := _ACCORDING.search(text):
        after = text[match.end() :]
        # "..., according to a villager who helped collect the bodies": the rest is the speaker's.
        reported = _reported(text[: match.start()], "" if re.match(r"\s+who\b", after) else after)
        return _named("according to", match[1], match.start(1), reported=reported)
    if match := _SPOKESPERSON.search(text):
        words = re.sub(r"^an?\s+", "", match[0], flags=re.I)
        return _named("spokesperson", match[1], match.start(1), words, "spokesperson for ")
    if match := _SAID_BY_STATEMENT.search(text):
        return _named(
            "statement", match[1], match.start(1), reported=_reported(text[: match.start()])
        )
    for match in _SAID_SUBJECT.finditer(text):
        if _names_someone(match[1]):
            reported = _reported(text[: match.start()])
            return _named("said", match[1], match.start(1), reported=reported)
    for match in _SUBJECT_SAID.finditer(text):
        # A subject starts after the last sentence end before it ("Fighting went on. They said").
        subject, start = match[1], match.start(1)
        last = (_sentences(subject) or [subject])[-1]
        start += subject.rindex(last)
        if _SUBORDINATE.match(last.strip()):
            continue
        leading = _LEADING.match(last)
        phrase = _trim(last[leading.end() :])
        if not phrase:
            continue
        start += leading.end()
        if phrase.lower().split()[-1] in _PASSIVE:  # "the ceasefire was announced"
            continue
        # "X said (on Friday) (that) ...", or "..., X said." with the words before it.
        after = text[match.end() :]
        reported = _reported(after[_REPORTED_OPENING.match(after).end() :]) or _reported(
            text[:start]
        )
        if phrase.lower().split()[-1] in _ANONYMOUS:
            return _Mention(
                match[2].lower(), phrase, start, phrase, anonymous=True, reported=reported
            )
        if _clean(phrase):
            return _Mention(match[2].lower(), phrase, start, phrase, reported=reported)
    if match := _STATEMENT.search(text):
        return _Mention(match[1].lower(), anonymous=True)
    return None


_SPEAKER_START = re.compile(
    r"(?:the|a|an|its|their|his|her)\s|(?-i:[A-Z])|[\w\s]*\b(?:spokes\w+|officials?|residents?"
    r"|witnesses|sources?|commanders?|analysts?|observers?|police|villagers)\b",
    re.I,
)


def _names_someone(phrase: str) -> bool:
    """Whether words after a verb of saying can be its speaker ("said the army", not "reported
    killed" or "said to be wounded")."""
    return bool(_SPEAKER_START.match(phrase)) and not phrase.lower().startswith("to ")


def _generic(phrase: str | None) -> str | None:
    """The kind of actor a generic speaker stands for ("the group": resistance), or None."""
    if phrase:
        for kind, pattern in _GENERIC:
            if pattern.fullmatch(phrase.strip()):
                return kind
    return None


def _sentences(text: str) -> list[str]:
    """The sentences of a text, in order; a line break always ends one."""
    pieces, start = [], 0
    for match in _BOUNDARY.finditer(text):
        if "\n" not in match[0] and _ABBREVIATION.search(text[start : match.start()]):
            continue
        pieces.append(text[start : match.start()])
        start = match.end()
    pieces.append(text[start:])
    return [piece for piece in pieces if piece.strip()]


def _gender(words: list[str]) -> str | None:
    lowered = {word.lower() for word in words}
    if lowered & _FEMALE:
        return "female"
    if lowered & _MALE:
        return "male"
    return None


def _person(entity: "Entity") -> tuple[bool, str | None]:
    """(is a person, gender if known): a person has a titled alias ("Daw Aung San Suu Kyi")."""
    titles: list[str] = []
    for alias in entity.aliases:
        if alias != entity.name and alias.endswith(" " + entity.name):
            words = alias[: -len(entity.name)].split()
            if words and all(word.lower() in _TITLE_WORDS for word in words):
                titles += words
    return bool(titles), _gender(titles)


def _name_words(phrase: str) -> list[str]:
    """A capitalised phrase's words without the sentence's opening ("Meanwhile", "The")."""
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in _SENTENCE_WORDS:
        words = words[1:]
    return [] if words[0].lower() in _SENTENCE_WORDS else words


def _people(sentence: str, index: "AliasIndex") -> list[_Candidate]:
    """People a sentence names by title, role or apposition; an indexed person by its entity."""
    found = []
    named = [(m[2], m[1].split()) for m in _TITLED.finditer(sentence)]
    for match in _APPOSITION.finditer(sentence):
        if words := _name_words(match[1]):
            named.append((" ".join(words), match[2].split()))
    for match in _SPEAKING.finditer(sentence):
        words = _name_words(match[1] or match[2])
        if len(words) > 1 and not {w.lower() for w in words} & _ORGANISATION_WORDS:
            named.append((" ".join(words), []))
    for name, title in named:
        entities = [entity for entity, _ in index.find(name)]
        if not entities:
            found.append(_Candidate(name.lower(), name, name, _gender(title)))
        elif entities[0].type == "actor" and _person(entities[0])[0]:
            entity = entities[0]
            found.append(_Candidate(entity.id, entity.name, name, _person(entity)[1]))
    return found


def _candidates(sentence: str, kind: str, index: "AliasIndex") -> list[_Candidate]:
    """The distinct actors of one sentence that a generic speaker of `kind` may stand for."""
    # The camps of the conflict are the verdict rules' (imported here: they import this module).
    from verify.engine.verdict.sides import camp_of

    found: dict[str, _Candidate] = {}
    for entity, alias in index.find(sentence):
        if entity.type != "actor":
            continue
        person, gender = _person(entity)
        if kind == "person":
            fits = person
        elif kind == "actor":
            fits = not person
        else:
            fits = not person and (camp_of(entity.id) == "military") == (kind == "military")
        if fits:
            found.setdefault(entity.id, _Candidate(entity.id, entity.name, alias, gender))
    if kind == "person":
        for candidate in _people(sentence, index):
            found.setdefault(candidate.key, candidate)
    return list(found.values())


def _before(context: str, text: str, position: int) -> str:
    """The document up to a point of the passage: all of it when the passage is not found in it."""
    at = context.find(text)
    if at < 0 and text.split():
        # The same words with other spacing (a passage cut from a re-flowed document).
        loose = re.search(r"\s+".join(map(re.escape, text.split())), context)
        at = loose.start() if loose else -1
    head = context[:at] if at >= 0 else context + "\n"
    return head + text[:position]


_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def _listed(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " and " + names[-1]


def _resolve(
    mention: _Mention, kind: str, before: str, index: "AliasIndex"
) -> tuple[str | None, str]:
    """(speaker, how found) for a generic mention, from the nearest sentence naming a candidate."""
    said = mention.phrase.lower()
    what = _KIND_NAMES[kind]
    for sentence in reversed(_sentences(before)):
        if kind == "person":
            # A quote names the people it speaks of, not its speaker ("'For X, ...,' he said").
            sentence = _QUOTED.sub(" ", sentence)
        found = _candidates(sentence, kind, index)
        if said == "he":
            found = [c for c in found if c.gender != "female"]
        elif said == "she":
            found = [c for c in found if c.gender != "male"]
        if len(found) == 1:
            name = found[0]
            return (
                mention.prefix + name.name,
                f"'{said}' resolved to the nearest named {what} in the document ({name.written})",
            )
        if found:
            names = _listed([f"'{c.written}'" for c in found])
            return None, f"'{said}' not resolved: {names} are equally near in the document"
    return None, f"'{said}' not resolved: no named {what} before it in the document"


def _speaker(
    mention: _Mention | None,
    text: str,
    offset: int,
    context: str | None,
    index: "AliasIndex | None",
) -> tuple[str | None, str | None]:
    """(speaker, how it was found) for a passage's mention of its speaker."""
    if mention is None:
        return None, None
    if mention.phrase is None:
        return None, f"not named (a {mention.cue})"
    said = mention.phrase.lower()
    kind = _generic(mention.phrase)
    if kind is None:
        if mention.anonymous:
            return None, f"anonymous ('{said}')"
        return mention.prefix + mention.phrase, NAMED_IN_PASSAGE
    if not context:
        as_written = None if mention.anonymous else mention.prefix + mention.phrase
        return as_written, f"'{said}' not resolved: no document given"
    if index is None:
        from verify.engine.text.entities import AliasIndex

        index = AliasIndex.default()
    before = _before(context, text, offset + mention.start)
    return _resolve(mention, kind, before, index)


def analyse(
    text: str, context: str | None = None, index: "AliasIndex | None" = None
) -> Attribution:
    """Find attribution, hedges, questions and denials in one passage.

    `context` is the text of the passage's document. With it, a generic speaker ("the group",
    "the rebels", "the alliance"; "the military", "the army", "the junta", "the regime"; "he",
    "she"; "they") is resolved to the nearest actor of its kind named before it: in the document
    before the passage (all of the document if the passage is not found in it), then in the
    passage before the speaker. Nearest means in the closest sentence naming one; when that
    sentence names two or more, or none is found, the speaker is left as None, still attributed.
    `index` finds the named actors (the shipped alias index by default); people are also found
    by title or role in the text. Without `context` a generic speaker stays as written.
    """
    # A wire dateline is not part of the first sentence's clause.
    body = without_dateline(text)
    offset = len(text) - len(body)
    mention = _mention(body)
    speaker, found_by = _speaker(mention, text, offset, context, index)
    hedges = tuple(name for name, pattern in _HEDGES.items() if pattern.search(text))
    return Attribution(
        speaker=speaker,
        attributed=mention is not None,
        cue=mention.cue if mention else None,
        hedges=hedges,
        questioned=bool(_QUESTION.search(text)),
        denied=bool(_DENIAL.search(text)),
        speaker_found_by=found_by,
        speaker_mention=mention.words if mention else None,
        reported=mention.reported if mention else None,
    )
