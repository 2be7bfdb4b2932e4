"""Sides of the conflict: who a text speaks for, and whom it tells lost, gained or holds a place."""

import re
from dataclasses import dataclass

from verify.engine.text.entities import AliasIndex

# The military and the people who speak for it; every other actor is on the resistance side.
MILITARY_CAMP = frozenset(
    {
        "myanmar-military",
        "min-aung-hlaing",
        "zaw-min-tun",
        "northeastern-command",
        "western-command",
        "pyu-saw-htee",
    }
)
MILITARY_WORDS = frozenset({"military", "junta", "government", "army", "regime", "tatmadaw"})
# Groups that fight as one with others: a gain told of the coalition may be a member's, and one
# told of the People's Defence Forces, which fight beside most groups, may be any group's.
COALITIONS = {"three-brotherhood-alliance": frozenset({"mndaa", "tnla", "arakan-army"})}
FIGHT_BESIDE_ALL = frozenset({"pdf", "nug"})


def allied(actor: str, other: str) -> bool:
    """Whether a gain told of one actor may be the other's: the same, a coalition and its
    member, or forces that fight beside every group."""
    return (
        actor == other
        or actor in COALITIONS.get(other, ())
        or other in COALITIONS.get(actor, ())
        or bool({actor, other} & FIGHT_BESIDE_ALL)
    )


# A claim that a side still holds a place: the side's loss of it contradicts the claim.
HOLDING = re.compile(
    r"\b(?:still|remains?|remained|stay(?:s|ed)?|continues? to|continued to)\b[^.]*?"
    r"\b(?:hold\w*|held|control\w*|in (?:the )?(?:[\w'’-]+ ){0,3}hands)\b|"
    r"\b(?:retain\w*|kept|keeps|keep) (?:control|hold)\b",
    re.I,
)


# Where an army sits: what a setback at "the command" or "a major base" tells of.
MILITARY_SITE = re.compile(
    r"\b(?:command|headquarters|HQ|base|garrison|camp|outpost|stronghold|battalion|regiment|"
    r"position)s?\b",
    re.I,
)


@dataclass(frozen=True)
class Party:
    """Who a passage speaks for: a camp of the conflict, and the name it goes by."""

    camp: str
    name: str


def camp_of(entity_id: str) -> str:
    """The camp an actor is in: the military and those who speak for it, or the resistance."""
    return "military" if entity_id in MILITARY_CAMP else "resistance"


# Giving a place up: "handed Hsipaw back", "handed over the town".
HANDED = r"hand(?:s|ed|ing)? (?:[\w'’-]+ )?(?:back|over)"
# A claim about an actor's loss ("the army lost contact", "troops withdrew") favours the other side.
LOSS = re.compile(
    r"\b(?:lost|loses|lose|losing|withdr[ae]w|withdrawn|retreat\w*|surrender\w*|abandon\w*|"
    rf"pull(?:s|ed|ing)? (?:out|back)|{HANDED}|"
    r"fled|flee\w*|defected|(?:was|were|been|being)(?: not| never)? (?:defeated|routed)|"
    r"admitted|ceded|fell|fallen|fall(?:s|ing)? to|overrun|(?:driven|pushed|forced|chased) out|"
    r"expelled|ousted|"
    r"(?:troops|forces|soldiers|fighters|units?) (?:has|have|had) left|"
    r"(?:unable to|could not|couldn't|cannot) (?:contact|reach|hold|keep|defend)|fail(?:ed|s|ing)?|"
    r"(?:was|were) (?:unable|powerless) to|"
    r"(?:was|were|been) (?:captured|arrested|taken|killed))\b",
    re.I,
)
GENERIC = {
    "military": re.compile(r"\b(?:army|military|troops|soldiers|junta|regime)\b", re.I),
    "resistance": re.compile(
        r"\b(?:rebels?|resistance|insurgents?|fighters|ethnic armed|alliance|guerrillas?)\b", re.I
    ),
}


def actor_mentions(text: str, index: AliasIndex) -> list[tuple[int, Party]]:
    """Every conflict actor a text names, by name or generically, with where it starts."""
    named = [mention for mention in index.mentions(text) if mention[2].type == "actor"]
    found = [(start, Party(camp_of(entity.id), entity.name)) for start, _, entity in named]
    # "Army" in "the Myanmar National Democratic Alliance Army" is the name, not the military.
    for camp, pattern in GENERIC.items():
        found += [
            (match.start(), Party(camp, match[0]))
            for match in pattern.finditer(text)
            if not any(start <= match.start() < end for start, end, _ in named)
        ]
    return found


def actor_party(text: str | None, index: AliasIndex) -> Party | None:
    """The conflict actor named first in a text (usually its subject), as a party."""
    found = actor_mentions(text, index) if text else []
    return min(found, key=lambda pair: pair[0])[1] if found else None


# A side announcing its own gain ("has gained complete victory", "our forces captured").
GAIN = re.compile(
    r"\b(?:captur\w*|seiz\w*|took|tak(?:e|es|en|ing) (?:\w+ )?(?:over|control)|conquer\w*|"
    r"overr[au]n|victory|won|liberat\w*|defeat(?:ed|s)|routed|"
    r"successful (?:offen[cs]ive|assault|attack|operation)|"
    r"(?:drove|pushed|forced|chased)\s+(?:\w+\s+){1,4}?out)\b",
    re.I,
)


def actor_before(pattern: re.Pattern, text: str, index: AliasIndex) -> Party | None:
    """The actor named nearest before the pattern's first match: its subject, usually."""
    found = pattern.search(text)
    if not found:
        return None
    before = [pair for pair in actor_mentions(text, index) if pair[0] < found.start()]
    return max(before, key=lambda pair: pair[0])[1] if before else None


