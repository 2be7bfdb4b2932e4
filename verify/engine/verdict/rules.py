"""The rules of conflict reporting, applied to a verdict and written into its explanation."""

import re
from dataclasses import dataclass, field

from verify.engine.text.actions import NEGATION, denied_actions, events_in
from verify.engine.text.comparisons import claimed_comparison, comparisons_in
from verify.engine.text.counts import COUNTED_AS, counts_in, ordinals_in
from verify.engine.text.definitions import names_only_subject, says_nothing_of
from verify.engine.text.entities import AliasIndex, Entity
from verify.engine.text.facts import OneValueFact
from verify.engine.text.locations import Location, located, misplaced, placed_alike
from verify.engine.text.passages import split_passages, without_dateline
from verify.engine.text.things import names_things, things_in
from verify.engine.text.trends import claimed_trend, trends_in
from verify.engine.verdict.model import (
    SIDE_FOCUS,
    SIDE_SIMILARITY,
    Judged,
    Verdict,
    bearing,
    decide,
    default_verdict_model,
    features,
    origins,
)
from verify.engine.verdict.sides import (
    GAIN,
    HOLDING,
    LOSS,
    MILITARY_SITE,
    NEGATED,
    NONE,
    Party,
    actor_mentions,
    actor_party,
    allied,
    beneficiary_of,
    camp_of,
    holder,
    loser_camp,
    lost_by,
    other_camp,
    party_camp,
    winner,
)
from verify.engine.verdict.statements import Statement, statement_claim

QUALIFIER = re.compile(
    r"\b(fully|completely|entirely|totally|wholly|all|every|entire|whole|complete|total)\b", re.I
)
ADMISSION_FACTOR = 1.5  # an admission against interest outweighs an ordinary report
# A claim about a state that changes with time (who holds a place, whether a ceasefire has
# collapsed): the newest credible reports decide it.
STATE_CHANGE = re.compile(
    r"\b(?:captur\w*|seiz\w*|took|tak(?:e|es|en|ing)|control\w*|hold\w*|held|conquer\w*|"
    r"recaptur\w*|retook|retak\w*|regain\w*|overr[au]n\w*|fell|fallen|occup\w*|liberat\w*|"
    r"withdr[ae]w\w*|handed over|handover|collaps\w*|broke down|break(?:s|ing)? down)\b",
    re.I,
)
# A place taken back: the loss before it is no contradiction of the one who took it back.
RETAKING = re.compile(
    r"\b(?:recaptur\w*|retook|retak\w*|regain\w*|re-?enter\w*|"
    r"(?:won|took|taken|taking|take) (?:\w+ )?back)\b",
    re.I,
)
# A claim about what someone said or denied is about the statement, not the event.
STATEMENT = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|claim(?:s|ed|ing)?|sa(?:y|ys|id)|announc\w*|admit\w*|"
    r"acknowledg\w*|reject\w*|insist\w*|confirm\w*)\b",
    re.I,
)
SUPPORTING, REFUTING, RELATED = 0.4, 0.4, 0.5
SIDES = ("supports", "refutes")


# "No children died", "no soldiers were killed": a toll of none of what it names.
_NONE_CLAIMED = re.compile(
    r"^\s*no\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]+s|people|men|women|children)\s+"
    r"(?:(?:were|was|have been|had been)\s+)?(?:died|killed|wounded|injured|hurt)\b",
    re.I,
)
_CASUALTIES = re.compile(r"\b(?:kill\w*|dead|died|deaths?|wounded|injur\w*|victims)\b", re.I)


def _none_of(claim: str) -> str | None:
    """What a claim says there was none of ("no children died": children), or None."""
    found = _NONE_CLAIMED.match(claim)
    return COUNTED_AS.get(found["noun"].lower(), found["noun"].lower()) if found else None


def _counts_some(text: str, noun: str) -> bool:
    """Whether a text counts one or more of the noun among casualties."""
    return bool(_CASUALTIES.search(text)) and any(
        value > 0 and counted == noun for value, counted in counts_in(text)
    )


def _counts_of(text: str, counted: set[str]) -> bool:
    """Whether a text counts any of the things counted."""
    return any(noun in counted for _, noun in counts_in(text))


@dataclass
class OriginView:
    """An origin as the rules see it: its stance, weight, party and the text it rests on."""

    id: str
    items: list[Judged]  # its passages on the claim (all of them when none is)
    party: Party | None
    support: float
    refute: float
    unrelated: float
    denied: bool
    passages: list[Judged]  # every passage of the origin that was judged

    @property
    def published_at(self) -> str | None:
        """When the origin last spoke of it (ISO text sorts in time order): a party that
        claimed a town in 2024 and said it handed the town back in 2025 holds the later word."""
        dates = [item.published_at for item in self.items if item.published_at]
        return max(dates) if dates else None

    @property
    def texts(self) -> str:
        return " ".join(item.text for item in self.items)

    @property
    def sources(self) -> list[str]:
        return sorted({item.source for item in self.items})


def _views(
    judged: list[Judged], parties: dict[int, Party | None], topical: set[int]
) -> list[OriginView]:
    views = []
    for origin_id, everything in sorted(origins(judged).items()):
        everything = [i for i in everything if i.judged]
        # An origin's stance is that of its passages on the claim, not of its other sentences.
        items = [i for i in everything if i.key in topical] or everything
        sided = bearing(items)
        total = sum(i.weight for i in sided) or 1.0

        def mean(label, sided=sided, total=total):
            return sum(i.weight * i.side_probabilities[label] for i in sided) / total

        party = next((parties[i.key] for i in items if parties.get(i.key)), None)
        denied = any(i.attribution.denied for i in items)
        # A passage naming every actor and place of the claim is on its topic, whatever the
        # stance model's word-overlap features say.
        unrelated = 0.0 if items[0].key in topical else mean("unrelated")
        support, refute = mean("supports"), mean("refutes")
        if party:
            # Reports that quote a party's statement are neutral as reports; the party's own
            # position is what its statement says, so its most decided passage speaks for it.
            support = max(support, *(i.side_probabilities["supports"] for i in sided))
            refute = max(refute, *(i.side_probabilities["refutes"] for i in sided))
        views.append(
            OriginView(origin_id, items, party, support, refute, unrelated, denied, everything)
        )
    return views


@dataclass
class Reading:
    """The evidence sorted the way the rules need it."""

    beneficiary: Party | None
    independent: list[OriginView]
    own_claims: list[OriginView]
    admissions: list[OriginView]
    party_support: list[OriginView]
    # Independent, unhedged reports of the event that take no position of their own.
    reports: list[OriginView]
    # Contradictions: by independent origins; by the claim's own side (against its interest);
    # and by the other side (a denial in its own favour, weak on its own).
    independent_refutes: list[OriginView] = field(default_factory=list)
    own_side_refutes: list[OriginView] = field(default_factory=list)
    party_refutes: list[OriginView] = field(default_factory=list)
    # Passages the stance model found related that are about other places only; and every
    # passage about other places only, however it was read.
    elsewhere: list[int] = field(default_factory=list)
    other_places: set[int] = field(default_factory=set)
    # Independent origins reporting the loss of a place the claim says its holder keeps.
    lost_holds: list[str] = field(default_factory=list)
    # Independent origins reporting the loss of a place a claim tells of ("the army failed to
    # hold Lashio", "junta troops withdrew from Laukkai").
    losses_confirmed: list[str] = field(default_factory=list)
    # Independent origins reporting that the other side still holds what a claim says changed
    # hands (or, of a claim that it did not, that the side the claim favours does).
    kept_holds: list[str] = field(default_factory=list)
    # Independent origins that give a fact with one value another value (born in another town).
    other_values: list[str] = field(default_factory=list)
    # Independent origins that count what a claim says there was none of.
    some_counted: list[str] = field(default_factory=list)
    # Origins read as contradicting a claim's one-value fact that do not state it.
    fact_silent: list[str] = field(default_factory=list)
    # Origins read as contradicting a claim's figure that give no figure and deny nothing.
    figure_silent: list[str] = field(default_factory=list)
    # Origins that never name the thing a claim is about (a jet, a bridge), nor deny it.
    thing_silent: list[str] = field(default_factory=list)
    # Independent origins read as contradicting that only say the outcome is not known.
    outcome_unclear: list[str] = field(default_factory=list)
    # Origins that say in so many words that the claim's event did not happen (or, of a claim
    # that it did not, that it did).
    events_denied: list[str] = field(default_factory=list)
    # Independent origins that say, as a claim that its event did not happen does, that it
    # did not.
    denied_alike: list[str] = field(default_factory=list)
    # Independent origins that tell of the claim's harm as done by the other side only.
    other_actor: list[str] = field(default_factory=list)
    # Independent origins telling of the claimed place taken by another actor.
    other_winner: list[str] = field(default_factory=list)
    # Origins read as supporting that tell only of the opposite event (an arrest, of a release).
    other_event: list[str] = field(default_factory=list)
    # Origins read as contradicting that tell of the claim's event as the claim does.
    event_told: list[str] = field(default_factory=list)
    # Independent origins that say otherwise of a claim's detail (where a town is, a rank), with
    # what they say; and those that say the same.
    wrong_details: dict[str, list[str]] = field(default_factory=dict)
    details_alike: list[str] = field(default_factory=list)
    # Independent origins that say of a settled fact's quantity otherwise (sea ice declined,
    # against "sea ice has been growing"), and those that say, plainly, the same; by the kind
    # of statement (see STATEMENTS).
    told_otherwise: dict[str, str] = field(default_factory=dict)
    told_alike: dict[str, str] = field(default_factory=dict)
    # Origins that make none of the claim's statements where others make one.
    statement_silent: list[str] = field(default_factory=list)
    # Origins that only define a settled fact's subject, saying nothing of what the claim says.
    definitions_only: list[str] = field(default_factory=list)
    # Origins that name only a settled fact's subject and none of what the claim says of it.
    subject_only: list[str] = field(default_factory=list)
    # Whether the claim is conflict reporting, whose first reports are often wrong and whose
    # parties spin them; a settled fact of the world ("Tesla was born in 1856") is not.
    of_the_conflict: bool = True

    @property
    def credible_support(self) -> list[OriginView]:
        return self.independent + self.admissions

    @property
    def credible_refute(self) -> list[OriginView]:
        return self.independent_refutes + self.own_side_refutes


