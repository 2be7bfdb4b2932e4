"""The desk's pages over plain HTTP: sessions, roles, CSRF, stale pages, the queue, the evidence."""

import os
import re
import stat
import time
from html.parser import HTMLParser

import pytest

from tests.helpers import to_review
from verify import create_app
from verify.desk import instance_secret, views
from verify.extensions import db
from verify.models import Claim, Note, StatusChange, VerificationRun
from verify.services import keys as key_service
from verify.services import runs

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
SEEN = re.compile(r'name="seen" value="(\d+)"')
URL = re.compile(r"https?://[^\s\"'<>)]+", re.IGNORECASE)
# Markup in a report is text: it is shown escaped, with the claim's words marked inside it.
REPORT = (
    "Fighters of the Kachin Independence Army captured the <b>army base</b> at Hpakant on "
    "Sunday, residents said. The base had been held by the military for a decade."
)
CLAIM = "The Kachin Independence Army captured the Hpakant army base"


def csrf_token(client, path="/login") -> str:
    """The CSRF token of the forms on a page."""
    return TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


def sign_in(client, key: str):
    """Sign in through the form, as a browser does."""
    response = client.post("/login", data={"api_key": key, "csrf_token": csrf_token(client)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def form_fields(client, claim_id) -> dict:
    """What every action form of a claim page carries: token, version, last change seen."""
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    return {
        "csrf_token": TOKEN.search(page).group(1),
        "version": VERSION.search(page).group(1),
        "seen": SEEN.search(page).group(1),
    }


def submitted(client, auth, text=CLAIM, **fields) -> int:
    response = client.post(
        "/api/v1/claims", json={"text": text, **fields}, headers=auth("submitter")
    )
    assert response.status_code == 201, response.json
    return response.json["id"]


def published_claim(client, auth, text=CLAIM, rating="supported") -> int:
    claim_id = submitted(client, auth, text)
    to_review(claim_id)
    etag = client.get(f"/api/v1/claims/{claim_id}", headers=auth("reviewer")).headers["ETag"]
    response = client.post(
        f"/api/v1/claims/{claim_id}/transitions",
        json={"to": "published", "rating": rating},
        headers=auth("reviewer", **{"If-Match": etag}),
    )
    assert response.status_code == 200, response.json
    return claim_id


class PageCheck(HTMLParser):
    """What the accessibility and no-external-asset checks read from a page."""

    def __init__(self, html: str):
        super().__init__()
        self.h1 = 0
        self.fields: list[dict] = []
        self.labelled: set[str] = set()
        self.open_labels = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        elif tag == "label":
            self.open_labels += 1
            if attributes.get("for"):
                self.labelled.add(attributes["for"])
        elif tag in ("input", "select", "textarea") and attributes.get("type") != "hidden":
            self.fields.append({**attributes, "wrapped": self.open_labels > 0, "tag": tag})

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels -= 1

    def unlabelled(self) -> list[dict]:
        return [f for f in self.fields if not f["wrapped"] and f.get("id") not in self.labelled]


def external_urls(html: str, own: str = "") -> list[str]:
    """Every http(s) address in a page that is not the app's own."""
    return [url for url in URL.findall(html) if not (own and url.startswith(own))]


def check_page(html: str, own: str = "") -> None:
    """One h1, a label for every field, and nothing from another site."""
    page = PageCheck(html)
    assert page.h1 == 1, f"{page.h1} h1 elements"
    assert not page.unlabelled(), page.unlabelled()
    assert not external_urls(html, own)


def verified_in_process(app, client, auth, source_id, text=CLAIM) -> int:
    """A claim verified by the pipeline's own code in this process, as a worker would."""
    body = {"source_id": source_id, "text": REPORT, "title": "Hpakant base"}
    assert client.post("/api/v1/documents", json=body, headers=auth("admin")).status_code == 201
    claim_id = submitted(client, auth, text)
    run_id = db.session.get(Claim, claim_id).latest_run_id
    assert runs.execute(run_id) == "done"
    db.session.expire_all()
    assert db.session.get(Claim, claim_id).status == "needs_review"
    return claim_id


def test_does_signing_in_keep_only_the_key_id_in_an_httponly_lax_cookie(app, client, keys):
    response = sign_in(client, keys["reviewer"])
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    data = app.session_interface.get_signing_serializer(app).loads(value)
    assert set(data) == {"_permanent", "key_id", "signed_in_at"}
    assert keys["reviewer"] not in str(data) and keys["reviewer"] not in value
    assert response.headers["Location"] == "/"
    assert client.get("/").headers["Location"] == "/review"


def test_is_an_unknown_key_refused_at_sign_in(client, keys):
    token = csrf_token(client)
    response = client.post("/login", data={"api_key": "vfy_nope", "csrf_token": token})
    assert response.status_code == 401
    assert "Unknown or revoked API key." in response.get_data(as_text=True)
    assert client.get("/review").status_code == 302


def test_is_the_session_cookie_secure_when_the_desk_is_served_over_https(app, keys):
    secure = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "INSTANCE_PATH": app.instance_path,
            "BROKER_URL": app.config["BROKER_URL"],
            "TESTING": True,
            "VERIFY_PUBLIC_URL": "https://desk.example/",
        }
    )
    with secure.app_context():
        response = sign_in(secure.test_client(), keys["reviewer"])
        assert "Secure" in response.headers["Set-Cookie"]
        db.session.remove()


