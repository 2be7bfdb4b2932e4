"""Dense retrieval: vectors stored by the worker, the backfill command, hybrid candidates."""

import numpy as np
import pytest
from sqlalchemy import text

from tests.test_pipeline import pipeline, reporting  # noqa: F401 - the worker fixture
from tests.worker import wait_for
from verify.engine.evaluate.cases import similarities_to
from verify.engine.retrieval import hybrid
from verify.engine.retrieval.embeddings import default_encoder
from verify.engine.retrieval.lexical import retrieve
from verify.engine.verdict.model import SIDE_FOCUS, SIDE_SIMILARITY
from verify.extensions import db
from verify.models import Claim, Document, Evidence, VerificationRun
from verify.search import backend_for
from verify.search.vectors import vectors_for
from verify.services import embeddings

CLAIM = "Rebels overran the army base"
# Not one content word in common with the claim, not even an inflection.
PARAPHRASE = "Insurgent fighters took control of the military garrison after a night of clashes."
DISTRACTORS = [
    "Rice prices rose sharply in Mandalay markets this week as the monsoon delayed harvests.",
    "The central bank raised interest rates by half a point on Thursday.",
    "A football match in Yangon drew a record crowd of supporters.",
]
LASHIO_CLAIM = "MNDAA fully conquered Lashio HQ"
LASHIO_PARAPHRASES = [
    "The rebel group announced it now held every position of the north-eastern regional "
    "military command in Lashio.",
    "Officials admitted the army could no longer reach several senior officers at the "
    "north-eastern command in Lashio.",
]


def _store(client, auth, source_id, body) -> int:
    response = client.post(
        "/api/v1/documents", json={"source_id": source_id, "text": body}, headers=auth("admin")
    )
    assert response.status_code == 201, response.json
    return response.json["id"]


def _vector_count(passage_ids) -> int:
    return len(vectors_for(db.session.connection()).vectors(list(passage_ids)))


def _passage_ids(document_id) -> list[int]:
    return [p.id for p in db.session.get(Document, document_id).passages]


def _hybrid(claim, **options):
    connection = db.session.connection()
    return hybrid.retrieve(
        claim, backend_for(connection), vectors_for(connection), default_encoder(), **options
    )


def test_are_vectors_stored_by_the_worker_after_a_document_is_created(
    app,
    client,
    auth,
    source,
    pipeline,  # noqa: F811
):
    document_id = _store(client, auth, source["id"], f"{PARAPHRASE} {DISTRACTORS[0]}")
    assert db.session.get(Document, document_id).embedded_at is None
    assert _vector_count(_passage_ids(document_id)) == 0  # nothing computed in the request
    pipeline["start"]()
    wait_for(lambda: db.session.get(Document, document_id).embedded_at, "vectors stored")
    document = db.session.get(Document, document_id)
    stored = vectors_for(db.session.connection()).vectors([p.id for p in document.passages])
    assert len(stored) == len(document.passages) == 2
    expected = default_encoder().encode([p.text for p in document.passages])
    for passage, vector in zip(document.passages, expected, strict=True):
        assert float(np.dot(stored[passage.id], vector)) == pytest.approx(1.0, abs=1e-3)


def test_does_the_backfill_command_fill_documents_stored_before(app, client, auth, source):
    ids = [_store(client, auth, source["id"], body) for body in [PARAPHRASE, *DISTRACTORS]]
    passages = [p for i in ids for p in _passage_ids(i)]
    assert _vector_count(passages) == 0
    assert _hybrid(CLAIM) == []  # found by its words alone: nothing yet
    runner = app.test_cli_runner()
    result = runner.invoke(args=["documents", "embed"])
    assert result.exit_code == 0, result.output
    assert f"embedded {len(passages)} passages of {len(ids)} documents" in result.output
    db.session.rollback()
    assert _vector_count(passages) == len(passages)
    assert all(db.session.get(Document, i).embedded_at for i in ids)
    again = runner.invoke(args=["documents", "embed"])
    assert "embedded 0 passages of 0 documents" in again.output
    assert [m.candidate.document_id for m in _hybrid(CLAIM)] == [ids[0]]


def test_is_a_paraphrase_with_no_shared_word_retrieved(app, client, auth, source):
    paraphrase = _store(client, auth, source["id"], PARAPHRASE)
    for body in DISTRACTORS:
        _store(client, auth, source["id"], body)
    embeddings.backfill(embeddings.unembedded_documents())
    # Full-text search cannot find it: the claim and the passage share no word.
    assert retrieve(CLAIM, backend_for(db.session.connection())) == []
    matches = _hybrid(CLAIM, k=20, floor=0.2)
    assert [m.candidate.document_id for m in matches] == [paraphrase]
    assert matches[0].matched_terms == [] and 0.2 <= matches[0].relevance <= 1
    assert matches[0].similarity > hybrid.DENSE_FLOOR