def on_topic(claim: str, judged: list[Judged], index: AliasIndex) -> set[int]:
    """Passages the stance model finds related, or that name every entity the claim names."""
    named = {entity.id for entity, _ in index.find(claim)}

    def names_all(text: str) -> bool:
        return bool(named) and named <= {entity.id for entity, _ in index.find(text)}

    return {
        item.key
        for item in judged
        if item.judged and (item.probabilities["unrelated"] < RELATED or names_all(item.text))
    }


def _places(text: str, index: AliasIndex) -> list[Entity]:
    """The places a text names below the country: a country holds every place of its own.

    A dateline names where the report was filed, not what it is about. An actor with a seat
    names its place: the North-eastern Command is in Lashio.
    """
    return [
        place
        for entity, _ in index.find(without_dateline(text))
        if (place := index.place_of(entity)) and place.admin1
    ]


def _same_place(place: Entity, other: Entity) -> bool:
    """The same place, or one is the state or region that holds the other."""
    regional = place.name == place.admin1 or other.name == other.admin1
    return place.id == other.id or (place.admin1 == other.admin1 and regional)


def elsewhere(claim: str, judged: list[Judged], index: AliasIndex) -> set[int]:
    """Passages that name places, none of them the claim's place or the region that holds it;
    and passages that name no place, in a report whose places are all other ones."""
    claimed = _places(claim, index)
    if not claimed:
        return set()
    return {
        item.key
        for item in judged
        if (named := _places_of(item, index))
        and not any(_same_place(c, p) for c in claimed for p in named)
    }


def _places_of(item: Judged, index: AliasIndex) -> list[Entity]:
    """The places a passage names, or else those its report names."""
    return _places(item.text, index) or _places(without_dateline(item.context or ""), index)


# Words that name no target of their own: without them and the names, a claim that is left
# with nothing else is about the place itself ("the rebels took control of Lashio").
_FRAME = re.compile(
    r"\b(?:the|a|an|of|in|at|to|from|by|on|over|its|their|now|has|have|had|was|were|is|are|"
    r"been|town|city|control|hold\w*|held|forces|troops|fighters|group|rebels?|army|military|"
    r"junta|regime|ethnic|armed|resistance|attacks?|offensive|assault|battle|fight\w*|for|"
    r"repel\w*|defen[cd]\w*|keep|kept)\b",
    re.I,
)


def _target_words(claim: str, index: AliasIndex) -> set[str]:
    """What a claim says was taken or held besides the place itself: "port" in "the Arakan
    Army captured the port of Kyaukphyu"; none in "the rebels took control of Lashio"."""
    rest = claim
    for _, alias in index.find(claim):
        rest = re.sub(re.escape(alias), " ", rest, flags=re.I)
    for pattern in (HOLDING, QUALIFIER, LOSS, GAIN, STATE_CHANGE, NEGATED, _FRAME):
        rest = pattern.sub(" ", rest)
    return {word.lower() for word in re.findall(r"[^\W\d_]{3,}", rest)}


def _about_place_or_base(claim: str, index: AliasIndex) -> bool:
    """The claim is about who took or holds the place itself, or an army's base there, not
    something in it (its airport, a prison, weapons)."""
    return bool(MILITARY_SITE.search(claim)) or not _target_words(claim, index)


def _tells_of_hands(claim: str) -> bool:
    """The claim tells that something was taken, lost or is still held, not what was said."""
    told = STATE_CHANGE.search(claim) or LOSS.search(claim) or GAIN.search(claim)
    return bool(told and not STATEMENT.search(claim))


def _changed_hands(claim: str, index: AliasIndex) -> bool:
    """The claim is that a place, or an army's base there, was taken, lost or is still held.

    Losing a base says nothing of the town's airport, its prison or weapons seized.
    """
    return _tells_of_hands(claim) and _about_place_or_base(claim, index)


def setbacks_at_place(
    claim: str,
    judged: list[Judged],
    parties: dict[int, Party | None],
    index: AliasIndex,
    claimed: list[Entity],
    present: set[str],
) -> set[int]:
    """Passages in which a party reports its own side's setback at the place, or the base, a
    claim says changed hands.

    An admission rarely repeats the claim ("troops have been unable to contact officers at the
    command"), so the stance model may find it unrelated. It is on the claim's topic when the
    claim is about the place itself or a base there, the passage names the claim's place (or
    names no place, speaks of a base, and its whole report is about that place), and the loss may
    be the gain of the actors the claim names.

    claimed: the places of a claim that they changed hands (see _changed_hands); present: the
    actors the evidence places there (see _actors_at).
    """

    def here(item: Judged, loser: str) -> bool:
        named = _places_of(item, index)
        return (
            bool(named)
            and all(any(_same_place(c, p) for c in claimed) for p in named)
            and _gain_of_claimed(claim, loser, present, index)
            and bool(MILITARY_SITE.search(item.text) or _places(item.text, index))
        )

    return {
        item.key
        for item in judged
        if item.judged
        and (party := parties.get(item.key))
        and loser_camp(item.text, index) == party.camp
        and here(item, party.camp)
    }


def _actors_at(
    claimed: list[Entity], judged: list[Judged], parties: dict[int, Party | None], index
) -> set[str]:
    """The actors the evidence places at a claimed place: named in a sentence of a report about
    it, or speaking as a party in a passage about it ("our forces hold the command in Lashio")."""

    def about_place(text: str) -> bool:
        # A sentence about a town names it: one that names only its region ("an offensive in
        # northern Shan State") or another town there ("Lashio, the largest town in northern
        # Shan State") places nobody in Kyaukme. A region holds what is in it.
        return any(
            c.id == p.id or (c.name == c.admin1 and p.admin1 == c.admin1)
            for p in _places(text, index)
            for c in claimed
        )

    reports = {item.context or item.text for item in judged}
    named = {
        actor
        for report in reports
        for sentence in split_passages(report) or [report]
        if about_place(sentence)
        for actor in _actors(sentence, index)
    }
    speaking = {
        actor
        for item in judged
        if (party := parties.get(item.key)) and about_place(item.text)
        for actor in _actors(party.name, index)
    }
    return named | speaking