# A loss told as a noun, its loser named just after: "the fall of the army's northern command".
LOSS_OF = re.compile(r"\b(?:fall|loss) of\b", re.I)


def loser(text: str, index: AliasIndex) -> Party | None:
    """The actor that a text reports losing something: the one named just after "the fall of",
    else the one named nearest before the loss.

    "The alliance said 300 soldiers had surrendered" is the military's loss, not the alliance's.
    """
    if found := LOSS_OF.search(text):
        after = [
            pair
            for pair in actor_mentions(text, index)
            if 0 <= pair[0] - found.end() <= len(" the ")
        ]
        if after:
            return min(after, key=lambda pair: pair[0])[1]
    lost = actor_before(LOSS, text, index)
    # "PDF fighters took Kawlin, the first district capital to fall to resistance forces": the
    # loss is the town's, and the actor before it is on the winning side.
    gained = winner(text, index)
    if lost and gained and lost.camp == gained.camp:
        return None
    return lost


def lost_by(text: str, camp: str, index: AliasIndex) -> bool:
    """Whether a text tells of the camp losing: as the loser, or by the other side's gain."""
    gained = party_camp(winner(text, index))
    return loser_camp(text, index) == camp or (gained is not None and gained != camp)


def loser_camp(text: str, index: AliasIndex) -> str | None:
    """The camp of the actor that a text reports losing something."""
    return party_camp(loser(text, index))


def party_camp(party: Party | None) -> str | None:
    return party.camp if party else None


def other_camp(camp: str) -> str:
    return "resistance" if camp == "military" else "military"


# A claim that an actor harmed civilians or committed abuses accuses it: it favours the other side.
HARM = re.compile(
    r"\b(?:bomb\w*|shell\w*|massacr\w*|execut\w*|tortur\w*|abduct\w*|rap(?:e|ed)|loot\w*|"
    r"burn\w* (?:down )?(?:villages?|homes?|houses?)|"
    r"kill\w* (?:[\w,]+ ){0,4}?(?:civilians|people|villagers|residents|children|women|patients|"
    r"students|worshippers|mourners)|"
    r"air ?strikes? on|chemical weapons|war crimes?)\b",
    re.I,
)


# A loss told with its winner after it: "fell to the MNDAA", "was lost to the army".
TO_WINNER = re.compile(
    rf"\b(?:fell|fallen|falls?|lost|ceded|surrendered|{HANDED}) to\b",
    re.I,
)


def winner(text: str, index: AliasIndex) -> Party | None:
    """The actor a text reports gaining: named after a loss to it ("fell to the MNDAA"), or
    before a gain ("the MNDAA captured")."""
    if found := TO_WINNER.search(text):
        after = [pair for pair in actor_mentions(text, index) if pair[0] >= found.end()]
        if after:
            return min(after, key=lambda pair: pair[0])[1]
    return actor_before(GAIN, text, index)


# A claim that denies the event: "the junta did not lose Lashio" favours the junta.
NEGATED = re.compile(
    r"\b(?:did|does|do|has|have|had|was|were) not\b|\b(?:didn't|hasn't|haven't|wasn't|never)\b",
    re.I,
)

# "No soldiers died": a figure of none.
NONE = re.compile(r"\b(?:no|none|nobody|no one)\b", re.I)


def beneficiary_of(claim: str, index: AliasIndex) -> Party | None:
    """The side a claim favours: its actor's, or the other side's when it reports the actor's
    loss or accuses the actor of harm; a claim that denies the event favours the other side.

    In "Lashio fell to the MNDAA" the loss is the town's, and the actor named took it.
    """
    favoured = _affirmed_beneficiary(claim, index)
    if favoured and NEGATED.search(claim):
        return Party(other_camp(favoured.camp), f"opponents of {favoured.name}")
    return favoured


def _affirmed_beneficiary(claim: str, index: AliasIndex) -> Party | None:
    """The side the claim's event, as told, favours."""
    actor = actor_party(claim, index)
    if actor is None:
        if LOSS.search(claim) and MILITARY_SITE.search(claim) and not TO_WINNER.search(claim):
            # "Senior officers were arrested at the command": a loss at an army's own site.
            return Party("resistance", "opponents of the military")
        return None
    if HARM.search(claim):
        return Party(other_camp(actor.camp), f"opponents of {actor.name}")
    if lost := loser(claim, index):
        return Party(other_camp(lost.camp), f"opponents of {lost.name}")
    if LOSS.search(claim) and not TO_WINNER.search(claim):
        # "Officers were arrested at the command": the actor named suffered the loss.
        return Party(other_camp(actor.camp), f"opponents of {actor.name}")
    return actor


def source_party(side: str | None, index: AliasIndex) -> Party | None:
    """The party a source belongs to, from its declared side."""
    if not side:
        return None
    if party := actor_party(side, index):
        return party
    camp = "military" if set(side.lower().split()) & MILITARY_WORDS else "resistance"
    return Party(camp, side)


def holder(text: str, index: AliasIndex) -> Party | None:
    """The actor a text says still holds a place: named in the words that say so ("remained
    under military control"), just after them ("still held by government troops", "remains in
    the hands of the alliance"), or as their subject ("the army still holds the town")."""
    found = HOLDING.search(text)
    if not found:
        return None
    mentions = sorted(actor_mentions(text, index), key=lambda pair: pair[0])
    inside = [party for at, party in mentions if found.start() <= at < found.end()]
    if inside:
        return inside[0]
    if re.match(r"\s+(?:by|of)\b", text[found.end() :]):
        after = [party for at, party in mentions if at >= found.end()]
        if after:
            return after[0]
    return actor_before(HOLDING, text, index)
