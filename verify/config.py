"""Configuration read from the environment."""

import os
from pathlib import Path

from verify.outbound import allow_private_setting

INSTANCE_DIR = Path(os.environ.get("VERIFY_INSTANCE_DIR", Path.cwd() / "instance"))


def _float(name: str, default: float) -> float:
    """Read a number setting, failing loudly on a malformed value."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {raw!r}") from None


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
    # The pipeline: how often the sweeper looks, when a run counts as stuck, how often to try.
    SWEEP_INTERVAL = _float("VERIFY_SWEEP_INTERVAL", 30.0)
    STALE_AFTER = _float("VERIFY_STALE_AFTER", 120.0)
    MAX_ATTEMPTS = _int("VERIFY_MAX_ATTEMPTS", 3)
    RETRY_BACKOFF = _float("VERIFY_RETRY_BACKOFF", 2.0)
    TASK_TIME_LIMIT = _int("VERIFY_TASK_TIME_LIMIT", 300)
    # New documents wait this long so that a burst of them re-checks each claim once.
    RECHECK_DELAY = _float("VERIFY_RECHECK_DELAY", 1.0)
    RETRIEVAL_K = _int("VERIFY_RETRIEVAL_K", 20)
    RETRIEVAL_FLOOR = _float("VERIFY_RETRIEVAL_FLOOR", 0.2)
    MAX_CONTENT_LENGTH = _int("VERIFY_MAX_BODY_BYTES", 1024 * 1024)
    VERIFY_PUBLIC_URL = os.environ.get("VERIFY_PUBLIC_URL", "")
    # Signs the desk's session cookies; without it, a random key kept in the instance folder.
    SECRET_KEY = os.environ.get("VERIFY_SECRET_KEY") or None
    # How long a desk session lasts after its last request.
    DESK_SESSION_HOURS = _float("VERIFY_DESK_SESSION_HOURS", 12.0)
    # Memory per process for full pages of the events feed, which never change once full.
    FEED_CACHE_MB = _int("VERIFY_FEED_CACHE_MB", 32)
    # Who publishes the ClaimReviews (their `author`); left out of them when unset.
    PUBLISHER_NAME = os.environ.get("VERIFY_PUBLISHER_NAME", "")
    # Webhooks: attempts per delivery, first retry delay (doubling), failed deliveries in a row
    # before a subscription is disabled, and how long a receiver has to answer.
    WEBHOOK_MAX_ATTEMPTS = _int("VERIFY_WEBHOOK_MAX_ATTEMPTS", 5)
    WEBHOOK_BACKOFF = _float("VERIFY_WEBHOOK_BACKOFF", 10.0)
    WEBHOOK_DISABLE_AFTER = _int("VERIFY_WEBHOOK_DISABLE_AFTER", 5)
    WEBHOOK_TIMEOUT = _float("VERIFY_WEBHOOK_TIMEOUT", 10.0)
    # Subscriptions one key may hold: each publication costs a delivery per subscription.
    WEBHOOK_MAX_PER_KEY = _int("VERIFY_WEBHOOK_MAX_PER_KEY", 10)
    # Receivers on loopback or private addresses are refused unless this is set (tests, intranets).
    WEBHOOK_ALLOW_PRIVATE = os.environ.get("VERIFY_WEBHOOK_ALLOW_PRIVATE", "") in ("1", "true")
    # Ingestion: feeds and pages. Each request to a host waits for the one before it by this
    # many seconds (shared by every worker); each hop has this long; answers are capped.
    FETCH_PER_HOST_INTERVAL = _float("VERIFY_FETCH_PER_HOST_INTERVAL", 1.0)
    FETCH_TIMEOUT = _float("VERIFY_FETCH_TIMEOUT", 20.0)
    FETCH_MAX_BYTES = _int("VERIFY_FETCH_MAX_BYTES", 5 * 1024 * 1024)
    FETCH_MAX_REDIRECTS = _int("VERIFY_FETCH_MAX_REDIRECTS", 5)
    # "1" lets fetches reach any loopback or private address; a list of networks, only those.
    FETCH_ALLOW_PRIVATE = allow_private_setting(os.environ.get("VERIFY_FETCH_ALLOW_PRIVATE", ""))
    # Polls that fail in a row before a feed is paused; later polls back off until then.
    FEED_PAUSE_AFTER = _int("VERIFY_FEED_PAUSE_AFTER", 5)

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