def _gain_of_claimed(claim: str, loser: str, present: set[str], index: AliasIndex) -> bool:
    """Whether a setback of the loser's camp at the claimed place may be the gain of the actors
    the claim names on the other side, given the actors the evidence names at the place.

    A loss is not a gain for anyone: where the reports name other actors of that side at the
    place, and not the claim's ("the MNDAA holds the command in Lashio", against "the KIA took
    Lashio"), the loss tells of their gain, not of the claim's.
    """
    gainers = {actor for actor in _actors(claim, index) if camp_of(actor) != loser}
    there = {actor for actor in present if camp_of(actor) != loser}
    return not there or gainers <= there


def _actors(text: str, index: AliasIndex) -> set[str]:
    return {entity.id for entity, _ in index.find(text) if entity.type == "actor"}


def lost_hold(
    claim: str,
    view: OriginView,
    beneficiary: Party | None,
    index: AliasIndex,
    claimed: list[Entity],
) -> bool:
    """An independent report of the loss, by the side a claim says still holds a place, or of
    the place itself by the side a claim says took it (claimed: its places, see read); a gain
    of the other side is that side's loss."""
    if not beneficiary or view.party is not None or view.denied:
        return False
    # "The army, which lost Lashio in August, retook it" tells of the loss and of its reversal.
    lost = [
        item
        for item in view.items
        if lost_by(item.text, beneficiary.camp, index) and not RETAKING.search(item.text)
    ]
    if HOLDING.search(claim):
        return bool(lost)
    # "The MNDAA lost Lashio to the army" against "the loss of Lashio, the first command to fall
    # to rebels": a report of the army losing the place the claim says it gained.
    return any(
        _same_place(c, p) for item in lost for p in _places(item.text, index) for c in claimed
    )


def confirmed_loss(
    claim: str,
    view: OriginView,
    beneficiary: Party | None,
    index: AliasIndex,
    claimed: list[Entity],
    present: set[str] | None,
) -> bool:
    """An independent report of the loss of a place that a claim says the other side of the
    one it favours lost, in words of a negation or a failure ("the army failed to hold Lashio",
    "the rebels did not lose the battle for Lashio") or of a loss with no figure or date to
    differ on ("junta troops withdrew from Laukkai"), against "the fall of Lashio to rebels".
    Or a plain capture, against a report of the loss that names its side the winner ("the
    Arakan Army captured Sittwe", against "junta troops withdrew from Sittwe after the Arakan
    Army took the command"). claimed: the claim's places; present: the actors the evidence
    places there (see read)."""
    if not (beneficiary and claimed) or view.party is not None or view.denied:
        return False
    plainly = not re.search(r"\d", claim)
    as_loss = NEGATION.search(claim) or (LOSS.search(claim) and plainly)
    as_gain = not as_loss and plainly and GAIN.search(claim) and not QUALIFIER.search(claim)
    if not (as_loss or as_gain):
        return False
    if any(action == "capture" for action, _ in denied_actions(claim)):
        # "The army failed to take Laukkai" is an attacker's failure, not a holder's loss.
        return False
    losing = other_camp(beneficiary.camp)
    if not _gain_of_claimed(claim, losing, present or set(), index):
        return False
    return any(
        lost_by(item.text, losing, index)
        and not lost_by(item.text, beneficiary.camp, index)
        and not RETAKING.search(item.text)
        and any(_same_place(c, p) for p in _places(item.text, index) for c in claimed)
        and (not as_gain or party_camp(winner(item.text, index)) == beneficiary.camp)
        for item in view.items
    )


def taken_by_another(
    claim: str, view: OriginView, claimed: list[Entity], index: AliasIndex
) -> bool:
    """Whether every passage of an origin tells of the place a claim says an actor took as
    taken by another actor, not allied to it, and never names the claim's."""
    if not claimed or NEGATION.search(claim) or not GAIN.search(claim):
        return False
    gainer = winner(claim, index)
    gainers = _actors(gainer.name, index) if gainer else set()
    if not gainers:
        return False

    def by_another(text: str) -> bool:
        taker = winner(text, index)
        takers = _actors(taker.name, index) if taker else set()
        return (
            bool(takers)
            and not _actors(text, index) & gainers
            and not any(allied(a, b) for a in takers for b in gainers)
            and any(_same_place(c, p) for p in _places(text, index) for c in claimed)
        )

    return all(by_another(item.text) for item in view.items)


def kept_by(
    view: OriginView,
    camp: str,
    index: AliasIndex,
    places: list[Entity],
    target: set[str],
) -> bool:
    """An independent report that the camp still holds the place, or the thing there, a claim
    says changed hands, or did not ("the port remained under military control", against "the
    Arakan Army captured the port of Kyaukphyu" or "... has not taken the port"). places: the
    claim's places; target: what it says changed hands there (see _target_words)."""
    if view.party is not None or view.denied:
        return False

    def keeps(text: str) -> bool:
        kept = holder(text, index)
        return (
            kept is not None
            and kept.camp == camp
            and loser_camp(text, index) != kept.camp
            and any(_same_place(c, p) for c in places for p in _places(text, index))
            and all(re.search(rf"\b{word}", text, re.I) for word in target)
        )

    return any(keeps(item.text) for item in view.items)


