"""The feed serves every change exactly once, however publishing transactions interleave."""

import random
import threading
import time

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from tests.newsroom import drain, move, read_feed, reviewed_claim
from tests.worker import wait_for
from verify.extensions import db
from verify.models import EventVersion

WAIT = 60  # seconds: bounds a failure only
_thread = threading.local()


@pytest.fixture
def before_commit():
    """Lets a thread run a function just before committing a transaction that wrote a version."""

    def mark(session, _context):
        if any(isinstance(obj, EventVersion) for obj in session.new):
            session.info["wrote_version"] = True

    def hook(session):
        action = getattr(_thread, "before_commit", None)
        if action is not None and session.info.pop("wrote_version", False):
            action()

    def forget(session):
        session.info.pop("wrote_version", None)

    event.listen(Session, "after_flush", mark)
    event.listen(Session, "before_commit", hook)
    event.listen(Session, "after_rollback", forget)
    yield
    event.remove(Session, "after_flush", mark)
    event.remove(Session, "before_commit", hook)
    event.remove(Session, "after_rollback", forget)


def _warm_up(client, auth):
    # A key's first use of the minute writes its last-use time; get those writes out of the way.
    for role in ("reader", "reviewer", "admin"):
        client.get("/api/v1/events", headers=auth(role))


def _in_thread(app, errors: list, work, *args):
    def run():
        try:
            with app.test_client() as own:
                work(own, *args)
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _waiting_for_advisory_lock() -> bool:
    query = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    return db.session.execute(query).scalar() > 0


def test_is_a_change_committed_late_served_before_the_ones_after_it(app, auth, before_commit):
    client = app.test_client()
    first = reviewed_claim(client, auth, "Rebels captured the Kutkai command post")
    second = reviewed_claim(client, auth, "Rebels captured the Hsenwi command post")
    _warm_up(client, auth)
    cursor = read_feed(client, auth)["next"]
    inside, release = threading.Event(), threading.Event()
    errors, statuses = [], {}

    def hold():
        inside.set()
        release.wait(WAIT)

    def publish(own, name, claim_id, action):
        _thread.before_commit = action
        statuses[name] = move(own, auth, claim_id, "published", rating="supported").status_code

    slow = _in_thread(app, errors, publish, "slow", first, hold)
    try:
        assert inside.wait(WAIT), errors
        # The slow publication's version is written and its transaction is still open.
        fast = _in_thread(app, errors, publish, "fast", second, None)
        if app.backend == "postgresql":
            # The fast one waits for the version writers' lock (SQLite: for the database lock).
            wait_for(_waiting_for_advisory_lock, "the second writer to wait")
        db.session.rollback()
        assert db.session.query(EventVersion).count() == 0
        held_back = read_feed(client, auth, cursor=cursor)
        assert held_back["items"] == [] and held_back["next"] == cursor
        assert fast.is_alive()
    finally:
        release.set()
    slow.join(WAIT)
    fast.join(WAIT)
    assert not errors and statuses == {"slow": 200, "fast": 200}
    items, _ = drain(client, auth, cursor=cursor)
    assert [item["claim_id"] for item in items] == [first, second]


PUBLISHERS = 4
CLAIMS_EACH = 4


def test_does_the_feed_deliver_every_change_once_under_concurrent_publishing(
    app, auth, before_commit
):
    client = app.test_client()
    claims = [
        reviewed_claim(client, auth, f"Clashes near milestone {number} of the Muse road")
        for number in range(PUBLISHERS * CLAIMS_EACH)
    ]
    _warm_up(client, auth)
    errors, served = [], []
    publishing_done = threading.Event()

    def publisher(own, mine, seed):
        rng = random.Random(seed)
        # Each commit waits a random moment, holding its writes, while the reader keeps reading.
        _thread.before_commit = lambda: time.sleep(rng.uniform(0, 0.03))
        for claim_id in mine:
            assert move(own, auth, claim_id, "published", rating="supported").status_code == 200
            if rng.random() < 0.5:
                assert move(own, auth, claim_id, "needs_review").status_code == 200
                corrected = move(own, auth, claim_id, "published", rating="disputed")
                assert corrected.status_code == 200
            if rng.random() < 0.25:
                assert move(own, auth, claim_id, "dismissed", reason="retract").status_code == 200

    def reader(own, seed):
        rng = random.Random(seed)
        cursor = None
        while True:
            finished = publishing_done.is_set()
            query = {"limit": rng.randint(1, 5)}
            if cursor:
                query["cursor"] = cursor
            page = read_feed(own, auth, **query)
            served.extend((item["event_id"], item["version"]) for item in page["items"])
            cursor = page["next"]
            # Stop only after a read that began once every publisher had finished came up dry.
            if finished and not page["has_more"]:
                return

    seed = random.randrange(1_000_000)
    publishers = [
        _in_thread(app, errors, publisher, claims[n::PUBLISHERS], seed + n)
        for n in range(PUBLISHERS)
    ]
    reading = _in_thread(app, errors, reader, seed)
    for thread in publishers:
        thread.join(WAIT)
    publishing_done.set()
    reading.join(WAIT)
    assert not errors, (seed, errors)
    db.session.rollback()
    stored = {(v.event_id, v.number) for v in db.session.query(EventVersion)}
    assert len(served) == len(set(served)), f"seed {seed}: a change was served twice"
    assert set(served) == stored, f"seed {seed}: changes skipped: {stored - set(served)}"
    for event_id in {event_id for event_id, _ in served}:
        numbers = [number for served_id, number in served if served_id == event_id]
        assert numbers == sorted(numbers), f"seed {seed}: versions of {event_id} out of order"
