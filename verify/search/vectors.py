"""Passage embeddings where the data lives: sqlite-vec on SQLite, pgvector on PostgreSQL."""

import contextlib
import importlib
import json
import sqlite3
from functools import cache

import numpy as np
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from verify.search import Candidate

TABLE = "passage_vectors"
PG_INDEX = "ix_passage_vectors_embedding"
# Graph candidates PostgreSQL's HNSW scan keeps; it must be at least the k asked for.
HNSW_EF_SEARCH = 100


def prepare_hnsw_search(connection: Connection, k: int) -> None:
    """Set this transaction's HNSW scan to find k live rows, however many were deleted.

    Deleted rows stay in the graph until a vacuum; a plain scan stops after ef_search
    candidates, so after many deletions it returned fewer rows, or none. pgvector 0.8's
    iterative scan goes on until it has k, in order of distance.
    """
    connection.execute(
        text(
            "SELECT set_config('hnsw.ef_search', :ef, true), "
            "set_config('hnsw.iterative_scan', 'strict_order', true)"
        ),
        {"ef": str(max(HNSW_EF_SEARCH, k))},
    )


def _loads_extensions(module) -> bool:
    return hasattr(module.Connection, "enable_load_extension")


def sqlite_dbapi():
    """The sqlite3 module to connect with: Python's own if it can load sqlite-vec, else pysqlite3.

    Some Python builds leave out extension loading; pysqlite3 is the same module built with it.
    """
    if _loads_extensions(sqlite3):
        return sqlite3
    try:
        module = importlib.import_module("pysqlite3.dbapi2")
    except ImportError:
        raise RuntimeError(
            "This Python's sqlite3 cannot load extensions, which the vector index (sqlite-vec) "
            "needs: install pysqlite3-binary, or use a Python built with loadable extensions."
        ) from None
    return module


@cache
def sqlite_connection_types() -> tuple[type, ...]:
    """The connection classes of every sqlite3 module in use (the standard one, pysqlite3)."""
    types = [sqlite3.Connection]
    if not _loads_extensions(sqlite3):
        with contextlib.suppress(ImportError):
            types.append(importlib.import_module("pysqlite3.dbapi2").Connection)
    return tuple(types)


def load_sqlite_vec(dbapi_connection) -> bool:
    """Load sqlite-vec into a raw SQLite connection; False where that module cannot load it."""
    if not hasattr(dbapi_connection, "enable_load_extension"):
        return False
    import sqlite_vec

    dbapi_connection.enable_load_extension(True)
    try:
        sqlite_vec.load(dbapi_connection)
    finally:
        dbapi_connection.enable_load_extension(False)
    return True


def _unit(vector) -> np.ndarray:
    return np.asarray(vector, dtype=np.float32).reshape(-1)


# Rows of the vec0 table for a list of keys, each looked up by the key's index: a join from the
# list, since vec0 scans the whole table for `passage_id IN (...)`.
_BY_KEYS = f"FROM json_each(:ids) AS k JOIN {TABLE} AS v ON v.passage_id = k.value"


def _json(ids) -> str:
    return json.dumps([int(i) for i in dict.fromkeys(ids)])


class SqliteVectors:
    """A vec0 table keyed by passage id (cosine distance); a trigger drops a deleted passage's."""

    def __init__(self, connection: Connection):
        self.connection = connection

    def store(self, vectors: dict[int, np.ndarray]) -> int:
        """Store vectors by passage id, replacing any; passages deleted meanwhile are skipped."""
        if not vectors:
            return 0
        ids = list(vectors)
        # The delete takes the write lock first, so no passage can go between check and insert.
        # One key at a time: vec0 looks a key up by its index, but scans for a list of keys.
        self.connection.execute(
            text(f"DELETE FROM {TABLE} WHERE passage_id = :id"), [{"id": i} for i in ids]
        )
        present = self.connection.execute(
            text("SELECT id FROM passages WHERE id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": ids},
        ).scalars()
        rows = [{"id": i, "v": _unit(vectors[i]).tobytes()} for i in present]
        if rows:
            self.connection.execute(
                text(f"INSERT INTO {TABLE} (passage_id, embedding) VALUES (:id, :v)"), rows
            )
        return len(rows)

    def nearest(self, vector, k: int) -> list[tuple[Candidate, float]]:
        """The k passages closest to a unit vector, with their cosine similarity, best first."""
        rows = self.connection.execute(
            text(
                "SELECT p.id, p.document_id, d.source_id, p.text, 1 - n.distance FROM "
                f"(SELECT passage_id, distance FROM {TABLE} WHERE embedding MATCH :v AND k = :k) n "
                "JOIN passages p ON p.id = n.passage_id JOIN documents d ON d.id = p.document_id "
                "ORDER BY n.distance"
            ),
            {"v": _unit(vector).tobytes(), "k": k},
        )
        return [(Candidate(*row[:4]), float(row[4])) for row in rows]

    def vectors(self, passage_ids: list[int]) -> dict[int, np.ndarray]:
        """The stored vectors of these passages (those that have one)."""
        rows = self.connection.execute(
            text(f"SELECT v.passage_id, v.embedding {_BY_KEYS}"), {"ids": _json(passage_ids)}
        )
        return {i: np.frombuffer(blob, dtype=np.float32) for i, blob in rows}

    def similarities(self, vector, passage_ids: list[int]) -> dict[int, float]:
        """Cosine similarity of a unit vector to each of these passages that has a vector."""
        if not passage_ids:
            return {}
        keys = _json(passage_ids)
        # A nearest-neighbour query restricted to the keys: it skips every other vector, and is
        # faster than reading the listed vectors one by one (200 keys: a third of the time among
        # 30,000 vectors, about the same among 100,000).
        rows = self.connection.execute(
            text(
                f"SELECT passage_id, 1 - distance FROM {TABLE} WHERE embedding MATCH :v "
                "AND k = :k AND passage_id IN (SELECT value FROM json_each(:ids))"
            ),
            {"v": _unit(vector).tobytes(), "k": keys.count(",") + 1, "ids": keys},
        )
        return {i: float(similarity) for i, similarity in rows}

    def unembedded(self, document_ids: list[int]) -> list[tuple[int, str]]:
        """(id, text) of these documents' passages that have no vector yet."""
        return _unembedded(self.connection, document_ids)


