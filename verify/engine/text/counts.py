"""Counts in a text, with what they count: "300 junta troops" is 300 soldiers."""

import re

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "dozen": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100,
}  # fmt: skip
# A year, unless people are counted by it ("2000 soldiers").
YEAR = r"(?:19|20)\d\d\b(?!\s+(?:soldiers|troops|civilians|people|fighters|men|officers)\b)"
# A figure that counts something ("300 soldiers", "a dozen junta posts"), not a day or a year.
COUNT = re.compile(
    rf"(?<![\d.,])\b(?P<number>(?!{YEAR})(?:\d{{1,3}}(?:,\d{{3}})+|\d+)"
    rf"|{'|'.join(NUMBER_WORDS)}|dozens|hundreds|thousands)(?:\s+(?P<scale>hundred|thousand))?\s+"
    r"(?:[a-z-]+\s+){0,3}?(?!(?:was|has|is|this|its|his|as|us)\b)"
    r"(?P<noun>[a-z]+s|people|men|women|children)\b",
    re.I,
)
# "The first of 14 regional commands to fall": 14 is the whole, not how many fell.
PARTITIVE = re.compile(
    rf"\b(?:first|second|third|last|one|each|some|many|most|several|{'|'.join(NUMBER_WORDS)}|\d+)"
    r" of (?:the )?$",
    re.I,
)
# "Hundreds of soldiers" is at least two hundred.
SOME = {"dozens": 24, "hundreds": 200, "thousands": 2000}
SCALES = {"hundred": 100, "thousand": 1000}
# Words that count the same people: "300 troops" reports "300 soldiers".
COUNTED_AS = {"troops": "soldiers", "personnel": "soldiers", "servicemen": "soldiers"}


def counts_in(text: str) -> list[tuple[int, str]]:
    """(value, what is counted) of each count: "300 junta troops" gives (300, "soldiers")."""
    found = []
    for match in COUNT.finditer(text):
        if PARTITIVE.search(text[: match.start()]):
            continue
        number = match["number"].lower()
        value = SOME.get(number) or NUMBER_WORDS.get(number) or int(number.replace(",", ""))
        value *= SCALES.get((match["scale"] or "").lower(), 1)
        noun = match["noun"].lower()
        found.append((value, COUNTED_AS.get(noun, noun)))
    return found


ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
# "The second regional command to fall", "the first of 14 regional military commands to fall".
ORDINAL = re.compile(
    rf"\bthe (?P<ordinal>{'|'.join(ORDINAL_WORDS)}|\d+(?:st|nd|rd|th))\s+"
    rf"(?:of (?:the )?(?:\d+|{'|'.join(NUMBER_WORDS)})\s+)?(?:[a-z-]+\s+){{0,3}}?"
    r"(?P<noun>[a-z]+)\s+to\s+(?:be\s+)?(?P<verb>[a-z]+)",
    re.I,
)


def _singular(noun: str) -> str:
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def ordinals_in(text: str) -> list[tuple[int, str, str]]:
    """(rank, what is ranked, what it was ranked by): "the second regional command to fall"
    gives (2, "command", "fall")."""
    return [
        (
            ORDINAL_WORDS.get(match["ordinal"].lower()) or int(match["ordinal"][:-2]),
            _singular(match["noun"].lower()),
            match["verb"].lower(),
        )
        for match in ORDINAL.finditer(text)
    ]
