"""Where a text places a town: "Lashio, in northern Shan State" places Lashio in Shan State."""

import re
from dataclasses import dataclass

from verify.engine.text.entities import AliasIndex, Entity

DIRECTION = r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?"
# What stands between a town and the region it is placed in: "Lashio in", "Lashio, in the",
# "Lashio is located in", "Lashio, a trading town in", "Lashio, northern".
_TOWN_THEN_REGION = re.compile(
    r"^(?:\s*,\s*(?:(?:a|an|the) (?:[\w-]+ ){0,3}?(?:town|city|hub) in\s+|in\s+)?"
    r"|\s+(?:(?:is|was|lies) )?(?:(?:located|situated) )?in\s+)"
    rf"(?:the\s+)?(?:(?P<direction>{DIRECTION})\s+)?$",
    re.I,
)
# "the northern Shan State, where Lashio is located".
_REGION_THEN_TOWN = re.compile(r"^\s*,?\s*where\s+$", re.I)
_DIRECTION_BEFORE = re.compile(rf"\b(?P<direction>{DIRECTION})\s+$", re.I)
OPPOSITE = {"north": "south", "south": "north", "east": "west", "west": "east"}


@dataclass(frozen=True)
class Location:
    """A town placed in a region, and in which part of it when the text says."""

    town: Entity
    region: Entity
    direction: str | None = None

    def describe(self) -> str:
        part = f"{self.direction.lower()} " if self.direction else ""
        return f"{self.town.name} in {part}{self.region.name}"


def _spans(text: str, index: AliasIndex) -> list[tuple[int, int, Entity]]:
    """Where each place the text names is named."""
    return [
        (start, end, entity)
        for start, end, entity in index.mentions(text)
        if entity.type == "place" and entity.admin1
    ]


def _is_region(place: Entity) -> bool:
    return place.name == place.admin1


def located(text: str, index: AliasIndex) -> list[Location]:
    """Each town the text places in a state or region, in so many words."""
    spans = _spans(text, index)
    towns = [span for span in spans if not _is_region(span[2])]
    regions = [span for span in spans if _is_region(span[2])]
    found = []
    for town_start, town_end, town in towns:
        for region_start, region_end, region in regions:
            if region_start >= town_end:
                between = _TOWN_THEN_REGION.match(text[town_end:region_start])
                direction = between and between["direction"]
            elif region_end <= town_start:
                between = _REGION_THEN_TOWN.match(text[region_end:town_start])
                before = _DIRECTION_BEFORE.search(text[:region_start])
                direction = before and before["direction"]
            else:
                continue
            if between:
                found.append(Location(town, region, direction or None))
    return found


def _compass(direction: str | None) -> set[str]:
    return {word for word in OPPOSITE if word in (direction or "").lower()}


def misplaced(claimed: Location, reported: Location) -> bool:
    """The report places the claim's town elsewhere: in another region, or in the opposite
    part of the same one ("southern" against "northern Shan State")."""
    if claimed.town.id != reported.town.id:
        return False
    if claimed.region.id != reported.region.id:
        return True
    ours, theirs = _compass(claimed.direction), _compass(reported.direction)
    return any(OPPOSITE[word] in theirs for word in ours)


def placed_alike(claimed: Location, reported: Location) -> bool:
    """The report places the claim's town where the claim does."""
    return claimed.town.id == reported.town.id and not misplaced(claimed, reported)