def read(
    claim: str,
    judged: list[Judged],
    parties: dict[int, Party | None],
    index,
    *,
    said: bool = False,
) -> Reading:
    """Sort related origins into independent support, a party's own claims, and admissions.

    With said, the claim is what a party is said to have said: a setback the stance model does
    not find related is no record of anyone's words.
    """
    beneficiary = beneficiary_of(claim, index)
    reading = Reading(beneficiary, [], [], [], [], [])
    reading.of_the_conflict = of_the_conflict(claim, index)
    # A report from another town does not bear on a claim about this one, whatever its stance.
    aside = elsewhere(claim, judged, index)
    # "Headquartered in Laukkai" is about another place than "Lashio" because it contradicts
    # "the MNDAA has its headquarters in Lashio".
    fact = OneValueFact.of(claim)
    other_values = {i.key: fact.stated_otherwise(i.text, index) for i in judged} if fact else {}
    none_of = _none_of(claim)
    aside = {key for key in aside if not other_values.get(key)}
    reading.other_places = aside
    reading.elsewhere = sorted(
        i.key
        for i in judged
        if i.key in aside and i.judged and i.probabilities["unrelated"] < RELATED
    )
    judged = [item for item in judged if item.key not in aside]
    # The places a claim says changed hands, and who the evidence places there (see
    # _gain_of_claimed); none for any other claim.
    places = _places(claim, index)
    claimed = places if _changed_hands(claim, index) else []
    present = _actors_at(claimed, judged, parties, index) if claimed else None
    topical = on_topic(claim, judged, index)
    counted = {noun for _, noun in counts_in(claim)}
    things = things_in(claim)
    # A claim that a place, or something there, changed hands: a report of its old holder
    # keeping it contradicts the claim, and supports a claim that it did not (see kept_by).
    handed_over = not_handed_over = None
    if beneficiary and _tells_of_hands(claim) and not HOLDING.search(claim):
        # "The TNLA failed to take Mogok" says, as "did not take" does, that it did not.
        if NEGATED.search(claim) or any(a == "capture" for a, _ in denied_actions(claim)):
            not_handed_over = (places, _target_words(claim, index))
        else:
            handed_over = (places, _target_words(claim, index))
    if claimed and not said:
        topical |= setbacks_at_place(claim, judged, parties, index, claimed, present)
    details = Details(located(claim, index), ordinals_in(claim), places)
    action = ClaimedAction.of(claim, things, index)
    # What a settled fact says of a quantity; conflict reporting's changes (a retreat, a fall)
    # are events, but a comparison is one in either ("wind turbines kill more birds than cats").
    statements = [
        statement
        for statement in _statements(claim)
        if not reading.of_the_conflict or statement[0] == "comparison"
    ]
    views = _views(judged, parties, topical)
    told_by = {
        view.id: told
        for view in views
        if statements and view.party is None and (told := _told(statements, view))
    }
    for view in views:
        if details and view.party is None:
            # Any passage of the report may say where the town is, not only those on the claim.
            against, alike = details.told_by([i.text for i in view.passages], index)
            if against:
                reading.independent_refutes.append(view)
                reading.wrong_details[view.id] = against
                continue
            if alike:
                reading.details_alike.append(view.id)
        if (
            none_of
            and view.party is None
            and any(_counts_some(i.text, none_of) for i in view.items)
        ):
            # "Killed at least 20 children" reads to the stance model as support for "no
            # children died": it does not see the "no".
            reading.independent_refutes.append(view)
            reading.some_counted.append(view.id)
            continue
        others = [value for i in view.items for value in other_values.get(i.key, [])]
        if (
            others
            and view.party is None
            and (view.support < SUPPORTING or any(fact.surely_other(v, index) for v in others))
        ):
            # "Born in Dawei" against "born in Mandalay": a fact with one value, given another.
            # The stance model may read it as support; where the other value may hold the
            # claim's ("born in Honolulu" against "born in the United States"), its reading
            # stands.
            reading.independent_refutes.append(view)
            reading.other_values.append(view.id)
            continue
        if told := told_by.get(view.id):
            # The stance model reads "sea ice has declined" as neutral towards "sea ice has
            # been growing", "glaciers are losing mass" as support for "... are growing", and
            # "humans emit 100 times more carbon dioxide than volcanoes" as support for
            # "volcanoes emit more carbon dioxide than humans".
            kind, way = told
            if way == "otherwise":
                reading.independent_refutes.append(view)
                reading.told_otherwise[view.id] = kind
                continue
            if _first_hand([view]):
                reading.independent.append(view)
                reading.told_alike[view.id] = kind
                continue
        elif told_by and view.unrelated < RELATED:
            # Where reports say which way the claim's quantity went, or which is more, one that
            # does not ("an electric car is propelled by electric motors", read as support for
            # "electric cars produce more emissions than petrol cars") bears on neither side.
            reading.statement_silent.append(view.id)
            continue
        if view.unrelated >= RELATED:
            continue
        if not reading.of_the_conflict and view.support > view.refute:
            # Read as support, a sentence on a settled fact's subject may say nothing of what
            # the claim says: "A wind farm is a group of wind turbines ..." and "wind farms can
            # be onshore or offshore", for "wind farms cause cancer in people living nearby".
            # (Read as a contradiction, a definition may well be one: "a treaty adopted in
            # Kyoto" against "... signed in Paris".)
            if all(says_nothing_of(claim, i.text) for i in view.items):
                reading.definitions_only.append(view.id)
                continue
            if all(_subject_only(claim, i) for i in view.items):
                reading.subject_only.append(view.id)
                continue
        refutes = view.refute >= REFUTING and view.refute > view.support
        if (
            refutes
            and fact
            and not any(fact.given_by(i.text) for i in view.items)
            and not _denies(view)
        ):
            # "Headquartered in Laiza" says nothing against "founded in 2009".
            reading.fact_silent.append(view.id)
            refutes = False
        if things and not names_things(view.texts, things) and not (refutes and _denies(view)):
            # "The fall of Lashio" says nothing of "a jet was shot down over Lashio".
            reading.thing_silent.append(view.id)
            continue
        if (
            view.party is None
            and action
            and all(action.done_by_other_side(i.text, index) for i in view.items)
        ):
            # "Junta soldiers arrested 20 villagers" reads to the stance model as supporting
            # "rebels arrested 20 villagers".
            reading.independent_refutes.append(view)
            reading.other_actor.append(view.id)
            continue
        if view.party is None and taken_by_another(claim, view, claimed, index):
            # "The TNLA seized Kyaukme" reads to the stance model as supporting "the MNDAA
            # captured Kyaukme".
            reading.independent_refutes.append(view)
            reading.other_winner.append(view.id)
            continue
        if action and view.support >= SUPPORTING and action.only_opposite_in(view.texts):
            # "Soldiers arrested 20 villagers" reads to the stance model as supporting "the
            # army released 20 villagers".
            reading.other_event.append(view.id)
            continue
        if (
            refutes
            and action
            and not view.denied
            and all(action.told_alike_by(i.text, index) for i in view.items)
        ):
            # "Junta soldiers arrested 20 villagers in Hsipaw" reads to the stance model as
            # contradicting "soldiers detained villagers in Hsipaw".
            reading.event_told.append(view.id)
            refutes = False
        if (
            view.party is None
            and action
            and any(action.denied_alike_by(i.text, index) for i in view.items)
        ):
            # "The bridge was untouched by the fighting" reads to the stance model as support
            # for "the bridge was damaged", so as contradicting "... was never damaged".
            reading.independent.append(view)
            reading.denied_alike.append(view.id)
            continue
        if (
            not refutes
            and action
            and any(action.contradicted_by(i.text, index) for i in view.items)
        ):
            # "The hospital had not been hit" reads to the stance model like "... was destroyed",
            # and "the junta has lost communications" like "the junta never lost contact".
            reading.events_denied.append(view.id)
            refutes = True
        if handed_over and kept_by(view, other_camp(beneficiary.camp), index, *handed_over):
            # "The port remained under military control" reads to the stance model as neutral.
            reading.independent_refutes.append(view)
            reading.kept_holds.append(view.id)
            continue
        if not_handed_over and kept_by(view, beneficiary.camp, index, *not_handed_over):
            # "The army still holds Mogok" reads to the stance model as support for "the TNLA
            # took Mogok", so as contradicting "the TNLA has not taken Mogok".
            reading.independent.append(view)
            reading.kept_holds.append(view.id)
            continue
        if lost_hold(claim, view, beneficiary, index, claimed):
            # "The loss of Lashio" reads to the stance model like "the army holds Lashio".
            reading.independent_refutes.append(view)
            reading.lost_holds.append(view.id)
            continue
        if confirmed_loss(claim, view, beneficiary, index, claimed, present):
            # "The loss of Lashio" reads to the stance model like "the army held Lashio" when
            # the claim is that the army "failed to hold" it; "troops have left Laukkai" like
            # "troops stayed in Laukkai" against "troops withdrew from Laukkai".
            reading.independent.append(view)
            reading.losses_confirmed.append(view.id)
            continue
        opposed = view.party and beneficiary and view.party.camp != beneficiary.camp
        own_side = view.party and beneficiary and view.party.camp == beneficiary.camp
        # A setback is the speaker's side's own loss, not one it reports of the other side, and
        # it bears only on a claim that the place changed hands: losing contact with officers at
        # a command tells nothing of a jet shot down.
        setback = (
            view.party
            and not view.denied
            and present is not None
            and loser_camp(view.texts, index) == view.party.camp
            and _gain_of_claimed(claim, view.party.camp, present, index)
        )
        # A side announcing its own gain contradicts a claim in its opponent's favour, however
        # the stance model reads it; it is never an admission. So does its report of the
        # opponent losing the place the claim says the opponent gained ("the enemy's
        # headquarters has fallen to the MNDAA", against "the MNDAA lost Lashio to the army").
        # "Junta troops re-entered Lashio, more than a year after losing the town, an MNDAA
        # commander acknowledged" tells of the loss undone: no boast.
        boasts = bool(
            opposed
            and not setback
            and not RETAKING.search(view.texts)
            and (
                party_camp(winner(view.texts, index)) == view.party.camp
                or (present is not None and loser_camp(view.texts, index) == beneficiary.camp)
            )
        )
        if refutes and counted and not _denies(view, lambda text: _counts_of(text, counted)):
            # "The fall of Lashio" says nothing against "300 soldiers died in Lashio".
            reading.figure_silent.append(view.id)
            refutes = False
        if refutes and view.party is None and _unsure(view):
            # "It was unclear who controlled it" reads to the stance model as a contradiction.
            reading.outcome_unclear.append(view.id)
            refutes = False
        # The other side reporting its own setback at the place admits the claim, however the
        # stance model reads it: "junta troops were in control of Kyaukme, a TNLA official
        # said, after the group pulled out" reads as contradicting "the military recaptured
        # Kyaukme".
        admits = bool(opposed and setback)
        contradicts = (refutes and not admits) or boasts
        if contradicts or (own_side and setback and view.support < SUPPORTING):
            # The claim's own side contradicts a claim in its favour only by a denial or by
            # reporting its own setback; a stance score alone is weak, as any party's is.
            if view.party is None:
                reading.independent_refutes.append(view)
            elif own_side and (setback or view.denied or view.id in reading.events_denied):
                reading.own_side_refutes.append(view)
            else:
                reading.party_refutes.append(view)
            continue
        setback = setback and (admits or view.refute < REFUTING)
        if opposed and (view.support >= SUPPORTING or setback):
            reading.admissions.append(view)
        elif view.support >= SUPPORTING:
            if view.party is None:
                reading.independent.append(view)
            elif beneficiary and view.party.camp == beneficiary.camp:
                reading.own_claims.append(view)
            else:
                reading.party_support.append(view)
        elif view.party is None and view.refute < REFUTING and _plain(view):
            reading.reports.append(view)
    return reading


