"""What a text says happened, in classes of words that say the same thing, and what it says did
not happen: "had not been hit" denies an attack."""

import re

# What happened, in classes of words that say the same thing: two claims with actions in no
# common class tell of different events ("captured" and "shelled" the same town).
_TAKING = (
    r"captur\w*|seiz\w*|took|tak(?:e|es|en|ing)|overr[au]n\w*|conquer\w*|f[ae]ll(?:s|en)?"
    r"|retook|retak\w*|regain\w*"
)
_HOLDING = r"control\w*|hold\w*|held|hands of|occup\w*"
ACTIONS = {
    "capture": f"{_TAKING}|{_HOLDING}",
    "attack": r"attack\w*|shell\w*|bomb\w*|strik\w*|struck|airstrikes?|ambush\w*|hit(?:s|ting)?"
    r"|fir(?:e|ed|es|ing) (?:artillery|rockets?|shells?|on|at)|shot down|downed|brought down"
    r"|artillery|drones? (?:strike|attack)\w*",
    "destroy": r"destroy\w*|blew up|blown up|blow(?:s|ing)? up|demolish\w*|wreck\w*|blast\w*"
    r"|explosions?|damag\w*",
    "burn": r"burn\w*|set fire|torch\w*",
    # Casualties and an army's losses are its dead and wounded.
    "kill": r"kill\w*|died|dead|deaths?|execut\w*|murder\w*|casualt\w*|losses",
    "wound": r"injur\w*|wound\w*|hurt|casualt\w*|losses",
    "arrest": r"arrest\w*|detain\w*|taken prisoner|took \w+ prisoner|captive",
    "lose contact": r"los(?:t|e|es|ing) (?:all )?(?:contact|touch|communications?)"
    r"|(?:communications?|contact) (?:\w+ ){0,8}?(?:had been |has been |was )?lost"
    r"|(?:unable to|could not|cannot) (?:contact|reach)|out of (?:contact|touch)",
    "release": r"free[ds]?|freeing|releas\w*|amnesty",
    "close": r"clos(?:e|ed|es|ing|ure)|shut\w*|block\w*|cut|cuts|stopp?\w*|blockade",
    "impose": r"impos\w*|order(?:s|ed)|extend\w*|prolong\w*",
    "open": r"open\w*|reopen\w*|lift\w*|end(?:s|ed)?|eased?",
    "surrender": r"surrender\w*|laid down|lay down|gave (?:itself|themselves) up|defect\w*"
    r"|switch\w* (?:to|sides)|broke away|split from",
    "flee": r"fle[de]\w*|escap\w*|displac\w*|forced from|crossed|went over|refugees",
    "siege": r"besieg\w*|sieges?|surround\w*|encircl\w*",
    "repair": r"repair\w*|fix\w*|rebuil\w*",
    "withdraw": r"withdr[ae]w\w*|evacuat\w*|pull(?:ed)? out|retreat\w*",
    "conscript": r"conscript\w*|draft\w*|military service",
    "talk": r"talks|negotiat\w*|broker\w*|mediat\w*|ceasefire|truce",
    "announce": r"announc\w*|declar\w*|said|says|admit\w*|acknowledg\w*|confirm\w*|claim\w*",
    "sentence": r"sentenc\w*|court",
    "launch": r"launch\w*|start\w*|began|begin\w*",
    "protest": r"protest\w*|demonstrat\w*",
    "deploy": r"deploy\w*|mov(?:e|ed|es|ing) (?:heavy )?(?:artillery|guns|troops)"
    r"|arriv\w*|reach\w*",
    "find": r"found|find\w*|discover\w*|wreck(?:age)? of",
    "leaflet": r"leaflets?",
}


def _words(table: dict[str, str]) -> dict[str, re.Pattern]:
    """Each class of a table as one pattern of whole words."""
    return {name: re.compile(rf"\b(?:{pattern})\b", re.I) for name, pattern in table.items()}