def test_does_retrieval_give_each_passage_its_focus_on_the_claim(app, client, auth, source):
    """From the stored vectors: another fact about the subject is far once its name is set
    aside, another value of the same fact stays close."""
    other_fact = _store(
        client, auth, source["id"], "The Kachin Independence Army has an estimated 10,000 fighters."
    )
    other_value = _store(
        client, auth, source["id"], "The Kachin Independence Army has its headquarters in Laiza."
    )
    embeddings.backfill(embeddings.unembedded_documents())
    claim = "The Kachin Independence Army is headquartered in Lashio"
    found = {m.candidate.document_id: m for m in _hybrid(claim, floor=0.0)}
    assert found[other_fact].similarity >= SIDE_SIMILARITY, "close as a whole"
    assert found[other_fact].focus < SIDE_FOCUS <= found[other_value].focus
    # The figures of the evaluation commands, which encode the texts afresh.
    texts = [found[other_fact].candidate.text, found[other_value].candidate.text]
    fresh = [focus for _, focus in similarities_to(claim, texts)]
    assert fresh == pytest.approx([found[other_fact].focus, found[other_value].focus], abs=1e-3)


def test_does_retrieval_work_on_words_alone_before_vectors(app, client, auth, source):
    kept = _store(client, auth, source["id"], "Rebels overran the army base near the river.")
    _store(client, auth, source["id"], PARAPHRASE)
    backend = backend_for(db.session.connection())
    lexical = retrieve(CLAIM, backend)
    matches = _hybrid(CLAIM)
    assert [m.candidate.document_id for m in matches] == [kept]
    assert [(m.candidate, m.relevance) for m in matches] == [
        (m.candidate, m.relevance) for m in lexical
    ]


def test_does_an_entity_alias_bring_its_passages(app, client, auth, source):
    # The claim names Lashio in Latin script; the passage only in Burmese.
    burmese = _store(client, auth, source["id"], "လားရှိုး မြို့တွင် တိုက်ပွဲများ ဖြစ်ပွားခဲ့သည်။")
    _store(client, auth, source["id"], DISTRACTORS[1])
    mentions = [("Lashio", ["Lashio", "လားရှိုး"])]
    found = _hybrid("Fighting in Lashio", mentions=mentions, floor=0.0)
    assert burmese in [m.candidate.document_id for m in found]
    assert not _hybrid("Fighting in Lashio", floor=0.2)


def test_is_a_deleted_document_gone_from_the_vector_index(app, client, auth, source):
    doomed = _store(client, auth, source["id"], PARAPHRASE)
    embeddings.embed_documents([doomed])
    passages = _passage_ids(doomed)
    assert _vector_count(passages) == 1
    db.session.delete(db.session.get(Document, doomed))
    db.session.commit()
    assert _vector_count(passages) == 0
    count = db.session.execute(text("SELECT count(*) FROM passage_vectors")).scalar_one()
    assert count == 0


def test_does_a_search_find_live_passages_after_many_deletions(app, client, auth, source):
    kept = _store(client, auth, source["id"], "The bridge at Hsenwi was repaired on Monday.")
    doomed = _store(
        client,
        auth,
        source["id"],
        " ".join(f"Report number {i} came in from the front line today." for i in range(300)),
    )
    rng = np.random.default_rng(3)
    query = rng.normal(size=384)
    # The deleted passages lie closer to the query than the one left, and outnumber what a
    # plain HNSW scan looks at: it would find no live row among them.
    vectors = {p: query + rng.normal(scale=0.1, size=384) for p in _passage_ids(doomed)}
    vectors[_passage_ids(kept)[0]] = rng.normal(size=384)
    index = vectors_for(db.session.connection())
    index.store(vectors)
    db.session.delete(db.session.get(Document, doomed))
    db.session.commit()
    found = vectors_for(db.session.connection()).nearest(query / np.linalg.norm(query), 5)
    assert [candidate.document_id for candidate, _ in found] == [kept]


def test_does_a_run_find_paraphrases_as_evidence(app, client, auth, source, pipeline):  # noqa: F811
    paraphrases = [_store(client, auth, source["id"], body) for body in LASHIO_PARAPHRASES]
    garrison = _store(client, auth, source["id"], PARAPHRASE)
    pipeline["start"]()
    wait_for(
        lambda: all(db.session.get(Document, i).embedded_at for i in [*paraphrases, garrison]),
        "vectors",
    )
    for claim, expected in ((LASHIO_CLAIM, set(paraphrases)), (CLAIM, {garrison})):
        response = client.post("/api/v1/claims", json={"text": claim}, headers=auth("submitter"))
        claim_id = response.json["id"]
        wait_for(lambda c=claim_id: db.session.get(Claim, c).status == "needs_review", "run")
        evidence = db.session.query(Evidence).filter_by(claim_id=claim_id).all()
        assert expected <= {e.document_id for e in evidence}, claim
        assert all(0 < e.relevance <= 1 for e in evidence)


def test_does_a_new_paraphrasing_document_recheck_a_claim(app, client, auth, source, pipeline):  # noqa: F811
    pipeline["start"]()
    claim_id = client.post("/api/v1/claims", json={"text": CLAIM}, headers=auth("submitter")).json[
        "id"
    ]
    wait_for(lambda: db.session.get(Claim, claim_id).status == "needs_review", "first run")
    garrison = _store(client, auth, source["id"], PARAPHRASE)

    def second_run():
        runs = db.session.query(VerificationRun).filter_by(claim_id=claim_id).all()
        return len(runs) == 2 and all(r.state == "succeeded" for r in runs)

    wait_for(second_run, "the re-check run")
    newest = db.session.get(Claim, claim_id).latest_run_id
    evidence = db.session.query(Evidence).filter_by(run_id=newest).all()
    assert garrison in {e.document_id for e in evidence}
