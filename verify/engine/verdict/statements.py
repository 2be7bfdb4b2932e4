"""Claims about what a side said: judged on the side's own words, not on whether it happened."""

import re
from dataclasses import dataclass

_ASSERTING = (
    r"said|says|announced|announces|claimed|claims|stated|declared|declares|confirmed|confirms|"
    r"admitted|admits|acknowledged|acknowledges|insisted|insists"
)
_DENYING = r"denied|denies|rejected|rejects|dismissed|dismisses"
_CLAIM = re.compile(
    rf"^(?P<speaker>.+?)\s+(?:(?:first|later|also|publicly|officially)\s+)?"
    rf"(?P<verb>{_ASSERTING}|{_DENYING})\s+(?P<content>.+?)\.?$",
    re.I,
)
# What was said, as a clause of its own: "that ...", "it had ...", "losing contact ...".
_THAT = re.compile(r"^(?:[^,]{0,40}?\s)?that\s+", re.I)
_PRONOUN = re.compile(r"^(?:it|they|its|their)\b", re.I)
_GERUND = re.compile(r"^\w+ing\b", re.I)
# What was said, as a noun, read as the event: "claimed full control of Lashio" (the speaker took
# full control of Lashio), "claimed responsibility for the attack" (it carried out the attack).
_CONTROL = re.compile(r"^(?:(?:full|complete|total|partial)\s+)?control\s+(?:of|over)\b", re.I)
_RESPONSIBILITY = re.compile(r"^responsibility\s+for\s+", re.I)
_REPORTS = re.compile(
    r"^(?:the\s+)?(?:reports?|claims?|allegations?|rumou?rs?)\s+(?:that\s+)?", re.I
)


@dataclass(frozen=True)
class Statement:
    """A claim that a speaker said (or denied) something, split into who and what."""

    speaker: str
    content: str
    denial: bool


def statement_claim(claim: str) -> Statement | None:
    """The speaker and content of a claim about a statement ("X said it had taken Y"), or None.

    The content reads as a claim of its own ("X had taken Y"), for the stance model to judge.
    """
    match = _CLAIM.match(claim.strip())
    if not match or len(match["speaker"].split()) > 8:
        return None
    speaker, content = match["speaker"], match["content"]
    denial = re.fullmatch(_DENYING, match["verb"], re.I) is not None
    if denial:
        content = _REPORTS.sub("", content)
    content = _THAT.sub("", content, count=1) if _THAT.match(content) else content
    # The claim's words are put in as they are, never read as a replacement template.
    if _CONTROL.match(content):
        content = f"{speaker} took {content}"
    elif found := _RESPONSIBILITY.match(content):
        content = f"{speaker} carried out {content[found.end() :]}"
    elif found := _PRONOUN.match(content):
        content = f"{_possessive(speaker, content)}{content[found.end() :]}"
    elif _GERUND.match(content):
        content = f"{speaker} {content}"
    elif not denial and not _THAT.match(match["content"]):
        # "X claims victory" names no event of its own to judge.
        return None
    return Statement(speaker, content, denial)


def _possessive(speaker: str, content: str) -> str:
    """The speaker in the pronoun's place: "its forces" -> "The MNDAA's forces"."""
    return f"{speaker}'s" if content.lower().startswith(("its", "their")) else speaker
