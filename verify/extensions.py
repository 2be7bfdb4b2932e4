"""Flask extensions, created unbound and initialised in the app factory."""

from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
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
