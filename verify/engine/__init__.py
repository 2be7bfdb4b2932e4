"""The verification engine: plain Python, no Flask, testable and benchmarked on its own."""

# Recorded on every run, so a verdict can be traced to the engine that made it.
ENGINE_VERSION = "0.4.14-neural"