def test_is_the_secret_key_made_once_at_random_and_kept_private(app, tmp_path):
    first = instance_secret(str(tmp_path))
    assert len(first) >= 32 and instance_secret(str(tmp_path)) == first
    assert stat.S_IMODE(os.stat(tmp_path / "secret-key").st_mode) == 0o600
    other = tmp_path / "other"
    other.mkdir()
    assert instance_secret(str(other)) != first
    given = create_app({"SECRET_KEY": "k" * 40, "INSTANCE_PATH": str(other / "given")})
    assert given.config["SECRET_KEY"] == "k" * 40
    assert not (other / "given" / "secret-key").exists()
    assert app.config["SECRET_KEY"] == instance_secret(app.instance_path)


def test_does_a_visitor_who_is_not_signed_in_go_to_the_sign_in_page(client):
    response = client.get("/review?status=any")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/review?status%3Dany"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'name="next" value="/review?status=any"' in page
    assert client.get("/login?next=//elsewhere.example").get_data(as_text=True).count("next") == 0


def test_what_does_each_role_see(app, client, auth, keys):
    public = published_claim(client, auth, "Rebels took the Kutkai command post")
    reviewing = submitted(client, auth)
    to_review(reviewing)

    sign_in(client, keys["reader"])
    assert client.get("/").headers["Location"] == "/published"
    assert client.get("/review").status_code == 403
    assert client.get("/claims/new").status_code == 403
    assert client.get(f"/claims/{reviewing}").status_code == 404
    listed = client.get("/published").get_data(as_text=True)
    assert "Kutkai" in listed and "Hpakant" not in listed and "Review queue" not in listed
    page = client.get(f"/claims/{public}").get_data(as_text=True)
    assert "Kutkai" in page and 'id="notes"' not in page and 'id="actions"' not in page
    assert "submitter-key" not in page  # readers see roles, not the desk's account names

    sign_in(client, keys["submitter"])
    assert "Hpakant" in client.get("/review").get_data(as_text=True)
    page = client.get(f"/claims/{reviewing}").get_data(as_text=True)
    assert "Re-run verification" in page and ">Publish<" not in page and ">Assign<" not in page
    fields = form_fields(client, reviewing)
    refused = client.post(
        f"/claims/{reviewing}/transitions", data={**fields, "to": "published", "rating": "refuted"}
    )
    assert refused.status_code == 403
    assert db.session.get(Claim, reviewing).status == "needs_review"

    for role in ("reviewer", "admin"):
        sign_in(client, keys[role])
        page = client.get(f"/claims/{reviewing}").get_data(as_text=True)
        for action in (">Publish<", ">Dismiss<", ">Re-run verification<", ">Assign<"):
            assert action in page, (role, action)


