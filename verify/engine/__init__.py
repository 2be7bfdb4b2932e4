"""The verification engine: plain Python, no Flask, testable and benchmarked on its own."""
