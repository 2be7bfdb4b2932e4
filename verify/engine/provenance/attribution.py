"""Who asserts a passage's content, and whether it is hedged, questioned or denied."""

import re
from dataclasses import dataclass, field

# Verbs of saying, in the forms reporting uses them.
_SAY = (
    r"said|says|say|told|claimed|announced|announces|stated|states|reported|reports|"
    r"added|confirmed|confirms|denied|denies|insisted|insists|alleged|alleges|asserted|"
    r"declared|declares|acknowledged|acknowledges|admitted|admits|wrote|posted|tweeted|"
    r"warned|explained|noted|maintained|maintains"
)
# A speaker: a short noun phrase, which may start with a determiner and hold a possessive.
_PHRASE = (
    r"(?:(?:the|a|an|its|their|his|her)\s+)?[\w'’.\-]+"
    r"(?:\s+(?:of|for|from|in|at|and)?\s*[\w'’.\-]+){0,5}?"
)
_NOT_SPEAKERS = {
    "it", "this", "that", "which", "who", "there", "he", "she", "they", "we", "i", "you",
    "reports", "report", "sources", "officials", "residents", "witnesses",
}  # fmt: skip
_ADVERBS = {"also", "later", "earlier", "previously", "again", "then", "now", "since"}
# Pronouns and generic subjects still attribute, but to nobody we can name.
_ANONYMOUS = {"he", "she", "they", "we", "it", "sources", "officials", "residents", "witnesses"}

_ACCORDING = re.compile(
    r"\baccording to\s+(" + _PHRASE + r")(?=[,.;:]|\s+(?:on|in|at|who)\b|$)", re.I
)
_SUBJECT_SAID = re.compile(
    r"(?:^|[,;:]\s*|\s[-–—]+\s*|\bthat\s+|\band\s+)("
    + _PHRASE
    + r")\s+(?:has\s+|have\s+|had\s+)?("
    + _SAY
    + r")\b",
    re.I,
)
_SAID_SUBJECT = re.compile(r",\s*(?:" + _SAY + r")\s+(" + _PHRASE + r")\s*[.!]?$", re.I)
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
_QUESTION = re.compile(r"\?\s*$|\bwhether\b|\bquestion(?:s|ed)?\b|\bdoubts?\b|\bdoubtful\b", re.I)
_DENIAL = re.compile(
    r"\bden(?:y|ied|ies|ial)\b|\brejected\b|\brefuted\b|\bdismissed\b|\bfalse\b|\buntrue\b"
    r"|\bnot true\b|\bbaseless\b|\bfabricat\w*|\bfake news\b|\bno truth\b|\bnever happened\b",
    re.I,
)


@dataclass(frozen=True)
class Attribution:
    """What a passage says about its own content: whose it is and how sure."""

    speaker: str | None = None
    attributed: bool = False
    cue: str | None = None
    hedges: tuple[str, ...] = field(default_factory=tuple)
    questioned: bool = False
    denied: bool = False

    @property
    def hedged(self) -> bool:
        return bool(self.hedges)

    def as_dict(self) -> dict:
        return {
            "speaker": self.speaker,
            "attributed": self.attributed,
            "cue": self.cue,
            "hedged": self.hedged,
            "hedges": list(self.hedges),
            "questioned": self.questioned,
            "denied": self.denied,
        }


def _clean(phrase: str) -> str | None:
    """A speaker phrase without trailing filler; None when it names nobody."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,.;:'’\"")
    phrase = re.sub(r"^(?:and|but|while|as)\s+", "", phrase, flags=re.I)
    phrase = re.sub(r"\s+(?:on|in|at|late|early)\s+\w+$", "", phrase, flags=re.I)
    # Adverbs between the speaker and the verb ("the MNDAA reportedly said") are not the speaker.
    words = phrase.split()
    while len(words) > 1 and (words[-1].lower().endswith("ly") or words[-1].lower() in _ADVERBS):
        words.pop()
    phrase = " ".join(words)
    if not phrase or phrase.lower() in _NOT_SPEAKERS:
        return None
    return phrase


def _speaker(text: str) -> tuple[str | None, str | None, bool]:
    """(speaker, cue, attributed) for the first attribution found."""
    if match := _ACCORDING.search(text):
        return _clean(match[1]), "according to", True
    if match := _SPOKESPERSON.search(text):
        return _clean(f"spokesperson for {match[1]}"), "spokesperson", True
    if match := _SAID_SUBJECT.search(text):
        return _clean(match[1]), "said", True
    for match in _SUBJECT_SAID.finditer(text):
        subject = match[1]
        words = subject.split()
        # Drop leading words that belong to the previous clause ("on Sunday the army said").
        while words and words[0].lower() in {"on", "in", "at", "late", "early", "but", "while"}:
            words = words[1:]
        subject = " ".join(words)
        if subject.lower().split()[-1:] and subject.lower().split()[-1] in _ANONYMOUS:
            return None, match[2].lower(), True
        if speaker := _clean(subject):
            return speaker, match[2].lower(), True
    if match := _STATEMENT.search(text):
        return None, match[1].lower(), True
    return None, None, False


# A wire dateline ("LASHIO, Myanmar (Reuters) - ") is not part of the first sentence's clause.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’]+(?:,\s*[\w .]+)?(?:\s*\([^)]*\))?\s*[-–—]+\s*")


def analyse(text: str) -> Attribution:
    """Find attribution, hedges, questions and denials in one passage."""
    speaker, cue, attributed = _speaker(_DATELINE.sub("", text, count=1))
    hedges = tuple(name for name, pattern in _HEDGES.items() if pattern.search(text))
    return Attribution(
        speaker=speaker,
        attributed=attributed,
        cue=cue,
        hedges=hedges,
        questioned=bool(_QUESTION.search(text)),
        denied=bool(_DENIAL.search(text)),
    )
