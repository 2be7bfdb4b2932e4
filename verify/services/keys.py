"""Creating and revoking API keys."""

from sqlalchemy.exc import IntegrityError

from verify.auth import hash_secret, new_secret
from verify.errors import Conflict, Invalid, NotFound
from verify.extensions import db
from verify.models import ROLES, ApiKey
from verify.models.base import utcnow
from verify.revocations import current_mark
from verify.services import webhooks


def create_key(name: str, role: str) -> str:
    """Store a new key and return its secret, which is never stored in clear."""
    if role not in ROLES:
        raise Invalid(f"Unknown role {role!r}.", {"role": [f"Must be one of {list(ROLES)}."]})
    if not name or len(name) > 100:
        raise Invalid("A key needs a name of 1 to 100 characters.", {"name": ["Invalid length."]})
    secret = new_secret()
    db.session.add(ApiKey(name=name, role=role, secret_hash=hash_secret(secret)))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            f"A key named {name!r} already exists.", {"name": ["Already used."]}
        ) from None
    return secret


def revoke_key(name: str) -> None:
    """Revoke a key by name; it stops working at once."""
    key = db.session.execute(db.select(ApiKey).filter_by(name=name)).scalar_one_or_none()
    if key is None:
        raise NotFound(f"No key named {name!r}.")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        webhooks.disable_for_key(key.id)
        db.session.commit()
    # Moved after the commit (and again for a key already revoked, which is harmless), so that
    # no process reuses the key from memory once this returns.
    current_mark().move()


def has_active_admin() -> bool:
    """Whether any unrevoked admin key exists."""
    query = db.select(ApiKey.id).filter_by(role="admin", revoked_at=None).limit(1)
    return db.session.execute(query).first() is not None
