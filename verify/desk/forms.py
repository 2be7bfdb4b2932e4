"""From HTML form fields to what the services take, validated by the API's own schemas."""

import re
import secrets

from marshmallow import Schema, ValidationError

from schemas.claims import ClaimSchema, NoteSchema, TransitionSchema
from verify.errors import Invalid

CLAIM_FIELDS = ("text", "context", "claimant", "place", "claimed_at", "tags")
TRANSITION_FIELDS = ("to", "reason", "rating", "rating_explanation")
_TAG_SEPARATORS = re.compile(r"[\s,]+")


class FormInvalid(Invalid):
    """A form with fields at fault: the page is shown again with the messages beside them."""


def _filled(form, names) -> dict:
    """The named fields that hold something besides white space."""
    values = {name: form.get(name, "").strip() for name in names}
    return {name: value for name, value in values.items() if value}


def _load(schema: Schema, data: dict) -> dict:
    try:
        return schema.load(data)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"form": error.messages}
        raise FormInvalid("Some fields need another look.", messages) from None


def claim_fields(form) -> dict:
    """A submission, as POST /claims takes it."""
    data = _filled(form, CLAIM_FIELDS)
    if "tags" in data:
        data["tags"] = [tag for tag in _TAG_SEPARATORS.split(data["tags"]) if tag]
    if "claimed_at" in data:
        # A date input gives a day; the claim's time is that day's start in UTC.
        data["claimed_at"] = f"{data['claimed_at']}T00:00:00Z"
    return _load(ClaimSchema(), data)


def transition_fields(form) -> dict:
    """A status change, as POST /claims/{id}/transitions takes it."""
    data = _filled(form, TRANSITION_FIELDS)
    return _load(TransitionSchema(), data)


def note_text(form) -> str:
    """A note's text, as POST /claims/{id}/notes takes it."""
    return _load(NoteSchema(), _filled(form, ("text",)))["text"]


def version_read(form) -> int:
    """The claim's version the page showed when the form was filled in."""
    value = form.get("version", "")
    if not value.isdigit() or len(value) > 10:
        raise FormInvalid("The form lost the claim's version.", {"version": ["Reload the page."]})
    return int(value)


def last_change_seen(form) -> int:
    """The newest history entry the page showed, to tell what changed since."""
    value = form.get("seen", "")
    return int(value) if value.isdigit() and len(value) <= 10 else 0


def idempotency_key(form) -> str:
    """The key that makes a form sent twice submit one claim; made fresh for a new form."""
    key = form.get("idempotency_key", "")
    return key if re.fullmatch(r"[\w-]{16,64}", key) else secrets.token_urlsafe(24)
