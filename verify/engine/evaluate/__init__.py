"""Evaluation: FNC-1 stance scoring and claim-level verdict accuracy on held-out data."""
