"""Candidate passages for a claim: lexical, dense and entity matches, re-ranked together."""