@dataclass
class Details:
    """What a claim says that a report can state otherwise in so many words: where a town is
    ("Lashio, in Kachin State") and a rank ("the second regional command to fall")."""

    locations: list[Location]
    ranks: list[tuple[int, str, str]]
    places: list[Entity]

    def __bool__(self) -> bool:
        return bool(self.locations or (self.ranks and self.places))

    def told_by(self, texts: list[str], index: AliasIndex) -> tuple[list[str], list[str]]:
        """What the texts say otherwise of the claim's details, and what they say alike."""
        against, alike = [], []
        for text in texts:
            for reported in located(text, index):
                for claimed in self.locations:
                    if misplaced(claimed, reported):
                        against.append(f"places {reported.describe()}")
                    elif placed_alike(claimed, reported):
                        alike.append(f"places {reported.describe()}")
            # A rank is of the claim's place only in a passage that names the place.
            names_place = self.ranks and any(
                _same_place(c, p) for c in self.places for p in _places(text, index)
            )
            for rank, ranked, by in ordinals_in(text) if names_place else ():
                for claimed_rank, claimed_ranked, claimed_by in self.ranks:
                    if (ranked, by) == (claimed_ranked, claimed_by):
                        said = f"ranks it number {rank} of the {ranked}s to {by}"
                        (alike if rank == claimed_rank else against).append(said)
        return against, alike


_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+\w+(?:ed|en)\b", re.I)


def _camps(text: str, index: AliasIndex) -> set[str]:
    """The sides a text names an actor of."""
    return {party.camp for _, party in actor_mentions(text, index)}


# Events that undo one another: a report of one is no report of the other.
OPPOSITE_EVENTS = {"release": ("arrest",), "arrest": ("release",), "repair": ("destroy",)}
# Events whose reports agree when they tell of them alike (a change of hands has its own rules,
# and talks end in many ways).
HARM_EVENTS = {"arrest", "kill", "wound", "attack", "destroy", "burn"}
# Words that undo, deny or doubt what is told: "refused to", "denied bombing", "a hoax".
_UNDOING = re.compile(
    r"\b(?:den(?:y|ies|ied|ial)|refus\w*|reject\w*|fail\w*|halt\w*|suspend\w*|cancel\w*|"
    r"stopp?\w*|releas\w*|false|fake|hoax|rumou?rs?|unconfirmed|alleg\w*)\b",
    re.I,
)
_NONE_OF = re.compile(r"\bno\s+(?!one\b)(\w+)", re.I)


def _none_alike(claim: str, clause: str) -> bool:
    """Whether a clause's figure of none counts what the claim's does: "no soldiers were
    killed" says nothing of "no civilians were killed"."""
    claimed = {noun.lower() for noun in _NONE_OF.findall(claim)}
    told = {noun.lower() for noun in _NONE_OF.findall(clause)}
    return not (claimed and told) or bool(claimed & told)


@dataclass
class ClaimedAction:
    """What a claim says happened, or did not ("the junta never lost contact with ..."), and
    what a passage that says otherwise must name: the claim's thing when it names one (a
    hospital), else one of its places or actors."""

    actions: frozenset[str]
    things: set[str]
    entities: set[str]
    denied: bool  # the claim says the event did not happen
    claim: str

    @classmethod
    def of(cls, claim: str, things: set[str], index: AliasIndex) -> "ClaimedAction | None":
        denied = frozenset(action for action, _ in denied_actions(claim))
        if not denied and (NEGATED.search(claim) or NONE.search(claim)):
            return None
        # What a side said is judged by its statement (see spoken), not as an event.
        actions = (denied or events_in(claim)) - {"announce"}
        entities = {entity.id for entity, _ in index.find(claim)}
        if actions and (things or entities):
            return cls(actions, things, entities, bool(denied), claim)
        return None

    def contradicted_by(self, text: str, index: AliasIndex) -> bool:
        """Whether the text says otherwise of what the claim is about: that its event did not
        happen, or, of a claim that it did not, that it did."""
        denials = denied_actions(text)
        if self.denied:
            told = self.actions & (events_in(text) - {action for action, _ in denials})
            return bool(told) and self._about(text, index)
        return any(
            action in self.actions and self._about(clause, index) for action, clause in denials
        )

    def denied_alike_by(self, text: str, index: AliasIndex) -> bool:
        """Whether the text says too, of a claim that its event did not happen, that it did
        not: "the bridge was untouched" of "the bridge was never damaged"."""
        return self.denied and any(
            action in self.actions
            and self._about(clause, index)
            and _none_alike(self.claim, clause)
            for action, clause in denied_actions(text)
        )

    def only_opposite_in(self, text: str) -> bool:
        """Whether the text tells only of the opposite of the claim's event: an arrest, of a
        claim of a release."""
        told = events_in(text)
        opposite = {o for action in self.actions for o in OPPOSITE_EVENTS.get(action, ())}
        return not self.denied and bool(told & opposite) and not told & self.actions

    def done_by_other_side(self, text: str, index: AliasIndex) -> bool:
        """Whether the text tells of the claim's harm as done by the other side only: "junta
        soldiers arrested 20 villagers", of "rebels arrested 20 villagers"."""
        claimed = actor_party(self.claim, index)
        # Only where each names one side, and the text names it as the doer: "a junta warplane
        # was downed" names the junta as what was harmed.
        return bool(
            claimed
            and self._tells_harm_plainly(text)
            and _camps(self.claim, index) == {claimed.camp}
            and not _PASSIVE.search(text)
            and _camps(text, index) == {other_camp(claimed.camp)}
            and self._about(text, index)
        )

    def told_alike_by(self, text: str, index: AliasIndex) -> bool:
        """Whether the text tells of the claim's harm as the claim does: about its things or
        places, by the same side, with no denial or undoing word and no other figure."""
        if not self._tells_harm_plainly(text) or _UNDOING.search(self.claim):
            return False
        if any(pattern.search(t) for t in (self.claim, text) for pattern in (NEGATED, NONE)):
            return False
        claimed, told = actor_party(self.claim, index), actor_party(text, index)
        if claimed and (not told or told.camp != claimed.camp):
            return False
        figures = {noun: n for n, noun in counts_in(text)}
        if any(figures.get(noun, n) != n for n, noun in counts_in(self.claim)):
            return False
        return self._about(text, index)

    def _tells_harm_plainly(self, text: str) -> bool:
        """Whether the text tells of the claim's harm, which the claim asserts, with no denial
        or word that undoes it."""
        return (
            not self.denied
            and self.actions <= HARM_EVENTS
            and bool(self.actions & events_in(text))
            and not denied_actions(text)
            and not _UNDOING.search(text)
        )

    def _about(self, text: str, index: AliasIndex) -> bool:
        if self.things:
            return names_things(text, self.things)
        return bool(self.entities & {entity.id for entity, _ in index.find(text)})


def _denies(view: OriginView, gives=lambda text: False) -> bool:
    """Its passages read as contradicting (all of them when none is) deny or negate something,
    or give what the claim is questioned on (`gives`: a count of the thing a claim counts)."""
    return any(
        i.attribution.denied or NEGATED.search(i.text) or NONE.search(i.text) or gives(i.text)
        for i in _refuting(view)
    )


# Words that say an outcome is not known: no contradiction of a claim about it.
UNSURE = re.compile(
    r"\b(?:unclear|not clear|not known|unknown|unconfirmed|could not be (?:independently )?"
    r"(?:verified|confirmed))\b",
    re.I,
)


def _unsure(view: OriginView) -> bool:
    """Its passages read as contradicting (all of them when none is) say the outcome is not
    known and deny nothing."""
    return all(
        UNSURE.search(i.text) and not (i.attribution.denied or NEGATED.search(i.text))
        for i in _refuting(view)
    )


def _refuting(view: OriginView) -> list[Judged]:
    """Its passages read as contradicting, or all of them when none is."""
    refuting = [i for i in view.items if i.side_probabilities["refutes"] >= REFUTING]
    return refuting or view.items


