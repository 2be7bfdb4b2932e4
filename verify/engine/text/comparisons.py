"""What a text says is more or less than what: "volcanoes emit more carbon dioxide than humans
do" against "human activities emit about 100 times more carbon dioxide than volcanoes" (the
other way round), or "electric cars produce lower emissions than petrol cars" (the opposite)."""

import re
from dataclasses import dataclass

from verify.engine.text.stems import stem_in

# Each scale's comparative, with the one that says the opposite; and other words for them.
_OPPOSITES = {
    "more": "less", "faster": "slower", "warmer": "colder", "stronger": "weaker",
    "older": "younger", "earlier": "later", "longer": "shorter", "heavier": "lighter",
    "richer": "poorer",
}  # fmt: skip
_SAME = {
    "greater": "more", "higher": "more", "larger": "more", "bigger": "more", "fewer": "less",
    "lower": "less", "smaller": "less", "lesser": "less", "hotter": "warmer",
    "cooler": "colder", "quicker": "faster",
}  # fmt: skip
_SCALE_OF = {**{w: w for w in _OPPOSITES}, **{o: w for w, o in _OPPOSITES.items()}}
_COMPARATIVE = re.compile(
    rf"\b(?P<word>{'|'.join(sorted({*_SCALE_OF, *_SAME}))})\b"
    r"(?P<between>(?:\s+[\w-]+){0,7}?)\s+than\s+(?P<right>[^,.;:]+)",
    re.I,
)
# "Twice as much carbon dioxide as natural gas", "half as many as": a multiple of an amount.
_MULTIPLE = re.compile(
    r"\b(?P<times>twice|half|(?:[\d.]+|two|three|four|five|ten|many) times)\s+as\s+"
    r"(?:much|many)\b(?:\s+[\w-]+){0,7}?\s+as\s+(?P<right>[^,.;:]+)",
    re.I,
)
_CLAUSE_START = re.compile(r"[,;:()]|\b(?:and|but|while|whereas|which|that|because)\b", re.I)
_WORD = re.compile(r"[a-z0-9]+")
# Words that only say by how much: "far more than", "much warmer than".
_DEGREE = frozenset(
    "far much even still way vastly slightly somewhat considerably significantly substantially "
    "markedly greatly".split()
)
_APPENDED = re.compile(rf",\s*(?:(?:{'|'.join(sorted(_DEGREE))})\s+)*$", re.I)
# "... than it emits", "... than they absorb": the subject again, doing something else.
_PRONOUN = re.compile(r"\s*(?:it|they)\s+\w+", re.I)
_NOT_HEAD = frozenset(
    "the a an its their this that these those it they is are was were be been has have had do "
    "does did will can about some most many much all of over in on at by times per what".split()
)


@dataclass(frozen=True)
class Comparison:
    """One side said to be more (or less) than the other, on one scale."""

    left: frozenset[str]
    right: frozenset[str]
    left_head: str
    right_head: str
    scale: str  # the comparative for "more" on its scale: "more", "faster", "warmer" ...
    more: bool
    # Two things one subject does ("absorbs more carbon than it emits"): the right side is what
    # it does, and the left side holds the subject and what it does first.
    of_itself: bool = False

    def told(self, other: "Comparison") -> str | None:
        """ "alike" or "otherwise" when the other compares the same two things on the same
        scale; None when it compares other things."""
        if self.scale != other.scale:
            return None
        if self.of_itself and other.of_itself:
            # One subject's two doings: the same subject, and its doings in the same order or
            # the other way round ("emit more carbon than they absorb").
            subject = stem_in(self.left_head, other.left)
            in_order = subject and stem_in(self.right_head, other.right)
            reversed_ = (
                subject
                and stem_in(self.right_head, other.left)
                and stem_in(other.right_head, self.left)
            )
        else:
            in_order = stem_in(self.left_head, other.left) and stem_in(self.right_head, other.right)
            reversed_ = stem_in(self.left_head, other.right) and stem_in(
                self.right_head, other.left
            )
        if in_order:
            same = self.more == other.more
        elif reversed_:
            same = self.more != other.more
        else:
            return None
        return "alike" if same else "otherwise"


def comparisons_in(text: str) -> list[Comparison]:
    """Each "A ... more ... than B" (or "twice as much ... as B") a text states, with the words
    of its two sides."""
    found = []
    for match in _COMPARATIVE.finditer(text):
        word = _SAME.get(match["word"].lower(), match["word"].lower())
        scale = _SCALE_OF[word]
        found += _compared(text, match, scale, more=word == scale)
    for match in _MULTIPLE.finditer(text):
        found += _compared(text, match, "more", more=match["times"].lower() != "half")
    return found


def _compared(text: str, match: re.Match, scale: str, *, more: bool) -> list[Comparison]:
    """The comparison a match states, with the clause before it as its left side.

    A comparison appended to a clause ("cats kill billions of birds, far more than wind
    turbines") has no side of its own before it: its left side is the sentence's first clause.
    """
    before = text[: match.start()]
    clauses = _CLAUSE_START.split(before)
    left = [w for w in _content(clauses[-1]) if w not in _DEGREE]
    if not left and _APPENDED.search(before):
        left = _content(clauses[0])
    right = _content(match["right"])
    if not (left and right):
        return []
    of_itself = bool(_PRONOUN.match(match["right"]))
    return [
        Comparison(frozenset(left), frozenset(right), left[0], right[0], scale, more, of_itself)
    ]


def claimed_comparison(claim: str) -> Comparison | None:
    """The one comparison a claim states, or None."""
    found = comparisons_in(claim)
    return found[0] if len(found) == 1 else None


def _content(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _NOT_HEAD]
