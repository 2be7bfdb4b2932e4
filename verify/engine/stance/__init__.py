"""Stance of a passage towards a claim: supports, refutes, neutral or unrelated."""