def _nothing_on_claim(reading: Reading, judged: list[Judged]) -> bool:
    """No passage takes a side (each is known to be far from the claim or about another place),
    and no rule read one as support, contradiction or a party's word."""
    read_as_evidence = (
        reading.independent
        + reading.own_claims
        + reading.admissions
        + reading.party_support
        + reading.independent_refutes
        + reading.own_side_refutes
        + reading.party_refutes
    )
    said_nothing = set(reading.definitions_only) | set(reading.subject_only)
    return not read_as_evidence and not any(
        i.takes_side
        for i in judged
        if i.judged and i.origin not in said_nothing and i.key not in reading.other_places
    )


# Statements of a settled fact that a report can make alike or otherwise: (kind, the claim's
# statement, the report's statements); each statement's told() compares them.
STATEMENTS = (
    ("trend", claimed_trend, trends_in),
    ("comparison", claimed_comparison, comparisons_in),
)
TOLD = {
    "trend": (
        "says the claim's quantity went the other way",
        "says plainly that the claim's quantity went the way the claim says",
    ),
    "comparison": (
        "says the claim's comparison the other way round",
        "says plainly that one is more than the other, as the claim does",
    ),
}


def _statements(claim: str) -> list[tuple[str, object, object]]:
    """(kind, the claim's statement, the reader of a report's) for what the claim states."""
    return [(kind, said, read) for kind, of, read in STATEMENTS if (said := of(claim))]


def _told(statements: list, view: OriginView) -> tuple[str, str] | None:
    """(kind, "alike" or "otherwise") for the first of the claim's statements the origin's
    passages make one way only; None when they make none, or make one both ways."""
    for kind, said, read in statements:
        ways = {
            way for item in view.items for other in read(item.text) if (way := said.told(other))
        }
        if len(ways) == 1:
            return kind, ways.pop()
    return None


# A capitalised word after a sentence's first: a name, whose words tell of no harm ("the Dead
# Sea", "Black Friday").
_NAME_AFTER_START = re.compile(r"(?<=\w )[A-Z][\w'’-]*")


# Words of war that say so whoever is named, even where the entity table names no one.
_SEIZING = re.compile(
    r"\b(?:captur|seiz|conquer|overr[au]n|recaptur|retook|retak|occup|besieg|surrender|withdr[ae]w"
    r"|fight|clash|battle|offensive|war\b|wars\b)\w*",
    re.I,
)
# Events of the conflict: its harms, and people fleeing, besieged, conscripted or cut off.
CONFLICT_EVENTS = HARM_EVENTS | {"flee", "siege", "conscript", "lose contact"}


def _without_names(claim: str) -> str:
    """The claim without its names; a headline in title case, whose every word is capitalised,
    as it is."""
    words = [w for w in claim.split() if len(w) > 3]
    if sum(w[0].isupper() for w in words) > 0.6 * len(words):
        return claim
    return _NAME_AFTER_START.sub("", claim)


def of_the_conflict(claim: str, index: AliasIndex) -> bool:
    """Whether a claim is conflict reporting: it names an actor or a place of the conflict (or
    a side, "the rebels"), or tells of a harm, a flight, a seizure or fighting. A figure alone
    does not make it so: "97 percent of climate scientists agree" is no casualty count."""
    plain = _without_names(claim)
    return bool(
        index.find(claim)
        or actor_mentions(claim, index)
        or events_in(plain) & CONFLICT_EVENTS
        or _SEIZING.search(plain)
    )


def _first_hand(views: list[OriginView]) -> bool:
    """One origin that states it plainly, in its own voice."""
    return (
        len(views) == 1
        and _plain(views[0])
        and not any(i.attribution.attributed for i in views[0].items)
    )


def _plain(view: OriginView) -> bool:
    """Not hedged, questioned or denied."""
    return not any(
        i.attribution.hedged or i.attribution.questioned or i.attribution.denied for i in view.items
    )


def strengthen_admissions(reading: Reading) -> None:
    """An admission against interest counts as strong evidence in the verdict's weights."""
    for view in reading.admissions + reading.own_side_refutes:
        for item in view.items:
            item.credibility *= ADMISSION_FACTOR


def timeline(views: list[OriginView], side: dict[str, str]) -> list[dict]:
    """The deciding origins in order of publication, each with the side it takes."""
    dated = sorted(views, key=lambda v: (v.published_at is None, v.published_at or "", v.id))
    return [
        {"origin": v.id, "published_at": v.published_at, "side": side[v.id], "sources": v.sources}
        for v in dated
    ]


# How much closer to a settled fact's claim one side's sentences must be for the other's to be
# read as other facts of its subject ("the cooling towers of nuclear plants release water
# vapour", 0.56, against "nuclear power plants emit almost no carbon dioxide while operating",
# 0.81, for "nuclear power plants emit large amounts of carbon dioxide while operating").
FARTHER = 0.2


# A passage this close to the claim says something of it that the words it shares do not show
# ("Predator drones have started to fly over Raqqa, Syria", 0.83, of "... flown over Isil's
# Syrian 'capital'").
RESTATES = 0.8


def _subject_only(claim: str, item) -> bool:
    """Whether the passage names only the claim's subject, and is not close enough to the
    claim to say what it says in other words."""
    close = item.similarity is not None and item.similarity >= RESTATES
    return not close and names_only_subject(claim, item.text)


def _closest(views: list[OriginView]) -> float | None:
    """The highest similarity to the claim of the views' passages; None where one is unknown."""
    similarities = [i.similarity for v in views for i in v.items]
    return None if None in similarities else max(similarities)


def _contradiction(claim: str, reading: Reading, rules: list[dict]) -> str:
    """refuted, disputed, or (for a state that changed) the side of the newest reports."""
    support, refute = reading.credible_support, reading.credible_refute
    side = {v.id: "supports" for v in support} | {v.id: "refutes" for v in refute}
    if not support:
        rules.append(
            {
                "rule": "credible_contradiction",
                "detail": "credible origins contradict it and none supports it",
                "origins": [v.id for v in refute],
                "timeline": timeline(refute, side),
            }
        )
        return "refuted"
    newest = {
        name: max((v.published_at for v in views if v.published_at), default=None)
        for name, views in (("supports", support), ("refutes", refute))
    }
    if STATE_CHANGE.search(claim) and all(newest.values()) and len(set(newest.values())) == 2:
        later = max(newest, key=newest.__getitem__)
        rules.append(
            {
                "rule": "newest_reports",
                "detail": "who holds a place changes with time: the newest credible reports "
                f"({later}, {newest[later]}) outweigh the earlier ones",
                "timeline": timeline(support + refute, side),
            }
        )
        return "supported" if later == "supports" else "refuted"
    closest = {
        name: _closest(views) for name, views in (("supports", support), ("refutes", refute))
    }
    if (
        not reading.of_the_conflict
        and None not in closest.values()
        and abs(closest["supports"] - closest["refutes"]) >= FARTHER
    ):
        rules.append(
            {
                "rule": "nearer_side",
                "detail": "of a settled fact, origins that take the other side only in "
                f"sentences far less close to the claim (by {FARTHER} or more in similarity) "
                "tell other facts of its subject",
                "timeline": timeline(support + refute, side),
            }
        )
        return "supported" if closest["supports"] > closest["refutes"] else "refuted"
    rules.append(
        {
            "rule": "credible_disagreement",
            "detail": "credible origins contradict each other",
            "origins": sorted(side),
            "timeline": timeline(support + refute, side),
        }
    )
    return "disputed"


def _wrong_detail(reading: Reading, rules: list[dict]) -> str:
    """refuted when credible origins state a claim's detail otherwise and none states it alike;
    disputed when some do. What else they report does not make the claim as stated true."""
    said = "; ".join(
        f"{', '.join(view.sources)} {'; '.join(dict.fromkeys(reading.wrong_details[view.id]))}"
        for view in reading.independent_refutes
        if view.id in reading.wrong_details
    )
    rules.append(
        {
            "rule": "detail_contradicted",
            "detail": f"credible origins state the claim's detail otherwise: {said}",
            "origins": sorted(reading.wrong_details),
            "alike": sorted(reading.details_alike),
        }
    )
    return "disputed" if reading.details_alike else "refuted"