_ACTIONS = _words(ACTIONS)

# Said of an event, these deny it: "had not been hit", "never fell", "hasn't been captured",
# "failed to take"; "not only" adds to it. "No soldiers were killed" denies it with its subject.
_NEGATION = r"(?:\b(?:not|never|no longer|fail(?:ed|s|ing)? to|unable to|cannot)|n['’]t)"
# A negation or a failure anywhere in a text: "did not lose", "failed to hold".
NEGATION = re.compile(rf"{_NEGATION}\b", re.I)
_NEGATOR = (
    rf"{_NEGATION}\s+"
    r"(?!only\b|just\b)(?:\w+\s+){0,2}?"
)
_NONE_WAS = r"\bno\s+(?:\w+\s+){1,2}(?:was|were|(?:has|had|have) been)\s+(?:\w+\s+)?"
# "Nobody died", "no shells landed", "there was no airstrike", "no civilian deaths"; and after
# the event, "the strike killed no one".
_NOBODY = r"\b(?:nobody|no one|none)\s+(?:\w+\s+)?"
_NO_EVENT = r"\bno\s+(?:\w+\s+)?(?:(?:had|has|have|was|were|did)\s+)?"
_NOBODY_AFTER = r"\s+(?:nobody|no one|none)\b"
# Events, as a text can say they happened or did not. Holding is what a capture ends in: "no
# longer holds the town" tells of its loss, not that no capture happened, and "unclear who
# controlled it" tells of no capture.
EVENTS = {**ACTIONS, "capture": _TAKING}
_EVENTS = _words(EVENTS)
_DENIED = {
    name: re.compile(
        rf"(?:{_NEGATOR}|{_NONE_WAS}|{_NOBODY}|{_NO_EVENT})(?:{pattern})\b"
        # "Officials said no one was killed" denies the killing, not that anyone spoke.
        + ("" if name == "announce" else rf"|\b(?:{pattern}){_NOBODY_AFTER}"),
        re.I,
    )
    for name, pattern in EVENTS.items()
}
# Said of what the event would have harmed, these deny it too: "the bridge was untouched".
_UNHARMED = _words(
    {
        "attack": r"untouched|spared",
        "destroy": r"intact|undamaged|untouched|unscathed|still standing",
        "wound": r"unharmed|unhurt|unscathed",
    }
)
# A clause that tells of another time or condition, or of something else: "Lashio, which had
# not fallen in decades" does not deny that Lashio fell.
_SUBORDINATE = re.compile(
    r"\b(?:which|who|whom|whose|where|when|whenever|until|since|before|after|if|unless|"
    r"whether|although|though|because|once)\b",
    re.I,
)
# Where a clause ends: "The school had not been hit, but the hospital was destroyed".
_CLAUSE_END = re.compile(r"[,;:.!?]|\bbut\b", re.I)


def actions_in(text: str) -> frozenset[str]:
    """The classes of ACTIONS a text names."""
    return frozenset(name for name, pattern in _ACTIONS.items() if pattern.search(text))


def events_in(text: str) -> frozenset[str]:
    """The classes of EVENTS a text tells of, happened or not."""
    return frozenset(name for name, pattern in _EVENTS.items() if pattern.search(text))


def denied_actions(text: str) -> list[tuple[str, str]]:
    """(action, its clause) for each action the text says did not happen in a main or reported
    clause: "Doctors said the hospital had not been hit, staff said" gives ("attack", "Doctors
    said the hospital had not been hit")."""
    found = []
    for name, pattern in [*_DENIED.items(), *_UNHARMED.items()]:
        for match in pattern.finditer(text):
            before = _CLAUSE_END.split(text[: match.start()])[-1]
            if _SUBORDINATE.search(before):
                continue
            after = _CLAUSE_END.split(text[match.start() :])[0]
            found.append((name, (before + after).strip()))
    return found