def test_is_a_form_without_its_csrf_token_refused(app, client, auth, keys):
    claim_id = submitted(client, auth)
    to_review(claim_id)
    sign_in(client, keys["reviewer"])
    fields = form_fields(client, claim_id)
    for token in (None, "forged"):
        data = {k: v for k, v in fields.items() if k != "csrf_token"}
        if token:
            data["csrf_token"] = token
        note = client.post(f"/claims/{claim_id}/notes", data={"text": "no token"} | data)
        assert note.status_code == 400
        assert "nothing was changed" in note.get_data(as_text=True)
        moved = client.post(f"/claims/{claim_id}/transitions", data={**data, "to": "dismissed"})
        assert moved.status_code == 400
    assert db.session.query(Note).count() == 0
    assert db.session.get(Claim, claim_id).status == "needs_review"
    assert client.post("/logout").status_code == 400
    # The JSON API authenticates by bearer token: no CSRF token, even beside a session cookie.
    api = client.post(
        f"/api/v1/claims/{claim_id}/notes", json={"text": "by API"}, headers=auth("reviewer")
    )
    assert api.status_code == 201


def test_does_a_reviewer_publish_from_the_queue_and_the_feed_carry_it(app, client, auth, keys):
    claim_id = submitted(client, auth)
    to_review(claim_id)
    sign_in(client, keys["reviewer"])
    queue = client.get("/review").get_data(as_text=True)
    assert f'href="/claims/{claim_id}"' in queue
    fields = form_fields(client, claim_id)
    noted = client.post(
        f"/claims/{claim_id}/notes",
        data={"csrf_token": fields["csrf_token"], "text": "Residents <and> the wire agree."},
    )
    assert noted.status_code == 302
    published = client.post(
        f"/claims/{claim_id}/transitions",
        data={
            **fields,
            "to": "published",
            "rating": "supported",
            "rating_explanation": "Two independent origins.",
            "reason": "checked",
        },
    )
    assert published.status_code == 302
    page = client.get(published.headers["Location"]).get_data(as_text=True)
    assert "Published." in page and "Residents &lt;and&gt; the wire agree." in page
    claim = db.session.get(Claim, claim_id)
    assert (claim.status, claim.rating) == ("published", "supported")
    feed = client.get("/api/v1/events", headers=auth("reader")).json["items"]
    assert [(e["claim_id"], e["rating"], e["rating_explanation"]) for e in feed] == [
        (claim_id, "supported", "Two independent origins.")
    ]


def test_does_a_stale_page_overwrite_nothing(app, client, auth, keys):
    second_key = key_service.create_key("reviewer-2", "reviewer")
    claim_id = submitted(client, auth)
    to_review(claim_id)
    other = app.test_client()
    sign_in(client, keys["reviewer"])
    sign_in(other, second_key)
    first_form, second_form = form_fields(client, claim_id), form_fields(other, claim_id)
    first = client.post(
        f"/claims/{claim_id}/transitions",
        data={**first_form, "to": "published", "rating": "supported"},
    )
    assert first.status_code == 302
    second = other.post(
        f"/claims/{claim_id}/transitions",
        data={**second_form, "to": "published", "rating": "refuted", "reason": "mine"},
    )
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    assert "This claim changed since you opened it" in page and "Nothing was saved" in page
    change = r"Changed by reviewer-key, [-0-9 :]+ UTC:\s+status needs review → published"
    assert re.search(change, page)
    assert "<li>Reason: mine</li>" in page  # what the second reviewer wrote is shown back
    db.session.expire_all()
    assert db.session.get(Claim, claim_id).rating == "supported"
    published = db.session.query(StatusChange).filter_by(claim_id=claim_id, to_status="published")
    assert published.count() == 1
    assert len(client.get("/api/v1/events", headers=auth("reader")).json["items"]) == 1


def test_do_rerun_dismiss_and_reopen_work_from_the_page(app, client, auth, keys):
    claim_id = submitted(client, auth)
    to_review(claim_id)
    sign_in(client, keys["submitter"])
    rerun = client.post(
        f"/claims/{claim_id}/transitions",
        data={**form_fields(client, claim_id), "to": "pending", "reason": "new reports"},
    )
    assert rerun.status_code == 302
    claim = db.session.get(Claim, claim_id)
    assert claim.status == "pending" and claim.latest_run.state == "queued"
    to_review(claim_id)
    sign_in(client, keys["reviewer"])
    for target, label in (("dismissed", "Dismissed."), ("needs_review", "Reopened for review.")):
        moved = client.post(
            f"/claims/{claim_id}/transitions", data={**form_fields(client, claim_id), "to": target}
        )
        assert moved.status_code == 302
        assert label in client.get(moved.headers["Location"]).get_data(as_text=True)
    history = [c.to_status for c in claims_history(claim_id)]
    assert history[-3:] == ["needs_review", "dismissed", "needs_review"]


