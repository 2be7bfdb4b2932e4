"""Retrieval backends where the data lives: SQLite FTS5, or PostgreSQL full-text search.

The vector index (sqlite-vec, pgvector) is in `verify.search.vectors`.
"""

import time
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

# How long a term's document frequency is reused: IDF moves slowly, and counting is not free.
FREQUENCY_TTL = 300.0
CACHE_FROM = 100
_frequencies: dict[tuple[str, str], tuple[int, float]] = {}


def _cached_frequencies(connection: Connection, prefixes: list[str], count) -> dict[str, int]:
    """Document frequencies per prefix, counted at most once per TTL per database."""
    database, now = str(connection.engine.url), time.monotonic()
    if len(_frequencies) > 200_000:
        _frequencies.clear()
    result = {}
    for prefix in prefixes:
        cached = _frequencies.get((database, prefix))
        if cached is None or cached[1] < now:
            cached = (count(prefix), now + FREQUENCY_TTL)
            # Rare terms are cheap to count and must not look absent after a new document.
            if cached[0] >= CACHE_FROM:
                _frequencies[(database, prefix)] = cached
        result[prefix] = cached[0]
    return result


# Objects the migrations create for search that the models do not describe: the full-text index
# and the vector indexes of passages and claims (vec0 tables and their shadow tables, or
# pgvector tables).
SQLITE_INDEX = "passages_fts"
PG_COLUMN = "search_vector"
VECTOR_INDEX = "passage_vectors"
CLAIM_VECTOR_INDEX = "claim_vectors"


def is_search_index(name: str) -> bool:
    """Whether a database object belongs to the search index (skipped by schema comparison)."""
    return name.startswith((SQLITE_INDEX, VECTOR_INDEX, CLAIM_VECTOR_INDEX)) or name in (
        PG_COLUMN,
        "ix_passages_search_vector",
    )


@dataclass(frozen=True)
class Candidate:
    """A passage the backend found for a query, with what the engine needs to re-rank it."""

    passage_id: int
    document_id: int
    source_id: int
    text: str


class SqliteSearch:
    """FTS5 over passages, kept in step by triggers in the same transaction as the passage."""

    def __init__(self, connection: Connection):
        self.connection = connection

    def candidates(
        self, prefixes: list[str], limit: int, phrases: tuple[str, ...] = ()
    ) -> list[Candidate]:
        """Passages holding any term prefix or phrase, best first by FTS5's BM25."""
        terms = [f'"{p}"*' for p in prefixes] + [_quoted(phrase) for phrase in phrases]
        if not terms:
            return []
        rows = self.connection.execute(
            text(
                "SELECT p.id, p.document_id, d.source_id, p.text FROM passages_fts f "
                "JOIN passages p ON p.id = f.rowid JOIN documents d ON d.id = p.document_id "
                "WHERE passages_fts MATCH :match ORDER BY f.rank LIMIT :limit"
            ),
            {"match": " OR ".join(terms), "limit": limit},
        )
        return [Candidate(*row) for row in rows]

    def document_frequencies(self, prefixes: list[str]) -> dict[str, int]:
        """How many passages contain each term prefix (summed over the words it starts)."""
        return _cached_frequencies(self.connection, prefixes, self._count)

    def _count(self, prefix: str) -> int:
        # fts5vocab answers from the index's term list, without touching the passages.
        return self.connection.execute(
            text(
                "SELECT coalesce(sum(doc), 0) FROM passages_fts_vocab "
                "WHERE term >= :start AND term < :end"
            ),
            {"start": prefix, "end": prefix + "\U0010ffff"},
        ).scalar_one()

    def passage_count(self) -> int:
        return self.connection.execute(text("SELECT count(*) FROM passages")).scalar_one()


class PostgresSearch:
    """A generated tsvector column on passages with a GIN index ('simple' configuration)."""

    def __init__(self, connection: Connection):
        self.connection = connection

    def candidates(
        self, prefixes: list[str], limit: int, phrases: tuple[str, ...] = ()
    ) -> list[Candidate]:
        """Passages holding any term prefix or phrase, best first by ts_rank."""
        if not prefixes and not phrases:
            return []
        parts = ["to_tsquery('simple', :prefixes)"] if prefixes else []
        values = {"prefixes": " | ".join(f"{p}:*" for p in prefixes), "limit": limit}
        for number, phrase in enumerate(phrases):
            parts.append(f"phraseto_tsquery('simple', :phrase{number})")
            values[f"phrase{number}"] = phrase
        rows = self.connection.execute(
            text(
                "SELECT p.id, p.document_id, d.source_id, p.text "
                "FROM passages p JOIN documents d ON d.id = p.document_id, "
                f"(SELECT {' || '.join(parts)} AS query) AS q WHERE p.search_vector @@ q.query "
                "ORDER BY ts_rank(p.search_vector, q.query) DESC LIMIT :limit"
            ),
            values,
        )
        return [Candidate(*row) for row in rows]

    def document_frequencies(self, prefixes: list[str]) -> dict[str, int]:
        """How many passages contain each term prefix."""
        return _cached_frequencies(self.connection, prefixes, self._count)

    def _count(self, prefix: str) -> int:
        return self.connection.execute(
            text("SELECT count(*) FROM passages WHERE search_vector @@ to_tsquery('simple', :q)"),
            {"q": f"{prefix}:*"},
        ).scalar_one()

    def passage_count(self) -> int:
        # The planner's estimate is enough for IDF and avoids a full count on a large table.
        estimate = self.connection.execute(
            text("SELECT reltuples::bigint FROM pg_class WHERE relname = 'passages'")
        ).scalar_one()
        if estimate is None or estimate < 1000:
            return self.connection.execute(text("SELECT count(*) FROM passages")).scalar_one()
        return estimate


def _quoted(phrase: str) -> str:
    """An FTS5 phrase: the text in double quotes, inner quotes doubled."""
    return '"' + phrase.replace('"', '""') + '"'


def backend_for(connection: Connection):
    """The search backend that matches the database behind this connection."""
    return _BACKENDS[connection.dialect.name](connection)


_BACKENDS = {"sqlite": SqliteSearch, "postgresql": PostgresSearch}
