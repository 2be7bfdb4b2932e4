"""The Celery app for workers: `celery -A tasks.worker worker`."""

from verify import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
