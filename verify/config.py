"""Configuration read from the environment."""

import os
from pathlib import Path

INSTANCE_DIR = Path(os.environ.get("VERIFY_INSTANCE_DIR", Path.cwd() / "instance"))


def _int(name: str, default: int) -> int:
    """Read an integer setting, failing loudly on a malformed value."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from None


class Config:
    """Settings for every deployment; each can be overridden by an environment variable."""

    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "VERIFY_DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'verify.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # None means the embedded broker on a SQLite file beside the database.
    BROKER_URL = os.environ.get("VERIFY_BROKER_URL") or None
    REDIS_URL = os.environ.get("VERIFY_REDIS_URL") or None
    MAX_CONTENT_LENGTH = _int("VERIFY_MAX_BODY_BYTES", 1024 * 1024)
    VERIFY_PUBLIC_URL = os.environ.get("VERIFY_PUBLIC_URL", "")

    API_TITLE = "Verify"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "docs"
    OPENAPI_SWAGGER_UI_URL = "/api/v1/docs/assets/"
    API_SPEC_OPTIONS = {
        "security": [{"bearerAuth": []}],
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "description": "API key"}
            }
        },
    }
