"""A mark every process reads to learn, at once, that some API key was revoked.

API processes keep the keys they looked up in memory, so that a request (a feed page served
from memory) needs no database at all. Each kept key carries the mark read before it was looked
up; a revocation moves the mark, and every process then looks its keys up again. The mark lives
where all processes of a setup can see it: in Redis when the broker is Redis, else in a file in
the instance folder (the embedded default: one machine).
"""

import logging
import os
from pathlib import Path

import redis
from flask import current_app
from redis.exceptions import RedisError

from verify.extensions import broker_url, is_redis_broker

log = logging.getLogger(__name__)
REDIS_KEY = "verify:keys:revocations"
FILE_NAME = "key-revocations"


class FileMark:
    """A file that grows by a line per revocation: its size is the mark (one stat to read)."""

    def __init__(self, directory: str):
        self.path = Path(directory) / FILE_NAME

    def read(self) -> int | None:
        try:
            return os.stat(self.path).st_size
        except FileNotFoundError:
            return 0  # nothing revoked yet
        except OSError as error:
            log.warning("key revocation mark unreadable (%s): looking keys up", error)
            return None

    def move(self) -> None:
        with self.path.open("a", encoding="ascii") as handle:
            handle.write("r\n")


class RedisMark:
    """A counter in Redis; a process that cannot read it trusts no kept key."""

    def __init__(self, url: str):
        self.client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)

    def read(self) -> int | None:
        try:
            return int(self.client.get(REDIS_KEY) or 0)
        except (OSError, ValueError, RedisError) as error:
            log.warning("key revocation mark unreadable (%s): looking keys up", error)
            return None

    def move(self) -> None:
        self.client.incr(REDIS_KEY)


def current_mark():
    """This app's mark: Redis beside a Redis broker, else a file in the instance folder."""
    mark = current_app.extensions.get("revocation_mark")
    if mark is None:
        broker = broker_url(current_app)
        mark = RedisMark(broker) if is_redis_broker(broker) else FileMark(current_app.instance_path)
        current_app.extensions["revocation_mark"] = mark
    return mark
