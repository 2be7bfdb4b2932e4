"""The claim a negated claim denies: "the MNDAA did not capture Lashio" denies "the MNDAA
captured Lashio". The stance model reads affirmations far better than denials (it reads nearly
any related passage as contradicting a short denial), so a denial's contradictions are checked
against the claim it denies (verify.engine.verdict.model.read_denial)."""

import re

from lemminflect import getInflection

# "did not take" is "took", "does not flow" is "flows", "do not hold" is "hold".
_DO = re.compile(r"\b(did|does|do)(?:\s+not|n['’]t)\s+(\w+)", re.I)
_DO_FORMS = {"did": "VBD", "does": "VBZ", "do": "VBP"}
# "was not taken" is "was taken", "has never won" is "has won", "can't hold" is "can hold".
_AUXILIARY = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|can|could|should)(?:\s+not\b|n['’]t\b)", re.I
)
_CONTRACTED = {"won't": "will", "won’t": "will", "can't": "can", "can’t": "can", "cannot": "can"}
_NEVER = re.compile(r"\bnever\s+", re.I)
_FAILED_TO = re.compile(
    r"\b(?:fail(?:ed|s)?|(?:was|were|is|are) (?:unable|powerless)) to\s+(\w+)", re.I
)
# A claim that starts "No civilians were killed" denies that civilians were killed, and "the
# army suffered no losses" that it suffered losses; "no longer", "no one" are not undone so.
_NO_SUBJECT = re.compile(r"^No\s+(?=\w)", re.I)
_NO_OBJECT = re.compile(r"(?<=\w)\s+no\s+(?!longer\b|one\b|doubt\b|matter\b)(?=\w)", re.I)
# Negations this module cannot undo ("nobody", "none", a second negation): left as they are.
_ANY_NEGATION = re.compile(
    r"\b(?:not|never|no|nobody|none|neither|nor|cannot|fail(?:ed|s)? to|unable to|powerless to)"
    r"\b|n['’]t\b",
    re.I,
)


def inflected(verb: str, tag: str) -> str | None:
    """The verb in the form of a Penn tag ("take", "VBD": "took"), keeping its capital."""
    forms = getInflection(verb.lower(), tag=tag)
    if not forms:
        return None
    form = forms[0]
    return form.capitalize() if verb[:1].isupper() else form


def affirmed(claim: str) -> str | None:
    """The claim a claim with one negation denies, or None when it has none, more than one, or
    one this module cannot undo ("not only" adds, it does not deny)."""
    if re.search(r"\bnot only\b", claim, re.I) or len(_ANY_NEGATION.findall(claim)) != 1:
        return None
    found = _undone(claim)
    # "Don't forget to tip" starts as it did: "Forget to tip".
    return found[:1].upper() + found[1:] if found and claim[:1].isupper() else found


def _undone(claim: str) -> str | None:
    """The claim with its one negation undone, or None where this module cannot undo it."""
    text = claim
    for contracted, auxiliary in _CONTRACTED.items():
        text = re.sub(rf"\b{contracted}", auxiliary, text, flags=re.I)
    if text != claim:
        return text
    if found := _DO.search(text):
        verb = inflected(found[2], _DO_FORMS[found[1].lower()])
        if verb is None:
            return None
        return text[: found.start()] + verb + text[found.end() :]
    if found := _FAILED_TO.search(text):
        verb = inflected(found[1], "VBD")
        if verb is None:
            return None
        return text[: found.start()] + verb + text[found.end() :]
    for pattern, replacement in (
        (_AUXILIARY, r"\1"),
        (_NEVER, ""),
        (_NO_SUBJECT, ""),
        (_NO_OBJECT, " "),
    ):
        changed = pattern.sub(replacement, text, count=1)
        if changed != text:
            return changed
    return None
