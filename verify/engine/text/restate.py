"""Claims worded around an event, restated as the event: "the junta could not stop the MNDAA
taking Laukkai" is "the MNDAA took Laukkai"; "Laukkai did not stay in junta hands" and "the
junta no longer holds Laukkai" are "the junta lost (control of) Laukkai". The stance model and
the rules read the event plainly worded far better: around it, a report of the event reads as
contradicting the claim's "not" or "stop"."""

import re

from lemminflect import getLemma

from verify.engine.text.negation import inflected

_UNABLE = (
    r"(?:could not|couldn['’]t|cannot|can['’]t|(?:was|were) (?:unable|powerless) to|failed to|"
    r"did not|didn['’]t)"
)
_STOP = r"(?:stop|prevent|block|halt)"
_STOPPED = r"(?:stopped|prevented|blocked|halted)"
_LOSS_NOUN = r"the (?:fall|loss|capture|seizure) of"
# "A could not stop B (from) taking P" / "A stopped B (from) taking P".
_FAILED_TO_STOP = re.compile(
    rf"^(?P<a>.+?) {_UNABLE} {_STOP} (?P<b>.+?) (?:from )?(?P<verb>\w+ing) (?P<rest>.+)$", re.I
)
_STOPPED_ACT = re.compile(
    rf"^(?P<a>.+?) {_STOPPED} (?P<b>.+?) (?:from )?(?P<verb>\w+ing) (?P<rest>.+)$", re.I
)
# "B was prevented from taking P".
_PREVENTED_FROM = re.compile(
    rf"^(?P<b>.+?) (?:was|were) {_STOPPED} from (?P<verb>\w+ing) (?P<rest>.+)$", re.I
)
# "Nothing stopped B taking P": no one stopped it, so it happened.
_NO_ONE = re.compile(r"^(?:nothing|nobody|no one|none)$", re.I)
# "A could not prevent the fall of P" / "A prevented the fall of P".
_FAILED_TO_STOP_LOSS = re.compile(rf"^(?P<a>.+?) {_UNABLE} {_STOP} {_LOSS_NOUN} (?P<p>.+)$", re.I)
_STOPPED_LOSS = re.compile(rf"^(?P<a>.+?) {_STOPPED} {_LOSS_NOUN} (?P<p>.+)$", re.I)
# "P did not stay in junta hands", "P no longer remains under army control".
_NOT_KEPT = re.compile(
    r"^(?P<p>.+?) (?:did not|didn['’]t|does not|doesn['’]t|has not|hasn['’]t|no longer) "
    r"(?:stay|remain)(?:s|ed)? (?:in the hands of (?P<a1>.+)|in (?P<a2>.+?)(?:['’]s?)? hands|"
    r"under (?P<a3>.+?) control)$",
    re.I,
)
# A claim about what someone said keeps its words: the restated event would drop the speaker.
_ATTRIBUTED = re.compile(
    r"\b(?:said|says|say|according to|claim(?:s|ed)?|report(?:s|ed)?|announc\w*|den(?:y|ies|ied)|"
    r"admit\w*|allege\w*)\b",
    re.I,
)
# "A no longer holds P", "A has no control of P": A lost it.
_NO_HOLD = re.compile(
    r"^(?P<a>.+?) (?:no longer (?:holds?|held|controls?|controlled)|(?:is|was|are|were) no longer "
    r"in control of|(?:has|have|had) no (?:control|hold) (?:of|over)) (?P<p>.+)$",
    re.I,
)
_DETERMINER = re.compile(r"^(?:the|a|an|its|their|his|her)\b", re.I)
_NOT_ACTOR_END = {"the", "a", "an", "and", "or", "of", "its", "their"}
_NOT_ACTOR_START = {"from", "to", "by"}


def restated(claim: str) -> str | None:
    """The claim as the event it is worded around, or None when it is not so worded."""
    text = claim.strip().rstrip(".")
    if _ATTRIBUTED.search(text):
        return None
    if found := _FAILED_TO_STOP_LOSS.match(text):
        return _sentence(f"{_actor(found['a'])} lost {found['p']}")
    if found := _STOPPED_LOSS.match(text):
        return _sentence(f"{found['p']} remained in the hands of {_object(found['a'])}")
    if found := _NO_HOLD.match(text):
        return _sentence(f"{_actor(found['a'])} lost control of {_object(found['p'])}")
    if found := _NOT_KEPT.match(text):
        actor = found["a1"] or found["a2"] or found["a3"]
        return _sentence(f"{_actor(actor)} lost {_object(found['p'])}")
    # (pattern, the verb's form, how the event is told) for each way of wording a stopped act.
    stopped = _STOPPED_ACT.match(text)
    unstopped = bool(stopped and _NO_ONE.match(stopped["a"]))
    for pattern, tag, told in (
        (_PREVENTED_FROM, "VB", "did not {}"),
        (_FAILED_TO_STOP, "VBD", "{}"),
        (_STOPPED_ACT, "VBD" if unstopped else "VB", "{}" if unstopped else "did not {}"),
    ):
        found = pattern.match(text)
        if found and _names_actor(found["b"]) and (verb := _verb(found["verb"], tag)):
            return _sentence(f"{_actor(found['b'])} {told.format(verb)} {found['rest']}")
    return None


def _verb(gerund: str, tag: str) -> str | None:
    """ "taking" as "took" (VBD) or "take" (VB); None for a word that is no verb's gerund."""
    lemmas = getLemma(gerund.lower(), upos="VERB")
    return inflected(lemmas[0], tag) if lemmas else None


def _names_actor(words: str) -> bool:
    """Whether words can be who was stopped: not "the" of "stopped the shelling of", nor
    "bombing and" of "stopped bombing and shelling villages"."""
    parts = words.split()
    return (
        len(parts) <= 6
        and not any(part.lower().endswith("ing") for part in parts)
        and parts[-1].lower() not in _NOT_ACTOR_END
        and parts[0].lower() not in _NOT_ACTOR_START
    )


def _actor(words: str) -> str:
    """An actor as a sentence's subject: "junta" is "the junta", "the MNDAA" stays."""
    return words if _DETERMINER.match(words) or words[:1].isupper() else f"the {words}"


def _object(words: str) -> str:
    """An actor or a place after a verb: "The army" is "the army", "MNDAA" stays."""
    actor = _actor(words)
    return actor[:1].lower() + actor[1:] if _DETERMINER.match(actor) else actor


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