class PostgresVectors:
    """A side table with a vector(384) column and an HNSW index on cosine distance."""

    def __init__(self, connection: Connection):
        self.connection = connection

    @staticmethod
    def _param(name: str):
        from pgvector.sqlalchemy import VECTOR

        return bindparam(name, type_=VECTOR())

    def store(self, vectors: dict[int, np.ndarray]) -> int:
        """Store vectors by passage id, replacing any; passages deleted meanwhile are skipped."""
        if not vectors:
            return 0
        statement = text(
            f"INSERT INTO {TABLE} (passage_id, embedding) "
            "SELECT :id, CAST(:v AS vector) WHERE EXISTS (SELECT 1 FROM passages WHERE id = :id) "
            "ON CONFLICT (passage_id) DO UPDATE SET embedding = excluded.embedding"
        ).bindparams(self._param("v"))
        rows = [{"id": i, "v": _unit(v)} for i, v in vectors.items()]
        return self.connection.execute(statement, rows).rowcount

    def nearest(self, vector, k: int) -> list[tuple[Candidate, float]]:
        """The k passages closest to a unit vector, with their cosine similarity, best first."""
        prepare_hnsw_search(self.connection, k)
        statement = text(
            "SELECT p.id, p.document_id, d.source_id, p.text, 1 - n.distance FROM "
            f"(SELECT passage_id, embedding <=> CAST(:v AS vector) AS distance FROM {TABLE} "
            "ORDER BY embedding <=> CAST(:v AS vector) LIMIT :k) n "
            "JOIN passages p ON p.id = n.passage_id JOIN documents d ON d.id = p.document_id "
            "ORDER BY n.distance"
        ).bindparams(self._param("v"))
        rows = self.connection.execute(statement, {"v": _unit(vector), "k": k})
        return [(Candidate(*row[:4]), float(row[4])) for row in rows]

    def vectors(self, passage_ids: list[int]) -> dict[int, np.ndarray]:
        """The stored vectors of these passages (those that have one)."""
        if not passage_ids:
            return {}
        rows = self.connection.execute(
            text(f"SELECT passage_id, embedding::real[] FROM {TABLE} WHERE passage_id = ANY(:ids)"),
            {"ids": list(dict.fromkeys(passage_ids))},
        )
        return {i: np.asarray(v, dtype=np.float32) for i, v in rows}

    def similarities(self, vector, passage_ids: list[int]) -> dict[int, float]:
        """Cosine similarity of a unit vector to each of these passages that has a vector."""
        if not passage_ids:
            return {}
        statement = text(
            f"SELECT passage_id, 1 - (embedding <=> CAST(:v AS vector)) FROM {TABLE} "
            "WHERE passage_id = ANY(:ids)"
        ).bindparams(self._param("v"))
        rows = self.connection.execute(
            statement, {"v": _unit(vector), "ids": list(dict.fromkeys(passage_ids))}
        )
        return {i: float(s) for i, s in rows}

    def unembedded(self, document_ids: list[int]) -> list[tuple[int, str]]:
        """(id, text) of these documents' passages that have no vector yet."""
        return _unembedded(self.connection, document_ids)


def _unembedded(connection: Connection, document_ids: list[int]) -> list[tuple[int, str]]:
    if not document_ids:
        return []
    statement = text(
        f"SELECT p.id, p.text FROM passages p LEFT JOIN {TABLE} v ON v.passage_id = p.id "
        "WHERE p.document_id IN :ids AND v.passage_id IS NULL ORDER BY p.id"
    ).bindparams(bindparam("ids", expanding=True))
    return [(i, t) for i, t in connection.execute(statement, {"ids": list(document_ids)})]


def vectors_for(connection: Connection):
    """The vector index that matches the database behind this connection."""
    return _BACKENDS[connection.dialect.name](connection)


_BACKENDS = {"sqlite": SqliteVectors, "postgresql": PostgresVectors}
