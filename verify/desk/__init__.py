"""The desk: server-rendered pages for fact-checkers and reviewers, over the API's services."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
SECRET_FILE = "secret-key"


def instance_secret(directory: str) -> str:
    """The key that signs sessions: made once, at random, and kept in the instance folder."""
    path = Path(directory) / SECRET_FILE
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    secret = secrets.token_urlsafe(48)
    draft = path.with_name(f".{SECRET_FILE}.{os.getpid()}")
    handle = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="ascii") as file:
        file.write(secret)
    try:
        # A link never replaces a file: of two processes starting at once, the first one wins.
        os.link(draft, path)
    except FileExistsError:
        secret = path.read_text(encoding="ascii").strip()
    finally:
        draft.unlink()
    return secret


def init_app(app: Flask) -> None:
    """Sessions, CSRF protection and the desk's pages."""
    config = app.config
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = instance_secret(app.instance_path)
    config["SESSION_COOKIE_HTTPONLY"] = True
    config["SESSION_COOKIE_SAMESITE"] = "Lax"
    config["SESSION_COOKIE_SECURE"] = config["VERIFY_PUBLIC_URL"].startswith("https")
    config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=config["DESK_SESSION_HOURS"])
    # Only the desk's forms are checked (see views.py); the API authenticates by bearer token.
    config["WTF_CSRF_CHECK_DEFAULT"] = False
    # A token lasts as long as its session: reading the evidence may take more than an hour.
    config["WTF_CSRF_TIME_LIMIT"] = None
    csrf.init_app(app)

    from verify.desk import views

    app.register_blueprint(views.blp)
