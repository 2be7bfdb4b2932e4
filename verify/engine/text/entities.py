"""Entities and their aliases: one actor or place under every name the sources use for it.

A claim may name the junta while the evidence says Tatmadaw, or a Burmese report writes Lashio as
လားရှိုး. The alias index finds entity mentions in text and expands a query to every alias.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["DEFAULT_ENTITIES", "ENTITY_TYPES", "AliasIndex", "Entity", "load_entities"]

DEFAULT_ENTITIES = Path(__file__).resolve().parent.parent / "data" / "entities_myanmar.json"
ENTITY_TYPES = ("actor", "place")

# Capitalised aliases that are also ordinary English words: "Muse" the town, not "a muse".
COMMON_WORDS = frozenset({"muse", "kale"})

# Scripts written without spaces between words: their aliases match anywhere in the text.
_UNSPACED = re.compile(r"[\u1000-\u109f\uaa60-\uaa7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_GAP = re.compile(r"[\s\-‐‑–]+")  # "Sit-tat", "Sit tat" and "Sit  tat" are one spelling
_APOSTROPHE = re.compile(r"['’‘`]")  # "People's" and "People’s" likewise


@dataclass(frozen=True)
class Entity:
    """An actor or place; `aliases` are its other names, `name` not included."""

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    admin1: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    # For an actor: the id of the place where it sits ("lashio" for the North-eastern Command).
    seat: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The name, then every alias, each once."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


def _exact_case(alias: str) -> bool:
    """Acronyms ("AA", "SAC", "PDFs") and common words ("Muse") match only as written."""
    upper = sum(c.isupper() for c in alias)
    if upper >= 2 and upper > sum(c.islower() for c in alias):
        return True
    return alias.lower() in COMMON_WORDS and alias[:1].isupper()


def _key(alias: str, fold: bool) -> str:
    """The form under which spellings that differ only in gaps, apostrophes or case meet."""
    gap = "" if _UNSPACED.search(alias) else " "
    key = _APOSTROPHE.sub("'", _GAP.sub(gap, alias.strip()))
    return key.lower() if fold else key


def _pattern(alias: str) -> str:
    parts = []
    for piece in re.split(r"(\s+|-|'|’)", alias.strip()):
        if not piece:
            continue
        if piece.isspace() or piece == "-":
            parts.append(r"[\s\-‐‑–]*" if _UNSPACED.search(alias) else r"[\s\-‐‑–]+")
        elif piece in ("'", "’"):
            parts.append(r"['’‘`]")
        else:
            parts.append(re.escape(piece))
    return "".join(parts)


class _Matcher:
    """One regular expression over many aliases; finds every start, longest alias first."""

    def __init__(self, aliases: Iterable[str], flags: int, bounded: bool, fold: bool):
        self.fold = fold
        ordered = sorted(set(aliases), key=lambda alias: (-len(alias), alias))
        body = "|".join(_pattern(alias) for alias in ordered)
        if bounded:
            body = rf"(?<!\w)(?:{body})(?!\w)"
        # A lookahead matches at every position, so overlapping candidates are all seen.
        self.regex = re.compile(rf"(?=({body}))", flags) if ordered else None

    def spans(self, text: str) -> Iterable[tuple[int, int, str]]:
        if self.regex is None:
            return
        for match in self.regex.finditer(text):
            yield match.start(1), match.end(1), _key(match.group(1), self.fold)


class AliasIndex:
    """Finds entity mentions in text by any alias; independent of where entities are stored."""

    def __init__(self, entities: Iterable[Entity]):
        self._entities: dict[str, Entity] = {}
        # (exact case?, key) -> entities with that alias, and the alias as the entity spells it
        self._by_key: dict[tuple[bool, str], list[tuple[Entity, str]]] = {}
        for entity in entities:
            if entity.id in self._entities:
                raise ValueError(f"duplicate entity id: {entity.id}")
            self._entities[entity.id] = entity
            for alias in entity.names:
                if not alias.strip():
                    continue
                exact = _exact_case(alias) and not _UNSPACED.search(alias)
                slot = self._by_key.setdefault((exact, _key(alias, not exact)), [])
                if all(known.id != entity.id for known, _ in slot):
                    slot.append((entity, alias))
        folded, exact, unspaced = [], [], []
        for (is_exact, _), slot in self._by_key.items():
            for _, alias in slot:
                if _UNSPACED.search(alias):
                    unspaced.append(alias)
                else:
                    (exact if is_exact else folded).append(alias)
        self._matchers = (
            (False, _Matcher(folded, re.IGNORECASE, bounded=True, fold=True)),
            (True, _Matcher(exact, 0, bounded=True, fold=False)),
            (False, _Matcher(unspaced, 0, bounded=False, fold=True)),
        )

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> "AliasIndex":
        return cls(entities)

    @classmethod
    def default(cls) -> "AliasIndex":
        """The index over the shipped Myanmar entities, built once per process."""
        return _default_index()

    @property
    def entities(self) -> list[Entity]:
        return list(self._entities.values())

    def entity(self, entity_id: str) -> Entity:
        return self._entities[entity_id]

    def place_of(self, entity: Entity) -> Entity | None:
        """Where an entity is: a place itself, an actor its seat (when it has one indexed)."""
        if entity.type == "place":
            return entity
        return self._entities.get(entity.seat) if entity.seat else None

    def aliases(self, entity_id: str) -> tuple[str, ...]:
        """Every name of the entity: its name first, then its aliases."""
        return self._entities[entity_id].names

    def find(self, text: str) -> list[tuple[Entity, str]]:
        """(entity, alias matched) for each alias of an entity the text mentions, in order of
        first mention. Where mentions overlap the longest wins: "Arakan Army" over "Arakan"."""
        found: dict[tuple[str, str], tuple[Entity, str]] = {}
        for _, _, exact, key in self._taken(text):
            for entity, alias in self._by_key[(exact, key)]:
                found.setdefault((entity.id, alias), (entity, alias))
        return list(found.values())

    def mentions(self, text: str) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) of every mention, in text order, overlaps resolved as by find."""
        return [
            (start, end, entity)
            for start, end, exact, key in self._taken(text)
            for entity, _ in self._by_key[(exact, key)]
        ]

    def _taken(self, text: str) -> list[tuple[int, int, bool, str]]:
        """(start, end, exact case?, key) of each mention, in text order; the longest of
        overlapping candidates wins."""
        candidates = [
            (start, end, exact, key)
            for exact, matcher in self._matchers
            for start, end, key in matcher.spans(text)
        ]
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        covered = bytearray(len(text))
        taken: list[tuple[int, int, bool, str]] = []
        for candidate in candidates:
            start, end = candidate[:2]
            if not any(covered[start:end]):
                covered[start:end] = b"\x01" * (end - start)
                taken.append(candidate)
        return sorted(taken)

    def expand_query_terms(self, text: str) -> list[str]:
        """Every alias, in every script, of each entity the text mentions."""
        terms: dict[str, None] = {}
        for entity, _ in self.find(text):
            terms.update(dict.fromkeys(entity.names))
        return list(terms)