def claims_history(claim_id) -> list[StatusChange]:
    return (
        db.session.query(StatusChange).filter_by(claim_id=claim_id).order_by(StatusChange.id).all()
    )


def test_are_invalid_fields_shown_beside_the_form(app, client, auth, keys):
    claim_id = submitted(client, auth)
    to_review(claim_id)
    sign_in(client, keys["reviewer"])
    fields = form_fields(client, claim_id)
    response = client.post(
        f"/claims/{claim_id}/transitions",
        data={**fields, "to": "published", "rating": "excellent"},
    )
    assert response.status_code == 422
    assert "Nothing was saved" in response.get_data(as_text=True)
    empty = client.post(f"/claims/{claim_id}/notes", data={**fields, "text": "   "})
    assert empty.status_code == 422
    new = client.post("/claims/new", data={"csrf_token": fields["csrf_token"], "tags": "a b"})
    assert new.status_code == 422 and 'aria-describedby="text-error"' in new.get_data(as_text=True)
    nul = client.post("/claims/new", data={"csrf_token": fields["csrf_token"], "text": "a\x00b"})
    assert nul.status_code == 422
    assert client.get("/claims/new?text=a%00b").status_code == 200
    for bad in ("/review?mine=maybe", "/review?unknown=1", "/published?cursor=bad"):
        assert client.get(bad).status_code == 422, bad
    assert db.session.query(Claim).count() == 1
    assert db.session.get(Claim, claim_id).status == "needs_review"


def test_is_the_queue_ordered_by_times_submitted_then_age(app, client, auth, keys, monkeypatch):
    ids = [submitted(client, auth, f"Claim number {n}", tags=["shan"] * (n % 2)) for n in range(5)]
    for claim_id in ids:
        to_review(claim_id)
    rows = {claim_id: db.session.get(Claim, claim_id) for claim_id in ids}
    rows[ids[3]].times_submitted = 4
    rows[ids[1]].times_submitted = 2
    rows[ids[4]].verdict = "refuted"
    db.session.commit()
    sign_in(client, keys["reviewer"])
    fields = form_fields(client, ids[2])
    assigned = client.post(
        f"/claims/{ids[2]}/assignee", data={**fields, "assignee": "reviewer-key"}
    )
    assert assigned.status_code == 302, assigned.get_data(as_text=True)

    def shown(url):
        page = client.get(url).get_data(as_text=True)
        return [int(n) for n in re.findall(r'<td><a href="/claims/(\d+)"', page)], page

    order, page = shown("/review")
    assert order == [ids[3], ids[1], ids[0], ids[2], ids[4]]
    assert "reviewer-key" in page
    assert shown("/review?verdict=refuted")[0] == [ids[4]]
    assert shown("/review?tag=shan")[0] == [ids[3], ids[1]]
    assert shown("/review?mine=true")[0] == [ids[2]]
    assert shown("/review?status=published")[0] == []
    assert client.get("/review?status=lost").status_code == 422
    assert client.get("/review?cursor=nonsense").status_code == 422

    monkeypatch.setattr(views, "QUEUE_PAGE", 2)
    seen, url = [], "/review"
    while url:
        order, page = shown(url)
        seen += order
        found = re.search(r'<a href="([^"]+)" rel="next">', page)
        url = found.group(1).replace("&amp;", "&") if found else None
    assert seen == [ids[3], ids[1], ids[0], ids[2], ids[4]]


def test_does_the_claim_page_show_the_evidence_with_the_claims_words_marked(
    app, client, auth, keys, source
):
    claim_id = verified_in_process(app, client, auth, source["id"])
    sign_in(client, keys["reviewer"])
    page = client.get(f"/claims/{claim_id}").get_data(as_text=True)
    assert "Deciding passages" in page and "Independent origins" in page
    assert "<mark>Hpakant</mark>" in page and "<mark>captured</mark>" in page
    assert "&lt;b&gt;<mark>army</mark> <mark>base</mark>&lt;/b&gt;" in page and "<b>" not in page
    assert f'href="/sources/{source["id"]}"' in page
    assert "Rules applied" in page
    run = db.session.get(VerificationRun, db.session.get(Claim, claim_id).latest_run_id)
    origins = int(run.explanation["evidence_mass"]["related_origins"])
    queue = client.get("/review").get_data(as_text=True)
    assert f'<td class="number">{origins}</td>' in queue
    source_page = client.get(f"/sources/{source['id']}").get_data(as_text=True)
    assert "Test Wire" in source_page and "Grade history" in source_page


