"""Helpers shared by the API resources: ETags and preconditions."""

import re

import flask_smorest
from flask import request
from webargs.flaskparser import FlaskParser

from verify.errors import PreconditionFailed, PreconditionRequired


class StrictParser(FlaskParser):
    """Leaves unknown-field handling to the schemas, which reject them in the query string too."""

    DEFAULT_UNKNOWN_BY_LOCATION = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": None}


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest Blueprint whose arguments never silently ignore a field."""

    ARGUMENTS_PARSER = StrictParser()


_ETAG = re.compile(r'^(?:W/)?"(?P<id>\d+)-(?P<version>\d+)"$')


def etag(obj) -> str:
    """The ETag of a versioned object: changes whenever the object does."""
    return f'"{obj.id}-{obj.version}"'


def expected_version(object_id: int) -> int:
    """The version the client's If-Match says it read; 428 if absent, 412 if not this object's."""
    header = request.headers.get("If-Match")
    if not header:
        raise PreconditionRequired(
            "This change needs an If-Match header with the ETag you read.",
            {"If-Match": ["Required."]},
        )
    match = _ETAG.match(header.strip())
    if match is None or int(match["id"]) != object_id:
        raise PreconditionFailed(
            "If-Match does not match this object's ETag.", {"If-Match": ["Stale or malformed."]}
        )
    return int(match["version"])
