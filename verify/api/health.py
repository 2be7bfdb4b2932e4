"""Liveness and readiness probes, outside the versioned API."""

from flask import Blueprint

from verify.services import health

blp = Blueprint("health", __name__)


@blp.get("/healthz")
def healthz():
    """The process is up."""
    return {"status": "ok"}


@blp.get("/readyz")
def readyz():
    """The process can serve: each dependency answers."""
    checks = health.readiness()
    ready = all(check["ok"] for check in checks.values())
    return {"status": "ready" if ready else "unavailable", "checks": checks}, 200 if ready else 503
