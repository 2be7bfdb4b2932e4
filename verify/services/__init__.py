"""Use cases: each takes plain values and owns its transaction."""
