"""Stance of a passage towards a claim: supports, refutes, neutral or unrelated."""

from verify.engine.stance.neural import default_cross_encoder as default_model

__all__ = ["default_model"]
