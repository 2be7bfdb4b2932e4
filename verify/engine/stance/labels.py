"""The stance labels, in the order every model's outputs use."""

LABELS = ("supports", "refutes", "neutral", "unrelated")
