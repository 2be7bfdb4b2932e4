"""API keys, roles, and the check that guards every endpoint."""

import functools
import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, g, has_request_context, request
from sqlalchemy import bindparam, select, update

from verify.errors import Forbidden, Unauthorized
from verify.extensions import db
from verify.models import ApiKey
from verify.models.base import utcnow
from verify.revocations import current_mark

KEY_PREFIX = "vfy_"


@dataclass(frozen=True)
class Actor:
    """Who is calling: the key's id, name and role."""

    id: int
    name: str
    role: str


def new_secret() -> str:
    """A fresh random API key."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """The form in which a key is stored and looked up."""
    return hashlib.sha256(secret.encode()).hexdigest()


# Recording every use would turn each read into a write; once a minute is enough to audit.
LAST_USED_RESOLUTION = timedelta(minutes=1)


# Run on every request: built once, and read as plain columns rather than as an ORM object.
_KEY_COLUMNS = select(ApiKey.id, ApiKey.name, ApiKey.role, ApiKey.revoked_at, ApiKey.last_used_at)
_KEY_BY_HASH = _KEY_COLUMNS.where(ApiKey.secret_hash == bindparam("secret_hash"))
# A signed-in desk session holds its key's id, never the key itself.
_KEY_BY_ID = _KEY_COLUMNS.where(ApiKey.id == bindparam("key_id"))


# How many looked-up keys a process keeps at most.
KEPT_KEYS_MAX = 10_000


def authenticate(secret: str) -> Actor:
    """The actor holding this key, or 401 for an unknown or revoked key.

    A key looked up is kept in memory with the revocation mark read before the lookup, and
    reused while the mark has not moved (a revocation anywhere moves it: verify/revocations.py)
    and for at most LAST_USED_RESOLUTION, so that last_used_at stays that fresh.
    """
    digest = hash_secret(secret)
    return _kept_actor(digest, _KEY_BY_HASH, {"secret_hash": digest})


def authenticate_id(key_id: int) -> Actor:
    """The actor of a signed-in session's key, or 401 once the key is revoked or gone.

    Kept in memory as authenticate keeps keys, so that a revocation ends the session at once.
    """
    return _kept_actor(("id", key_id), _KEY_BY_ID, {"key_id": key_id})


def _kept_actor(kept_as, query, parameters: dict) -> Actor:
    mark = current_mark().read()
    kept = current_app.extensions.setdefault("kept_keys", {})
    entry = kept.get(kept_as)
    now = time.monotonic()
    if mark is not None and entry is not None and entry[1] == mark and entry[2] > now:
        return entry[0]
    actor = _look_up(query, parameters)
    if mark is not None:
        if len(kept) >= KEPT_KEYS_MAX:
            kept.clear()
        kept[kept_as] = (actor, mark, now + LAST_USED_RESOLUTION.total_seconds())
    return actor


def _look_up(query, parameters: dict) -> Actor:
    key = db.session.connection().execute(query, parameters).first()
    if key is None or key.revoked_at is not None:
        raise Unauthorized("Unknown or revoked API key.", headers={"WWW-Authenticate": "Bearer"})
    now = utcnow()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        db.session.execute(update(ApiKey).where(ApiKey.id == key.id).values(last_used_at=now))
        db.session.commit()
    return Actor(id=key.id, name=key.name, role=key.role)


def bearer_token() -> str:
    """The key from the Authorization header, or 401."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(
            "Send an API key as 'Authorization: Bearer <key>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token.strip()


def roles(*allowed: str):
    """Let only these roles (and admin) call the view; puts the caller in g.actor."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            actor = authenticate(bearer_token())
            if actor.role != "admin" and actor.role not in allowed:
                raise Forbidden(f"The {actor.role!r} role may not do this.")
            g.actor = actor
            return view(*args, **kwargs)

        wrapper.allowed_roles = frozenset(allowed) | {"admin"}
        return wrapper

    return decorator


def current_actor() -> Actor:
    """The caller authenticated by @roles."""
    return g.actor


def shown_name(key) -> str:
    """A key as the caller may see it: its name for staff; for a reader, the desk or a role.

    Key names are the desk's internal accounts; readers see who acted, not which account.
    """
    if key is None:
        return "system"
    viewer = g.get("actor") if has_request_context() else None
    if viewer is None or viewer.role != "reader":
        return key.name
    publisher = current_app.config["PUBLISHER_NAME"]
    return publisher if publisher and key.role in ("reviewer", "admin") else key.role