def apply(
    claim: str, verdict: Verdict, reading: Reading, judged: list[Judged], model=None
) -> Verdict:
    """Adjust a verdict by the conflict rules; each rule that applies is explained."""
    rules: list[dict] = []
    for view in reading.own_claims:
        rules.append(_rule("party_claim", view, f"{view.party.name} asserts it in its own favour"))
    for view in reading.admissions:
        detail = f"{view.party.name} says it against its own side's interest: strong corroboration"
        rules.append(_rule("admission_against_interest", view, detail))
    for view in reading.own_side_refutes:
        detail = (
            f"{view.party.name} contradicts a claim in its own side's favour: strong contradiction"
        )
        rules.append(_rule("admission_against_interest", view, detail))
    for view in reading.party_refutes:
        detail = f"{view.party.name} contradicts it, but is a party to the conflict: weak alone"
        rules.append(_rule("party_denial", view, detail))
    for view in reading.independent_refutes:
        if view.id in reading.lost_holds:
            detail = (
                f"reports a loss of the place by {reading.beneficiary.name}, which the claim says "
                "holds or took it"
            )
            rules.append(_rule("holder_lost", view, detail))
        if view.id in reading.kept_holds:
            detail = "reports the place still held by the other side of the one the claim favours"
            rules.append(_rule("holder_kept", view, detail))
        if view.id in reading.other_values:
            detail = "gives the fact, which has one value, another value"
            rules.append(_rule("other_value", view, detail))
        if view.id in reading.some_counted:
            detail = "counts what the claim says there were none of"
            rules.append(_rule("some_counted", view, detail))
        if kind := reading.told_otherwise.get(view.id):
            rules.append(_rule(f"other_{kind}", view, TOLD[kind][0]))
        if view.id in reading.other_actor:
            detail = "tells of the event as done by the other side"
            rules.append(_rule("other_actor", view, detail))
        if view.id in reading.other_winner:
            detail = "tells of the place taken by another actor, not the one the claim names"
            rules.append(_rule("other_winner", view, detail))
    for view in reading.independent:
        if kind := reading.told_alike.get(view.id):
            rules.append(_rule(f"{kind}_alike", view, TOLD[kind][1]))
        if view.id in reading.kept_holds:
            detail = "reports the place still held by the side a claim that it did not change "
            detail += "hands favours"
            rules.append(_rule("holder_kept", view, detail))
        if view.id in reading.losses_confirmed:
            detail = (
                "reports the loss of the place by the side the claim says lost it, however the "
                "claim words it (a failure, a negation, the other side's capture)"
            )
            rules.append(_rule("loss_confirmed", view, detail))
        if view.id in reading.denied_alike:
            detail = "says in so many words, as the claim does, that the event did not happen"
            rules.append(_rule("event_denied_alike", view, detail))
    for view in reading.independent_refutes + reading.own_side_refutes + reading.party_refutes:
        if view.id in reading.events_denied:
            detail = "says in so many words that the event did not happen, or that it did"
            rules.append(_rule("event_denied", view, detail))
    if reading.other_event:
        rules.append(
            {
                "rule": "other_event",
                "detail": "reports of the opposite event (an arrest, of a release) do not "
                "support the claim",
                "origins": reading.other_event,
            }
        )
    if reading.event_told:
        rules.append(
            {
                "rule": "event_told_alike",
                "detail": "reports that tell of the claim's event as it does (the same side, "
                "no denial, no other figure) do not contradict it",
                "origins": reading.event_told,
            }
        )
    if reading.fact_silent:
        rules.append(
            {
                "rule": "fact_not_given",
                "detail": "reports of other facts about the subject that deny nothing do not "
                "contradict the claim's fact",
                "origins": reading.fact_silent,
            }
        )
    if reading.figure_silent:
        rules.append(
            {
                "rule": "figure_not_given",
                "detail": "reports that give no figure and deny nothing do not contradict the "
                "claim's figure",
                "origins": reading.figure_silent,
            }
        )
    if reading.outcome_unclear:
        rules.append(
            {
                "rule": "outcome_unclear",
                "detail": "reports that say the outcome is not known do not contradict it",
                "origins": reading.outcome_unclear,
            }
        )
    if reading.definitions_only:
        rules.append(
            {
                "rule": "definition_only",
                "detail": "reports that only say what something the claim names is, in none of "
                "the words the claim says of it, do not support it",
                "origins": reading.definitions_only,
            }
        )
    if reading.subject_only:
        rules.append(
            {
                "rule": "subject_only",
                "detail": "reports that name only the claim's subject, in none of the words the "
                f"claim says of it and with a similarity under {RESTATES}, do not support it",
                "origins": reading.subject_only,
            }
        )
    if reading.statement_silent:
        rules.append(
            {
                "rule": "statement_not_given",
                "detail": "where reports say which way the claim's quantity went, or which is "
                "more, reports that do not say bear on neither side",
                "origins": reading.statement_silent,
            }
        )
    if reading.thing_silent:
        named = ", ".join(sorted(things_in(claim)))
        rules.append(
            {
                "rule": "thing_not_named",
                "detail": f"reports that never name the {named} and deny nothing do not bear on it",
                "origins": reading.thing_silent,
            }
        )
    if reading.elsewhere:
        rules.append(
            {
                "rule": "other_place",
                "detail": "passages about other places only do not bear on the claim",
                "passages": reading.elsewhere,
            }
        )
    weaker = [i.key for i in judged if i.attribution.hedged or i.attribution.attributed]
    if weaker:
        rules.append(
            {
                "rule": "weaker_report",
                "detail": "hedged or second-hand reports weigh less than first-hand confirmation",
                "passages": weaker,
            }
        )
    background = [i.key for i in judged if i.judged and not i.takes_side and i.stance in SIDES]
    if background:
        rules.append(
            {
                "rule": "background",
                "detail": "passages on the subject but far from what the claim says take no side "
                f"(similarity to the claim under {SIDE_SIMILARITY}, or under {SIDE_FOCUS} once "
                "the names both give are set aside)",
                "passages": background,
            }
        )

    result = verdict.verdict
    corroborating = reading.independent + reading.admissions + reading.reports
    supported_at_all = reading.independent or reading.admissions or reading.own_claims
    supported_at_all = supported_at_all or reading.party_support
    # Corroboration a party's denial cannot shake: an admission, or two independent origins.
    settled = reading.admissions or len(reading.independent) >= 2
    # A settled fact needs no second origin (see of_the_conflict), when the one it has supports
    # it plainly.
    stands_alone = (
        not reading.of_the_conflict and len(corroborating) == 1 and _first_hand(reading.independent)
    )
    if reading.wrong_details:
        result = _wrong_detail(reading, rules)
    elif reading.credible_refute:
        result = _contradiction(claim, reading, rules)
    elif (denials := _other_side_denials(reading)) and supported_at_all and not settled:
        # One side asserts it (or a single independent origin reports it), the other denies it.
        result = "disputed"
        asserting = reading.independent + reading.own_claims + reading.party_support
        rules.append(
            {
                "rule": "party_dispute",
                "detail": "a party to the conflict denies what is asserted, and no credible "
                "independent origin settles it",
                "origins": sorted(v.id for v in asserting + denials),
            }
        )
    elif result in ("refuted", "disputed") and not settled and not stands_alone:
        # Without a credible contradiction, a denial by a party does not refute.
        result = "unverified"
        rules.append(
            {
                "rule": "no_credible_contradiction",
                "detail": "no credible independent origin contradicts it; at most unverified",
                "origins": [v.id for v in reading.party_refutes],
            }
        )
    elif result != "insufficient" and supported_at_all:
        if not (reading.independent or reading.admissions):
            result = "unverified"
            rules.append(
                {
                    "rule": "uncorroborated",
                    "detail": "only a party to the conflict asserts it; at most unverified "
                    "until an independent origin corroborates it",
                    "origins": [v.id for v in reading.own_claims + reading.party_support],
                }
            )
        elif reading.admissions or len(corroborating) + len(reading.own_claims) >= 2:
            result = "supported"
        elif stands_alone and (result != "unverified" or reading.told_alike):
            # The model's contradiction, if it found one, rested on reports the rules set aside.
            result = "partly_supported" if result == "partly_supported" else "supported"
            rules.append(
                {
                    "rule": "settled_fact",
                    "detail": "the claim names no actor or place of the conflict and tells of no "
                    "harm, flight, seizure or fighting: one independent origin that states it "
                    "plainly, first-hand, corroborates it",
                    "origins": [v.id for v in corroborating],
                }
            )
        elif result != "unverified":
            result = "unverified"
            rules.append(
                {
                    "rule": "single_origin",
                    "detail": "a single origin reports it; independent corroboration is missing",
                    "origins": [v.id for v in corroborating],
                }
            )
    elif result in ("supported", "partly_supported"):
        result = "unverified"
        rules.append(
            {"rule": "uncorroborated", "detail": "no origin supports it; at most unverified"}
        )
    if result == "unverified" and _nothing_on_claim(reading, judged):
        # Passages on the subject that say nothing of what the claim says ("a wind turbine
        # converts the wind's energy", against "wind turbines kill more birds than ...") are not
        # a report of it: nothing relevant was found.
        result = "insufficient"
        rules.append(
            {
                "rule": "nothing_on_claim",
                "detail": "every passage found is on the subject but far from what the claim "
                "says, and none reports it",
            }
        )
    if result == "supported":
        result = _qualifiers(claim, result, corroborating, reading.own_claims, rules)
    _conservative_figure(claim, corroborating + reading.own_claims, rules)

    confidence = verdict.confidence
    if result != verdict.verdict:
        # The final verdict's own calibrated confidence, not that of the verdict it replaced.
        model = model or default_verdict_model()
        confidence = round(model.confidence(result, features(judged)), 4)
    explanation = {**verdict.explanation, "rules": rules, "model_verdict": verdict.verdict}
    # The origins that took a side, in order of publication: what a reviewer checks first.
    sides = {v.id: "supports" for v in reading.credible_support + reading.own_claims}
    sides |= {v.id: "refutes" for v in reading.credible_refute + reading.party_refutes}
    taking_sides = [
        v
        for v in reading.credible_support
        + reading.own_claims
        + reading.party_support
        + reading.credible_refute
        + reading.party_refutes
        if v.id in sides
    ]
    explanation["timeline"] = timeline(taking_sides, sides)
    if result != verdict.verdict:
        explanation["summary"] = (
            f"{result}, by the rules below (model: {verdict.explanation['summary']})"
        )
    return Verdict(result, confidence, explanation)


