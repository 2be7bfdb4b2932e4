"""Claim embeddings where the data lives, for similar claims: sqlite-vec or pgvector.

sqlite-vec has no approximate index: it scans every row. Scanning one bit per dimension and
scoring the nearest 100 again on their full vectors took 15 ms among 100,000 vectors, against
95 ms for a scan of the full vectors, and finds what an exact scan finds (recall@5 0.999 in
bench/similar.py). PostgreSQL walks an HNSW index.
"""

import numpy as np
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from verify.search.vectors import prepare_hnsw_search

TABLE = "claim_vectors"


def _unit(vector) -> np.ndarray:
    return np.asarray(vector, dtype=np.float32).reshape(-1)


class SqliteClaimVectors:
    """A vec0 table keyed by claim id: a bit vector to scan, the float vector to score."""

    def __init__(self, connection: Connection):
        self.connection = connection

    def store(self, vectors: dict[int, np.ndarray]) -> int:
        """Store vectors by claim id, replacing any; returns how many were stored."""
        if not vectors:
            return 0
        # One key at a time: vec0 looks a key up by its index, but scans for a list of keys.
        self.connection.execute(
            text(f"DELETE FROM {TABLE} WHERE claim_id = :id"), [{"id": i} for i in vectors]
        )
        rows = [{"id": i, "v": _unit(v).tobytes()} for i, v in vectors.items()]
        self.connection.execute(
            text(
                f"INSERT INTO {TABLE} (claim_id, coarse, embedding) "
                "VALUES (:id, vec_quantize_binary(:v), :v)"
            ),
            rows,
        )
        return len(rows)

    def nearest(self, vector, k: int) -> list[tuple[int, float]]:
        """About the k claims closest to a unit vector, with their cosine similarity, best first.

        The k nearest by bits, ordered by the cosine of their full vectors.
        """
        rows = self.connection.execute(
            text(
                f"SELECT claim_id, 1 - vec_distance_cosine(embedding, :v) AS similarity "
                f"FROM {TABLE} WHERE coarse MATCH vec_quantize_binary(:v) AND k = :k "
                "ORDER BY similarity DESC"
            ),
            {"v": _unit(vector).tobytes(), "k": k},
        )
        return [(int(i), float(s)) for i, s in rows]


class PostgresClaimVectors:
    """A side table with a vector(384) column and an HNSW index on cosine distance."""

    def __init__(self, connection: Connection):
        self.connection = connection

    @staticmethod
    def _param(name: str):
        from pgvector.sqlalchemy import VECTOR

        return bindparam(name, type_=VECTOR())

    def store(self, vectors: dict[int, np.ndarray]) -> int:
        """Store vectors by claim id, replacing any; returns how many were stored."""
        if not vectors:
            return 0
        statement = text(
            f"INSERT INTO {TABLE} (claim_id, embedding) VALUES (:id, CAST(:v AS vector)) "
            "ON CONFLICT (claim_id) DO UPDATE SET embedding = excluded.embedding"
        ).bindparams(self._param("v"))
        self.connection.execute(statement, [{"id": i, "v": _unit(v)} for i, v in vectors.items()])
        return len(vectors)

    def nearest(self, vector, k: int) -> list[tuple[int, float]]:
        """About the k claims closest to a unit vector, with their cosine similarity, best first."""
        prepare_hnsw_search(self.connection, k)
        statement = text(
            f"SELECT claim_id, 1 - (embedding <=> CAST(:v AS vector)) FROM {TABLE} "
            "ORDER BY embedding <=> CAST(:v AS vector) LIMIT :k"
        ).bindparams(self._param("v"))
        rows = self.connection.execute(statement, {"v": _unit(vector), "k": k})
        return [(int(i), float(s)) for i, s in rows]


def unembedded(connection: Connection, limit: int, after: int = 0) -> list[tuple[int, str]]:
    """(id, text) of up to limit claims after this id, in id order, with no vector.

    Linked duplicates are left out: their original stands for them.
    """
    statement = text(
        f"SELECT c.id, c.text FROM claims c LEFT JOIN {TABLE} v ON v.claim_id = c.id "
        "WHERE c.id > :after AND v.claim_id IS NULL AND c.duplicate_of_id IS NULL "
        "ORDER BY c.id LIMIT :limit"
    )
    rows = connection.execute(statement, {"after": after, "limit": limit})
    return [(int(i), t) for i, t in rows]


def claim_vectors_for(connection: Connection):
    """The claim vector index that matches the database behind this connection."""
    return _BACKENDS[connection.dialect.name](connection)


_BACKENDS = {"sqlite": SqliteClaimVectors, "postgresql": PostgresClaimVectors}