def test_does_submitting_show_a_similar_claim_already_published(app, client, auth, keys):
    public = published_claim(client, auth, CLAIM, rating="supported")
    sign_in(client, keys["submitter"])
    wanted = "Kachin Independence Army fighters captured the army base in Hpakant"
    page = client.get("/claims/new", query_string={"text": wanted}).get_data(as_text=True)
    similar = page.split("Similar claims already in Verify", 1)[1]
    assert f'href="/claims/{public}"' in similar
    assert "published" in similar and "rated supported" in similar
    assert "csrf_token=" not in page  # the check is a GET: the token stays out of its URL
    token = TOKEN.search(page).group(1)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    form = {
        "csrf_token": token,
        "idempotency_key": key,
        "text": "Rebels blew up the Hsenwi bridge",
        "place": "Hsenwi",
        "claimed_at": "2024-05-02",
        "tags": "shan, bridges",
    }
    first = client.post("/claims/new", data=form)
    again = client.post("/claims/new", data=form)
    assert first.status_code == again.status_code == 302
    assert first.headers["Location"] == again.headers["Location"]
    claim = db.session.get(Claim, int(first.headers["Location"].rsplit("/", 1)[1]))
    assert (claim.place, claim.tags, claim.claimed_at.date().isoformat()) == (
        "Hsenwi",
        ["bridges", "shan"],
        "2024-05-02",
    )
    # The same claim again: linked to the published one, whose rating comes back at once.
    again = client.post("/claims/new", data={"csrf_token": token, "text": CLAIM})
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert f"Already in Verify: this restates claim {public} (published, rated supported)" in page
    assert f'<dt>Duplicate of</dt><dd><a href="/claims/{public}">' in page
    assert db.session.get(Claim, public).times_submitted == 2


def test_do_pages_have_one_h1_labels_and_nothing_from_elsewhere(app, client, auth, keys, source):
    claim_id = verified_in_process(app, client, auth, source["id"])
    public = published_claim(client, auth, "Rebels took the Kutkai command post")
    check_page(client.get("/login").get_data(as_text=True))
    pages = {
        "reviewer": [
            "/review",
            "/review?status=any",
            f"/claims/{claim_id}",
            "/claims/new",
            f"/claims/new?text={CLAIM}",
            "/published",
            f"/sources/{source['id']}",
            "/claims/99999",
        ],
        "reader": ["/published", f"/claims/{public}", f"/sources/{source['id']}", "/review"],
    }
    for role, paths in pages.items():
        sign_in(client, keys[role])
        for path in paths:
            response = client.get(path)
            assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
            assert response.headers["Cache-Control"] == "no-store"
            check_page(response.get_data(as_text=True))
    for asset in ("desk.css", "similar.js"):
        served = client.get(f"/desk/static/{asset}")
        assert served.status_code == 200 and not external_urls(served.get_data(as_text=True))


def test_does_signing_out_end_the_session(client, keys):
    sign_in(client, keys["reviewer"])
    token = csrf_token(client, "/review")
    response = client.post("/logout", data={"csrf_token": token})
    assert response.headers["Location"] == "/login"
    assert "Signed out." in client.get("/login").get_data(as_text=True)
    assert client.get("/review").status_code == 302


def test_does_revoking_a_key_end_its_session_at_once(app, client, keys):
    sign_in(client, keys["reviewer"])
    assert client.get("/review").status_code == 200
    key_service.revoke_key("reviewer-key")
    response = client.get("/review")
    assert response.headers["Location"] == "/login"
    assert "its API key was revoked" in client.get("/login").get_data(as_text=True)
    assert client.get("/review").status_code == 302


def test_does_a_session_end_after_its_lifetime_however_often_it_is_used(app, client, keys):
    sign_in(client, keys["reviewer"])
    with client.session_transaction() as session:
        session["signed_in_at"] = int(time.time()) - 13 * 3600
    assert client.get("/review").headers["Location"] == "/login"
    assert "expired" in client.get("/login").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/claims/1/notes", "/claims/1/transitions", "/logout"])
def test_do_desk_forms_take_no_get(client, path):
    assert client.get(path).status_code == 405