def _other_side_denials(reading: Reading) -> list[OriginView]:
    """Contradictions by a party that is not on the claim's own side."""
    own = reading.beneficiary.camp if reading.beneficiary else None
    return [v for v in reading.party_refutes if v.party.camp != own]


def spoken(claim: str, index: AliasIndex) -> tuple[Statement, Party] | None:
    """A claim about what a party to the conflict said, and that party; None for any other."""
    statement = statement_claim(claim)
    speaker = actor_party(statement.speaker, index) if statement else None
    return (statement, speaker) if speaker else None


def verdict_with_rules(
    claim: str, judged: list[Judged], parties: dict[int, Party | None], index, model=None
) -> Verdict:
    """The model's verdict on the evidence, weighed and then bounded by the conflict rules.

    A claim about what a party said was judged against what it says was said (see
    `spoken`), and is decided by what the party is on record saying.
    """
    about = spoken(claim, index)
    reading = read(about[0].content if about else claim, judged, parties, index, said=bool(about))
    strengthen_admissions(reading)
    verdict = apply(claim, decide(judged, model), reading, judged, model)
    return on_record(about, verdict, judged, parties, index, model) if about else verdict


def _speaks_for(party: Party | None, speaker: Party, index: AliasIndex) -> bool:
    """The party is the speaker: the same named group, or any voice of the same camp when the
    speaker is the military or named generically ("the rebels")."""
    if party is None or party.camp != speaker.camp:
        return False
    named = _actor_id(speaker.name, index)
    return speaker.camp == "military" or not named or _actor_id(party.name, index) == named


def _actor_id(name: str, index: AliasIndex) -> str | None:
    return next((entity.id for entity, _ in index.find(name) if entity.type == "actor"), None)


def _fortune(text: str, camp: str, index: AliasIndex) -> str | None:
    """Whether a text tells of a loss or a gain for the camp (its actor named first)."""
    if loser_camp(text, index) == camp:
        return "loss"
    return "gain" if party_camp(winner(text, index)) == camp else None


def _position(item: Judged, content: str, camp: str, index: AliasIndex) -> str | None:
    """Whether a party's passage asserts or denies what a claim says it said, or neither.

    A side's own loss or gain, told both in the claim and in its words, decides before the
    stance model, which can read "we won" as support for "they said they withdrew".
    """
    if item.attribution.denied:
        return "denies"
    told, says = _fortune(content, camp, index), _fortune(item.text, camp, index)
    if told and says:
        return "asserts" if told == says else "denies"
    if item.probabilities["refutes"] >= REFUTING:
        return "denies"
    return "asserts" if item.probabilities["supports"] >= SUPPORTING else None


def on_record(
    about: tuple[Statement, Party], verdict: Verdict, judged, parties, index, model=None
) -> Verdict:
    """Decide a claim about a party's statement by the party's own words on the record."""
    statement, speaker = about
    theirs = [
        item
        for item in judged
        if item.judged
        and item.probabilities["unrelated"] < RELATED
        and _speaks_for(parties.get(item.key), speaker, index)
    ]
    positions = {i.key: _position(i, statement.content, speaker.camp, index) for i in theirs}
    asserting = [key for key, position in positions.items() if position == "asserts"]
    denying = [key for key, position in positions.items() if position == "denies"]
    if asserting and denying:
        result, record = "disputed", f"{speaker.name} is on record both saying and denying it"
    elif asserting or denying:
        said = bool(asserting)
        # "X said Y" is true when X said it; "X denied Y" when X denied it.
        result = "supported" if said != statement.denial else "refuted"
        record = f"{speaker.name} is on record {'saying' if said else 'denying'} it"
    elif verdict.verdict == "insufficient":
        return verdict
    else:
        result, record = "unverified", f"nothing found records {speaker.name}'s words on it"
    explanation = dict(verdict.explanation)
    explanation["rules"] = [
        *verdict.explanation["rules"],
        {
            "rule": "statement_on_record",
            "detail": f"a claim about what {speaker.name} said: {record}",
            "judged_against": statement.content,
            "passages": sorted(asserting + denying),
        },
    ]
    if result == verdict.verdict:
        return Verdict(result, verdict.confidence, explanation)
    model = model or default_verdict_model()
    confidence = round(model.confidence(result, features(judged)), 4)
    explanation["summary"] = f"{result}, by what {speaker.name} said (before: {verdict.verdict})"
    return Verdict(result, confidence, explanation)


def _rule(name: str, view: OriginView, detail: str) -> dict:
    return {"rule": name, "origin": view.id, "detail": detail, "sources": view.sources}


def _qualifiers(claim, result, corroborating, own_claims, rules) -> str:
    """A qualifier ("fully", "all", a count) must be corroborated itself, or partly_supported."""
    words = {q.lower() for q in QUALIFIER.findall(claim)}
    for word in sorted(words):
        if not any(re.search(rf"\b{word}\b", v.texts, re.I) for v in corroborating):
            resting = [v.party.name for v in own_claims if re.search(rf"\b{word}\b", v.texts, re.I)]
            detail = f"'{word}' is not corroborated by an independent origin"
            if resting:
                detail = f"'{word}' rests on {', '.join(sorted(set(resting)))} alone"
            rules.append({"rule": "uncorroborated_qualifier", "qualifier": word, "detail": detail})
            result = "partly_supported"
    # A count is corroborated by a count of the same thing, not by any number (a year, a date).
    for figure, counted in counts_in(claim):
        credible = [n for v in corroborating for n, other in counts_in(v.texts) if other == counted]
        if not any(n >= figure for n in credible):
            rules.append(
                {
                    "rule": "uncorroborated_qualifier",
                    "qualifier": str(figure),
                    "detail": f"no independent origin reports {figure} or more",
                }
            )
            result = "partly_supported"
    return result


def _conservative_figure(claim: str, views: list[OriginView], rules: list[dict]) -> None:
    """For counts, report the most conservative count of the same thing a credible (non-party)
    origin gives."""
    counted = {noun for _, noun in counts_in(claim)}
    credible = [
        number
        for view in views
        if not view.party
        for number, noun in counts_in(view.texts)
        if noun in counted
    ]
    if credible:
        rules.append(
            {
                "rule": "conservative_figure",
                "figure": min(credible),
                "detail": f"most conservative credible figure: {min(credible)}",
            }
        )
