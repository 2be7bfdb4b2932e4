"""Text the engine reads: passages of documents, and the actors and places they name."""
