"""The pipeline with a real worker process: claims flow, and nothing is lost when things die."""

import time

import pytest
from sqlalchemy import create_engine, text

from tests.worker import Worker, skip_without_redis, wait_for
from verify import workflow
from verify.engine import ENGINE_VERSION
from verify.engine.verdict.model import VERDICTS
from verify.extensions import db
from verify.models import Claim, Evidence, StatusChange, VerificationRun
from verify.search.vectors import sqlite_dbapi
from verify.services import embeddings
from verify.services.outbox import queue_run

RELEVANT = (
    "Fighters of the Kachin Independence Army captured the army base at Hpakant on Sunday, "
    "residents said. The base had been held by the military for a decade."
)
UNRELATED = (
    "Rice prices rose sharply in Mandalay markets this week as the monsoon delayed harvests."
)
CLAIM = "The Kachin Independence Army captured the Hpakant army base"


@pytest.fixture
def reporting(client, auth) -> dict[str, int]:
    """Two stored documents, one about the claim and one not, by text."""
    sources = {}
    for name in ("Wire", "Farm News"):
        sources[name] = client.post(
            "/api/v1/sources", json={"name": name, "kind": "wire_agency"}, headers=auth("admin")
        ).json["id"]
    return {
        text_: client.post(
            "/api/v1/documents",
            json={"source_id": sources[name], "text": text_},
            headers=auth("admin"),
        ).json["id"]
        for name, text_ in (("Wire", RELEVANT), ("Farm News", UNRELATED))
    }


@pytest.fixture
def pipeline(app, reporting):
    """Documents to find, a clean queue, and a way to start workers that are stopped afterwards."""
    skip_without_redis(app)
    app.extensions["celery"].control.purge()
    workers = []

    def start(name="w1"):
        workers.append(Worker(app, f"{name}-{time.monotonic_ns()}").start())
        return workers[-1]

    yield {"relevant": reporting[RELEVANT], "start": start}
    for worker in workers:
        worker.stop()


def _claim(claim_id) -> Claim:
    return db.session.get(Claim, claim_id)


def _evidence(claim_id):
    return db.session.query(Evidence).filter_by(claim_id=claim_id).all()


def _reviewed(claim_id) -> int:
    return (
        db.session.query(StatusChange)
        .filter_by(claim_id=claim_id, to_status="needs_review")
        .count()
    )


def _submit(client, auth) -> int:
    response = client.post("/api/v1/claims", json={"text": CLAIM}, headers=auth("submitter"))
    assert response.status_code == 201
    return response.json["id"]


def test_does_a_submitted_claim_reach_review_with_evidence(client, auth, pipeline):
    pipeline["start"]()
    claim_id = _submit(client, auth)
    wait_for(lambda: _claim(claim_id).status == "needs_review", "needs_review")
    evidence = client.get(f"/api/v1/claims/{claim_id}/evidence", headers=auth("reviewer")).json[
        "items"
    ]
    assert evidence and evidence[0]["document_id"] == pipeline["relevant"]
    assert {"kachin", "hpakant", "captured"} <= set(evidence[0]["matched_terms"])
    assert all(e["document_id"] == pipeline["relevant"] for e in evidence)
    top = evidence[0]
    assert top["stance"] in ("supports", "neutral")
    assert sum(top["stance_probabilities"].values()) == pytest.approx(1, abs=0.01)
    assert top["speaker"] is None and top["attributed"] is True  # "residents said"
    runs = client.get(f"/api/v1/claims/{claim_id}/runs", headers=auth("reviewer")).json["items"]
    assert [(r["state"], r["attempts"], r["progress"]) for r in runs] == [("succeeded", 1, 100)]
    assert runs[0]["engine_version"] == ENGINE_VERSION
    claim = client.get(f"/api/v1/claims/{claim_id}", headers=auth("reviewer")).json
    assert claim["verdict"] == runs[0]["verdict"] and claim["verdict"] in VERDICTS
    assert claim["verdict"] != "insufficient"
    assert 0 < claim["confidence"] <= 1 and claim["confidence"] == runs[0]["confidence"]
    deciding = runs[0]["explanation"]["deciding"]
    # A passage of the relevant report (dense retrieval also brings its second sentence).
    sentences = [sentence.rstrip(".") + "." for sentence in RELEVANT.split(". ")]
    assert deciding[0]["quote"] in (*sentences, RELEVANT)
    moves = [
        (c.from_status, c.to_status)
        for c in db.session.query(StatusChange)
        .filter_by(claim_id=claim_id)
        .order_by(StatusChange.id)
    ]
    assert moves == [(None, "pending"), ("pending", "checking"), ("checking", "needs_review")]


def test_does_a_rerun_store_a_second_set_of_evidence(client, auth, pipeline):
    pipeline["start"]()
    claim_id = _submit(client, auth)
    wait_for(lambda: _claim(claim_id).status == "needs_review", "first run")
    response = client.post(
        f"/api/v1/claims/{claim_id}/runs", json={"reason": "new reports"}, headers=auth("reviewer")
    )
    assert response.status_code == 202
    run_id = response.json["id"]
    assert response.headers["Location"].endswith(f"/runs/{run_id}")
    again = client.post(f"/api/v1/claims/{claim_id}/runs", json={}, headers=auth("reviewer"))
    assert again.status_code == 409
    wait_for(lambda: db.session.get(VerificationRun, run_id).state == "succeeded", "second run")
    wait_for(lambda: _claim(claim_id).status == "needs_review", "needs_review again")
    shown = client.get(f"/api/v1/claims/{claim_id}/evidence", headers=auth("reviewer")).json[
        "items"
    ]
    assert {e["run_id"] for e in shown} == {run_id}


