"""A real Celery worker process for the pipeline tests, and waiting on state."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PG_VARIABLE, REDIS_VARIABLE
from verify.extensions import db

DEADLINE = 90  # seconds: generous, since this only bounds a failure, never a success


class Worker:
    """`celery worker --beat` in its own process group, logging to a file."""

    def __init__(self, app, name: str):
        self.app, self.name = app, name
        self.log = Path(app.instance) / f"{name}.log"
        self.process = None

    def start(self) -> "Worker":
        env = {
            **os.environ,
            "VERIFY_DATABASE_URL": self.app.database_url,
            "VERIFY_BROKER_URL": self.app.config["BROKER_URL"],
            "VERIFY_INSTANCE_DIR": str(self.app.instance),
            "VERIFY_SWEEP_INTERVAL": "1",
            "VERIFY_STALE_AFTER": "3",
            "VERIFY_MAX_ATTEMPTS": "3",
            "VERIFY_RETRY_BACKOFF": "0.2",
            # Ingestion tests serve their sites on 127.0.0.1, and only that may be reached.
            "VERIFY_FETCH_ALLOW_PRIVATE": "127.0.0.1/32",
            "VERIFY_FETCH_PER_HOST_INTERVAL": "0.2",
            "VERIFY_FETCH_TIMEOUT": "2",
        }
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tasks.worker",
            "worker",
            "--beat",
            "--pool=solo",
            "--loglevel=INFO",
            "-n",
            f"{self.name}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--schedule",
            str(Path(self.app.instance) / f"{self.name}-beat"),
        ]
        self.process = subprocess.Popen(
            command,
            env=env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the whole process group: no chance to clean up or acknowledge."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        """A warm shutdown, as a deployment stops a worker; then nothing of it is left running."""
        if self.process is None:
            return
        # Only the main process: it stops its embedded beat itself, and a SIGTERM to the whole
        # group makes the shutdown take about three seconds longer.
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=20)
        # Whatever of the group outlived it (a stuck beat) goes too; usually nothing has.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def skip_without_redis(app) -> None:
    """Worker tests on PostgreSQL run on Redis; skip them when it is not configured."""
    if app.backend == "postgresql" and not os.environ.get(REDIS_VARIABLE):
        pytest.skip(
            f"PostgreSQL worker tests run on Redis: set {REDIS_VARIABLE} with {PG_VARIABLE}"
        )


@contextlib.contextmanager
def module_worker(migrated_app, name: str, settings: dict[str, str] | None = None):
    """One worker for a module's tests on a backend, started on an empty queue.

    For tests that each wait for their own work to finish: starting a worker costs about four
    seconds, stopping it one or two.
    """
    skip_without_redis(migrated_app)
    saved = {key: os.environ.get(key) for key in settings or {}}
    os.environ.update(settings or {})
    try:
        migrated_app.extensions["celery"].control.purge()
        worker = Worker(migrated_app, f"{name}-{time.monotonic_ns()}").start()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key)
            else:
                os.environ[key] = value
    try:
        yield worker
    finally:
        worker.stop()


def wait_for(predicate, what: str, deadline: float = DEADLINE):
    """Poll until predicate() is truthy (reading fresh database state); fail after the deadline."""
    end = time.monotonic() + deadline
    while True:
        db.session.rollback()
        db.session.expire_all()
        value = predicate()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)
