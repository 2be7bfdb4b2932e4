"""Which way a text says something changed, and of what: "Arctic sea ice has been growing" is
a rise of sea ice, "sea ice in the Arctic has declined" a fall of it, "glaciers have not
retreated" no fall of glaciers."""

import re
from dataclasses import dataclass

from verify.engine.text.actions import NEGATION
from verify.engine.text.stems import stem_in

# Words that say a quantity went up or down; "losing mass" is a fall of what loses it.
RISE = r"ris(?:e|es|en|ing)|rose|increas(?:e|es|ed|ing)|gr[eo]w(?:s|n|ing)?|expand(?:s|ed|ing)?"
RISE += r"|climb(?:s|ed|ing)?|soar(?:s|ed|ing)?"
FALL = r"f[ae]ll(?:s|en|ing)?|declin(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|shr[iau]nk(?:s|ing)?"
FALL += r"|dropp?(?:s|ed|ing)?|dwindl(?:e|es|ed|ing)|diminish(?:es|ed|ing)?|retreat(?:s|ed|ing)?"
FALL += (
    r"|melt(?:s|ed|ing)?|(?:los(?:e|es|ing)|lost) (?:[\w-]+ ){0,6}?(?:mass|volume|area|thickness)"
)
# Lower case only: "Axl Rose" did not rise.
_CHANGE = re.compile(rf"\b(?:(?P<rise>{RISE})|(?P<fall>{FALL}))\b")
# A change that stopped is one that no longer goes its way: "has stopped growing".
_HALTED = re.compile(r"\b(?:stop(?:s|ped)?|ceased?|halted)\s*$", re.I)
# What a subject ends at: the words before it belong to another clause.
# "And" joins names as often as clauses ("North America and Europe"); a clause that went before
# ends at its own change ("prices rose and wages fell").
_CLAUSE_START = re.compile(r"[,;:()]|\b(?:but|while|whereas|which|that|when)\b", re.I)
_WORD = re.compile(r"[a-z]+")
_NOT_SUBJECT = frozenset(
    "the a an and its their this that these those has have had is are was were be been being will "
    "would can could may might has steadily slowly rapidly sharply since most much many some all "
    "of in on at around across over from to by for with per every each about between not never "
    "no or nor also still just roughly continued continue continues s stop stops stopped cease "
    "ceased halted".split()
)
# Words that end the head of a subject: "glaciers around the world", "extent of sea ice".
_AFTER_HEAD = frozenset("of in on at around across over from near throughout".split())


@dataclass(frozen=True)
class Trend:
    """A change a text states: what changed (its head word, the words before the head that
    say which one, and all its words) and which way."""

    head: str
    modifiers: frozenset[str]
    words: frozenset[str]
    rising: bool

    def same_subject(self, other: "Trend") -> bool:
        """Whether another trend is of the same thing: its words hold this one's head and at
        least half the words before it that say which one ("coal use" is not "gas use";
        "average life expectancy" is "life expectancy"; "glaciers around the world" are the
        glaciers that "have been retreating worldwide")."""
        held = [stem_in(mine, other.words) for mine in self.modifiers]
        return stem_in(self.head, other.words) and 2 * sum(held) >= len(held)

    def told(self, other: "Trend") -> str | None:
        """ "alike" or "otherwise" when the other is of the same thing; None when not."""
        if not self.same_subject(other):
            return None
        return "alike" if other.rising == self.rising else "otherwise"


def trends_in(text: str) -> list[Trend]:
    """The changes a text states, each with the words of its clause before the verb as its
    subject; a negated change goes the other way."""
    found = []
    start = 0
    for match in _CHANGE.finditer(text):
        before = text[start : match.start()]
        start = match.end()
        clause = _CLAUSE_START.split(before)[-1]
        words = [w for w in _WORD.findall(clause.lower()) if w not in _NOT_SUBJECT]
        if not words:
            continue
        head_words = _WORD.findall(clause.lower())
        cut = next((i for i, w in enumerate(head_words) if w in _AFTER_HEAD and i), None)
        heads = [w for w in head_words[:cut] if w not in _NOT_SUBJECT] or words
        rising = match["rise"] is not None
        if NEGATION.search(clause) or _HALTED.search(clause):
            rising = not rising
        found.append(Trend(heads[-1], frozenset(heads[:-1]), frozenset(words), rising))
    return found


def claimed_trend(claim: str) -> Trend | None:
    """The one change a claim states, or None when it states none or several."""
    trends = trends_in(claim)
    return trends[0] if len(trends) == 1 else None