def _entity(record: dict) -> Entity:
    entity = Entity(
        id=record["id"],
        type=record["type"],
        name=record["name"],
        aliases=tuple(record.get("aliases") or ()),
        admin1=record.get("admin1"),
        country=record.get("country"),
        latitude=record.get("latitude"),
        longitude=record.get("longitude"),
        seat=record.get("seat"),
    )
    if entity.type not in ENTITY_TYPES:
        raise ValueError(f"{entity.id}: type must be one of {ENTITY_TYPES}, not {entity.type!r}")
    if (entity.latitude is None) != (entity.longitude is None):
        raise ValueError(f"{entity.id}: latitude and longitude go together")
    if entity.latitude is not None and not (
        -90 <= entity.latitude <= 90 and -180 <= entity.longitude <= 180
    ):
        raise ValueError(f"{entity.id}: coordinates out of range")
    return entity


def load_entities(path: str | Path | None = None) -> list[Entity]:
    """Entities from a JSON file ({"entities": [...]}); the shipped Myanmar set by default."""
    with Path(path or DEFAULT_ENTITIES).open(encoding="utf-8") as handle:
        records = json.load(handle)["entities"]
    entities = [_entity(record) for record in records]
    places = {entity.id for entity in entities if entity.type == "place"}
    for entity in entities:
        if entity.seat and (entity.type != "actor" or entity.seat not in places):
            raise ValueError(f"{entity.id}: the seat must be a place of the file, for an actor")
    return entities


@lru_cache(maxsize=1)
def _default_index() -> AliasIndex:
    return AliasIndex(load_entities())