def test_does_a_run_killed_midway_finish_once_after_restart(app, client, auth, pipeline):
    # The documents' vectors first: otherwise the worker spends the test blocked on writing
    # them, before it ever reaches the run.
    embeddings.backfill(embeddings.unembedded_documents())
    claim_id = _submit(client, auth)
    run_id = _claim(claim_id).latest_run_id
    # Block the worker's writes so that it is caught in the middle of the run.
    if app.backend == "sqlite":
        # The app's SQLite library: two copies of SQLite in one process must never open the
        # same file, since closing a file in one drops the other's locks on it.
        path = app.database_url.removeprefix("sqlite:///")
        blocker = sqlite_dbapi().connect(path, timeout=30)
        blocker.execute("BEGIN IMMEDIATE")
    else:
        blocker = create_engine(app.database_url).connect()
        blocker.execute(text("LOCK TABLE evidence IN ACCESS EXCLUSIVE MODE"))
    first = pipeline["start"]("doomed")
    try:
        wait_for(lambda: f"[run-{run_id}] received" in first.output(), "task received")
        if app.backend == "postgresql":
            wait_for(
                lambda: db.session.get(VerificationRun, run_id).state == "running", "run started"
            )
        time.sleep(1)  # let it get stuck on the lock; only the kill matters
        first.kill()
    finally:
        blocker.rollback()
        blocker.close()
    pipeline["start"]("rescuer")
    wait_for(lambda: db.session.get(VerificationRun, run_id).state == "succeeded", "run finished")
    evidence = _evidence(claim_id)
    assert evidence and len({e.passage_id for e in evidence}) == len(evidence)
    assert {e.run_id for e in evidence} == {run_id}
    assert _claim(claim_id).status == "needs_review"
    assert _reviewed(claim_id) == 1


def test_does_the_sweeper_send_a_run_whose_task_was_never_sent(app, auth, pipeline, keys):
    # The state a crash between commit and send leaves: a queued run and no message.
    claim = Claim(text=CLAIM, submitted_by_id=1)
    db.session.add(claim)
    db.session.flush()
    workflow.open_claim(claim, actor_id=1)
    run = queue_run(claim, 1)
    db.session.commit()
    claim_id, run_id = claim.id, run.id
    pipeline["start"]()
    wait_for(lambda: db.session.get(VerificationRun, run_id).state == "succeeded", "swept run")
    assert _claim(claim_id).status == "needs_review"
    assert _evidence(claim_id)


def test_does_a_task_delivered_twice_store_one_set_of_evidence(app, client, auth, pipeline):
    claim_id = _submit(client, auth)
    run_id = _claim(claim_id).latest_run_id
    app.extensions["celery"].send_task(
        "verify.run_verification", args=[run_id], task_id=f"run-{run_id}"
    )
    worker = pipeline["start"]()
    wait_for(
        lambda: worker.output().count(f"run-{run_id}] succeeded") >= 2, "both deliveries handled"
    )
    evidence = _evidence(claim_id)
    assert evidence and len({e.passage_id for e in evidence}) == len(evidence)
    run = db.session.get(VerificationRun, run_id)
    assert (run.state, run.attempts) == ("succeeded", 1)
    assert _reviewed(claim_id) == 1


def test_does_a_run_that_always_fails_end_failed_with_the_error_shown(app, client, auth, pipeline):
    # Break the search index: every attempt fails inside the engine's query.
    if app.backend == "sqlite":
        breaking, mending = (
            "ALTER TABLE passages_fts RENAME TO passages_fts_off",
            "ALTER TABLE passages_fts_off RENAME TO passages_fts",
        )
    else:
        breaking, mending = (
            "ALTER TABLE passages RENAME COLUMN search_vector TO search_vector_off",
            "ALTER TABLE passages RENAME COLUMN search_vector_off TO search_vector",
        )
    db.session.execute(text(breaking))
    db.session.commit()
    try:
        pipeline["start"]()
        claim_id = _submit(client, auth)
        wait_for(lambda: _claim(claim_id).status == "needs_review", "needs_review after failures")
    finally:
        db.session.rollback()
        db.session.execute(text(mending))
        db.session.commit()
    shown = client.get(f"/api/v1/claims/{claim_id}", headers=auth("reviewer")).json["latest_run"]
    assert shown["state"] == "failed"
    assert "gave up after 3 attempts" in shown["error"]
    # The reason is short; the SQL and its parameters stay in the worker's log.
    assert "a database error" in shown["error"]
    for detail in ("SELECT", "passages_fts", "search_vector", "sqlalche.me"):
        assert detail not in shown["error"], shown["error"]
    run = client.get(f"/api/v1/claims/{claim_id}/runs/{shown['id']}", headers=auth("reviewer")).json
    assert run["attempts"] == 3 and run["finished_at"]
    assert _evidence(claim_id) == []
    history = client.get(f"/api/v1/claims/{claim_id}/history", headers=auth("reviewer")).json[
        "items"
    ]
    assert history[-1]["reason"].startswith("verification failed")
