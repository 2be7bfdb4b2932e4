"""Training the engine's models from FNC-1 training data and generated contrastive pairs."""
