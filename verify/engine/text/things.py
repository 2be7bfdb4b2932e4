"""Things a text names that a claim can be about: an aircraft, a bridge, a hospital."""

import re

# Things a claim may be about that a report must name to bear on it: the fall of a town says
# nothing of a jet shot down over it. A report may name a kind of aircraft by the kind alone.
THINGS = {
    "jet": r"(?:fighter )?jets?|warplanes?|(?:air)?planes?",
    "helicopter": r"helicopters?|choppers?|gunships?",
    "drone": r"drones?|UAVs?",
    "aircraft": r"aircraft",
    "armoured vehicle": r"tanks?|armou?red (?:vehicles?|cars?)",
    "vessel": r"(?:war|gun)?ships?|(?:gun)?boats?|vessels?",
    "bridge": r"bridges?",
    "hospital": r"hospitals?|clinics?",
    "school": r"schools?",
    "religious building": r"monaster(?:y|ies)|pagodas?|temples?|churche?s?|mosques?",
    "market": r"markets?",
    "prison": r"prisons?|jails?",
    "airport": r"airports?|airfields?|air ?strips?",
}
KIND_OF = {"jet": "aircraft", "helicopter": "aircraft", "drone": "aircraft"}
_THING = {name: re.compile(rf"\b(?:{words})\b", re.I) for name, words in THINGS.items()}


def things_in(text: str) -> set[str]:
    """The things of THINGS that a text names."""
    return {name for name, pattern in _THING.items() if pattern.search(text)}


def names_things(text: str, things: set[str]) -> bool:
    """Whether a text names each of the things, or the kind it is of: "aircraft" names a jet,
    and any aircraft names "aircraft"; a helicopter does not name a jet."""
    named = things_in(text)
    kinds = named | {KIND_OF[name] for name in named if name in KIND_OF}
    return all(thing in kinds or KIND_OF.get(thing) in named for thing in things)
