"""Definitions: a sentence that says what its subject is ("A wind farm is a group of wind
turbines ..."), and whether it, or any sentence naming only a claim's subject ("Wind farms can
be onshore or offshore"), says anything of what the claim says of that subject."""

import re

from verify.engine.text.stems import stem_in

_SUBJECT_IS = r"^\s*(?:(?:an?|the)\s+)?(?P<subject>[^,;:()]{1,80}?)\s+(?:is|are|was|were)\s+"
_DEFINITION = re.compile(_SUBJECT_IS + r"(?:an?|the|one of the)\s+(?P<rest>.+)$", re.I | re.S)
# "Renewable energy is energy from sources that ...": no article, but the subject's own head
# word opens what it is said to be, so the sentence names its kind. A subject with a number is
# a count ("20 shots were shots in ...", a slip), and a word that runs into a dot is an address.
_GENUS = re.compile(_SUBJECT_IS + r"(?P<rest>(?P<kind>[a-z]+)\s.+)$", re.I | re.S)
_WORD = re.compile(r"[a-z]+")
_NOT_CONTENT = frozenset(
    "the and that this these those with from into than then there their they them more most "
    "less least over under also only such other which what when where while about some many "
    "much very have been being were does used uses using".split()
)


def _content(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _NOT_CONTENT]


def _definition(text: str) -> re.Match | None:
    """The subject and the rest of a sentence that says what its subject is, if it does."""
    defined = _DEFINITION.match(text)
    if defined:
        return defined
    named = _GENUS.match(text)
    if (
        named
        and not any(c.isdigit() for c in named["subject"])
        and _content(named["subject"])[-1:] == [named["kind"].lower()]
    ):
        return named
    return None


def says_nothing_of(claim: str, text: str) -> bool:
    """Whether the text only defines something the claim names and shares none of the words
    the claim says of it: "A wind farm is a group of wind turbines" says nothing of "wind farms
    cause cancer", but "Kubrick was an American film director" does of "Kubrick directed a
    film". A claim that is itself a definition is answered by one."""
    defined = _definition(text)
    if not defined or _definition(claim):
        return False
    subject = _content(defined["subject"])
    claimed = _content(claim)
    if not subject or not any(stem_in(word, subject) for word in claimed):
        return False
    said = [word for word in claimed if not stem_in(word, subject)]
    rest = _content(defined["rest"])
    return not any(stem_in(word, rest) for word in said)


# A claim's words ("co2" is one), and the auxiliaries among them, which say nothing of its
# subject by themselves.
_CLAIM_WORD = re.compile(r"[a-z][a-z0-9]*")
_AUXILIARY = frozenset("has had are can could may might must will shall should would not".split())


def names_only_subject(claim: str, text: str) -> bool:
    """Whether the text shares with the claim only its opening one or two words (its subject),
    and none of the two or more it says of it: "Wind farms can be onshore or offshore" names
    the subject of "wind farms cause cancer in people living nearby" and says nothing of it."""
    words = [
        word
        for word in _CLAIM_WORD.findall(claim.lower())
        if len(word) > 2 and word not in _NOT_CONTENT and word not in _AUXILIARY
    ]
    said = _content(text)
    shared = [stem_in(word, said) for word in words]
    subject = next((i for i, alike in enumerate(shared) if not alike), len(shared))
    return 0 < subject <= 2 and not any(shared[subject:]) and len(words) - subject >= 2
