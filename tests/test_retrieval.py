"""Retrieval: query building, re-ranking, and both search backends on a real database."""

from verify.engine.retrieval.lexical import build_query, prefix_of, rerank, retrieve
from verify.extensions import db
from verify.models import Document
from verify.search import Candidate, backend_for


def test_is_the_query_robust_to_case_punctuation_and_numbers():
    a = build_query("MNDAA fully conquered Lashio HQ, killing 1,200 soldiers!")
    b = build_query("mndaa FULLY conquered lashio hq -- killing 1200 soldiers")
    assert a == b
    assert "1200" in a.numbers
    assert "the" not in build_query("The army took the town").prefixes
    assert ("lashio", "hq") in a.pairs


def test_do_inflections_share_a_prefix():
    assert prefix_of("captured") == prefix_of("capture") == prefix_of("captures") == "captur"
    assert prefix_of("attacks") == prefix_of("attacking") == "attack"
    assert prefix_of("2024") == "2024"
    assert prefix_of("လားရှိုး") == "လားရှိုး"


def _candidate(i, text):
    return Candidate(passage_id=i, document_id=i, source_id=1, text=text)


def test_does_coverage_of_rare_terms_rank_first():
    query = build_query("Rebels captured the Hpakant army base")
    candidates = [
        _candidate(1, "The army said the rebels were defeated in the north."),
        _candidate(2, "Rebels captured the army base at Hpakant on Sunday."),
        _candidate(3, "Prices of jade from Hpakant fell."),
    ]
    frequencies = {"rebel": 50, "captur": 40, "hpakant": 3, "army": 400, "bas": 80}
    matches = rerank(query, candidates, frequencies, 10_000, k=5, floor=0.0)
    assert [m.candidate.passage_id for m in matches][0] == 2
    assert matches[0].matched_terms == ["Rebels".lower(), "captured", "hpakant", "army", "base"]
    assert all(0 <= m.relevance <= 1 for m in matches)
    assert matches[0].relevance > matches[1].relevance


def test_do_k_and_floor_bound_the_result():
    query = build_query("bridge destroyed")
    candidates = [_candidate(i, f"The bridge number {i} was destroyed.") for i in range(30)]
    candidates.append(_candidate(99, "A bridge."))
    frequencies = {"bridg": 31, "destroy": 30}
    assert len(rerank(query, candidates, frequencies, 1000, k=20, floor=0.0)) == 20
    high = rerank(query, candidates, frequencies, 1000, k=50, floor=0.6)
    assert 99 not in [m.candidate.passage_id for m in high] and len(high) == 30


def _store(client, auth, source_id, text):
    body = {"source_id": source_id, "text": text}
    return client.post("/api/v1/documents", json=body, headers=auth("admin")).json["id"]


def test_does_the_database_backend_find_inflected_words(app, client, auth, source):
    kept = _store(client, auth, source["id"], "Rebel fighters have captured the Hpakant base.")
    _store(client, auth, source["id"], "Farmers in Sagaing brought in the harvest.")
    matches = retrieve("Rebels capture Hpakant base", backend_for(db.session.connection()))
    assert [m.candidate.document_id for m in matches] == [kept]
    assert retrieve("", backend_for(db.session.connection())) == []
    assert retrieve("!!! ???", backend_for(db.session.connection())) == []


def test_is_a_deleted_document_gone_from_the_index(app, client, auth, source):
    doomed = _store(client, auth, source["id"], "The Myawaddy crossing reopened on Monday.")
    assert retrieve("Myawaddy crossing reopened", backend_for(db.session.connection()))
    db.session.delete(db.session.get(Document, doomed))
    db.session.commit()
    assert retrieve("Myawaddy crossing reopened", backend_for(db.session.connection())) == []
