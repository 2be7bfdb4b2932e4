"""Who asserts a passage, which passages share an origin, and how credible each source is."""
