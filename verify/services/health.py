"""Readiness checks of the services the API depends on."""

from flask import current_app
from kombu.exceptions import OperationalError as BrokerError
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


def broker() -> dict:
    """Whether the task broker accepts a connection."""
    try:
        with current_app.extensions["celery"].connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
        return {"ok": True}
    except (BrokerError, OSError, SQLAlchemyError) as error:
        return {"ok": False, "reason": f"broker unreachable: {error.__class__.__name__}"}


def readiness() -> dict:
    """Every dependency's check, by name."""
    return {"database": database(), "broker": broker()}
