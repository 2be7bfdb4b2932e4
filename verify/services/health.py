"""Readiness checks of the services the API depends on."""

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from verify.extensions import db


def database() -> dict:
    """Whether the database answers a trivial query."""
    try:
        db.session.execute(text("SELECT 1"))
        return {"ok": True}
    except SQLAlchemyError as error:
        db.session.rollback()
        return {"ok": False, "reason": f"database unreachable: {error.__class__.__name__}"}


def readiness() -> dict:
    """Every dependency's check, by name."""
    return {"database": database()}
