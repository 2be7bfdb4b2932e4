"""Opaque keyset cursors and pages, shared by the schemas and the list use cases."""

import base64
import binascii
import json
from dataclasses import dataclass

from verify.limits import MAX_INTEGER


class BadCursor(ValueError):
    """A cursor this API did not issue."""


def encode_cursor(last_id: int) -> str:
    """An opaque cursor pointing after the given id."""
    return base64.urlsafe_b64encode(json.dumps({"after": last_id}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The id a cursor points after."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))["after"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise BadCursor(cursor) from None
    # A cursor holds an id: no other number leads anywhere (and a huge one overflows the query).
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_INTEGER:
        raise BadCursor(cursor)
    return value


@dataclass
class Page:
    """One page of a list, and the cursor of the next (None on the last)."""

    items: list
    next: str | None
