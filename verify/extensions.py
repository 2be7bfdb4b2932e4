"""Flask extensions, created unbound and initialised in the app factory."""

from pathlib import Path

from celery import Celery, Task
from flask import Flask
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from kombu import Queue
from sqlalchemy import MetaData

from schemas.base import ErrorSchema
from verify.errors import http_error_body

# Stable constraint names so that Alembic migrations work the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class VerifyApi(Api):
    """flask-smorest Api that answers every HTTP error in the project's one error shape."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error):
        """Render an HTTPException (including webargs validation errors) as JSON."""
        return http_error_body(error)


db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING))
migrate = Migrate()


def broker_url(app: Flask) -> str:
    """The broker: VERIFY_BROKER_URL, else the embedded one, on SQLite in the instance folder."""
    configured = app.config["BROKER_URL"]
    return configured or f"sqla+sqlite:///{Path(app.instance_path) / 'broker.db'}"


def is_embedded_broker(url: str) -> bool:
    """Whether the broker is the embedded default's (one machine, nothing in front)."""
    return url.startswith("sqla+sqlite")


def is_redis_broker(url: str) -> bool:
    return url.startswith(("redis://", "rediss://"))


def _transport_options(broker: str, time_limit: int) -> dict:
    """Broker options; kombu's SQLAlchemy transport hands its options to create_engine."""
    if is_redis_broker(broker):
        # Redis redelivers unacknowledged work after this; it must exceed the time limit.
        return {"visibility_timeout": time_limit * 4}
    return {}


# Verification, webhook deliveries and ingestion queue apart, so that a burst of deliveries to
# slow receivers, or a feed of a thousand pages, never delays a claim. A worker consumes every
# queue unless told otherwise (-Q).
DEFAULT_QUEUE = "celery"
WEBHOOK_QUEUE = "webhooks"
INGEST_QUEUE = "ingest"
QUEUES = (DEFAULT_QUEUE, WEBHOOK_QUEUE, INGEST_QUEUE)


def celery_init_app(app: Flask) -> Celery:
    """A Celery app whose tasks run inside this Flask app's context."""

    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    config = app.config
    broker = broker_url(app)
    celery = Celery(
        app.import_name,
        task_cls=FlaskTask,
        include=["tasks.verification", "tasks.webhooks", "tasks.embeddings", "tasks.ingest"],
    )
    celery.conf.update(
        broker_url=broker,
        broker_connection_retry_on_startup=True,
        # The database is the source of truth; results would be a second copy.
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=DEFAULT_QUEUE,
        # Each queue has a routing key of its own: queues declared with none all get the default
        # exchange's key, and a message sent to one of them then reaches every one.
        task_queues=[Queue(name, routing_key=name) for name in QUEUES],
        task_routes={
            "verify.deliver_webhook": {"queue": WEBHOOK_QUEUE},
            "verify.poll_feed": {"queue": INGEST_QUEUE},
            "verify.fetch_page": {"queue": INGEST_QUEUE},
        },
        task_time_limit=config["TASK_TIME_LIMIT"],
        task_soft_time_limit=max(config["TASK_TIME_LIMIT"] - 30, 10),
        broker_transport_options=_transport_options(broker, config["TASK_TIME_LIMIT"]),
        beat_schedule={
            "sweep-runs": {"task": "verify.sweep_runs", "schedule": config["SWEEP_INTERVAL"]},
            "sweep-webhooks": {
                "task": "verify.sweep_webhooks",
                "schedule": config["SWEEP_INTERVAL"],
            },
            # Also what polls the feeds that are due: the schedule lives on the feed rows.
            "sweep-feeds": {"task": "verify.sweep_feeds", "schedule": config["SWEEP_INTERVAL"]},
        },
        beat_schedule_filename=str(Path(app.instance_path) / "celerybeat-schedule"),
        worker_hijack_root_logger=False,
    )
    app.extensions["celery"] = celery
    return celery
