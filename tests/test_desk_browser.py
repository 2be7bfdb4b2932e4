"""The desk in a real browser: Debian's Chromium driven by Playwright, on both databases."""

import os
import threading

import pytest
from werkzeug.serving import make_server

from tests.helpers import to_review
from tests.test_desk import (
    CLAIM,
    external_urls,
    published_claim,
    submitted,
    verified_in_process,
)
from tests.test_pipeline import CLAIM as PIPELINE_CLAIM
from tests.test_pipeline import pipeline, reporting  # noqa: F401 - the worker fixture
from tests.worker import wait_for
from verify.extensions import db
from verify.models import Claim, Note, StatusChange
from verify.services import keys as key_service

CHROMIUM = "/usr/bin/chromium"
# What a page says about its own structure: one h1, and a label for every field.
STRUCTURE = """() => ({
  h1: document.querySelectorAll("h1").length,
  unlabelled: [...document.querySelectorAll("input, select, textarea")]
    .filter((field) => field.type !== "hidden" && field.labels.length === 0)
    .map((field) => field.name),
})"""


@pytest.fixture(scope="module")
def browser():
    """Chromium from Debian (never a downloaded build), headless, for this module's tests."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture
def live(app):
    """The app served on 127.0.0.1 from a thread; its address."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def open_page(browser, live):
    """New pages, each in a browser context of its own (its own cookies), that load only here."""
    contexts, requested = [], []

    def open_one(javascript: bool = True):
        context = browser.new_context(base_url=live, java_script_enabled=javascript)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        return page

    yield open_one
    for context in contexts:
        context.close()
    assert requested and all(url.startswith(live + "/") for url in requested), requested


def tab_to(page, locator, presses: int = 60) -> None:
    """Move the focus to an element with the Tab key alone, as a keyboard user does."""
    for _ in range(presses):
        if locator.evaluate("(element) => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def sign_in(page, key: str) -> None:
    """Sign in from the keyboard: Tab to the field, type the key, Enter."""
    page.goto("/login")
    tab_to(page, page.get_by_label("API key"))
    page.keyboard.type(key)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Signed in as").is_visible()


def check_structure(page, live: str) -> None:
    structure = page.evaluate(STRUCTURE)
    assert structure == {"h1": 1, "unlabelled": []}, (page.url, structure)
    assert not external_urls(page.content(), live), page.url


def test_can_a_reviewer_go_from_the_queue_to_publishing_from_the_keyboard(
    app,
    client,
    auth,
    keys,
    pipeline,  # noqa: F811 - the worker fixture
    open_page,
):
    pipeline["start"]()
    claim_id = submitted(client, auth, PIPELINE_CLAIM)
    wait_for(lambda: db.session.get(Claim, claim_id).status == "needs_review", "needs_review")
    page = open_page()
    sign_in(page, keys["reviewer"])
    assert page.get_by_role("heading", level=1).inner_text() == "Review queue"
    link = page.get_by_role("link", name=PIPELINE_CLAIM)
    tab_to(page, link)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    evidence = page.locator("#evidence")
    assert evidence.get_by_role("heading", name="Deciding passages").is_visible()
    marked = {text.lower() for text in evidence.locator("blockquote mark").all_inner_texts()}
    assert {"kachin", "hpakant", "captured"} <= marked
    assert evidence.get_by_role("link", name="Wire").first.is_visible()

    tab_to(page, page.get_by_label("Note", exact=True))
    page.keyboard.type("Residents and the wire report agree.")
    tab_to(page, page.get_by_role("button", name="Add note"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Note added.").is_visible()
    assert page.locator("#notes").get_by_text("Residents and the wire report agree.").is_visible()

    rating = page.get_by_label("Rating", exact=True)
    tab_to(page, rating)
    rating.select_option("supported")
    tab_to(page, page.get_by_label("Rating explanation"))
    page.keyboard.type("The wire report and residents agree.")
    tab_to(page, page.get_by_role("button", name="Publish"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Published.").is_visible()
    assert page.locator(".facts").get_by_text("published").first.is_visible()

    db.session.expire_all()
    assert db.session.query(Note).filter_by(claim_id=claim_id).count() == 1
    feed = client.get("/api/v1/events", headers=auth("reader")).json["items"]
    assert [(e["claim_id"], e["rating"], e["rating_explanation"]) for e in feed] == [
        (claim_id, "supported", "The wire report and residents agree.")
    ]


def test_is_the_second_of_two_reviewers_told_and_nothing_overwritten(
    app, client, auth, keys, open_page
):
    second_key = key_service.create_key("reviewer-2", "reviewer")
    claim_id = submitted(client, auth)
    to_review(claim_id)
    # Plain HTML forms: the desk needs no JavaScript.
    first, second = open_page(javascript=False), open_page(javascript=False)
    sign_in(first, keys["reviewer"])
    sign_in(second, second_key)
    for page in (first, second):
        page.goto(f"/claims/{claim_id}")
    first.get_by_label("Rating", exact=True).select_option("supported")
    first.get_by_role("button", name="Publish").click()
    assert first.get_by_text("Published.").is_visible()

    publish = second.locator("form", has=second.get_by_role("button", name="Publish"))
    publish.get_by_label("Rating", exact=True).select_option("refuted")
    publish.get_by_label("Reason (kept in the history)").fill("The military denies it.")
    publish.get_by_role("button", name="Publish").click()
    alert = second.get_by_role("alert")
    assert alert.get_by_text("This claim changed since you opened it").is_visible()
    assert alert.get_by_text("Changed by reviewer-key").is_visible()
    assert alert.get_by_text("The military denies it.").is_visible()

    db.session.expire_all()
    assert db.session.get(Claim, claim_id).rating == "supported"
    moves = db.session.query(StatusChange).filter_by(claim_id=claim_id, to_status="published")
    assert moves.count() == 1


def test_does_each_role_see_only_what_it_may(app, client, auth, keys, open_page):
    public = published_claim(client, auth, "Rebels took the Kutkai command post")
    reviewing = submitted(client, auth)
    to_review(reviewing)

    reader = open_page()
    sign_in(reader, keys["reader"])
    assert reader.url.endswith("/published")
    assert reader.get_by_role("link", name="Rebels took the Kutkai command post").is_visible()
    assert reader.get_by_role("link", name="Review queue").count() == 0
    reader.goto("/review")
    assert reader.get_by_role("heading", level=1).inner_text() == "Forbidden"
    reader.goto(f"/claims/{reviewing}")
    assert reader.get_by_role("heading", level=1).inner_text() == "Not Found"
    reader.goto(f"/claims/{public}")
    assert reader.get_by_role("button").all_inner_texts() == ["Sign out"]

    submitter = open_page()
    sign_in(submitter, keys["submitter"])
    submitter.goto(f"/claims/{reviewing}")
    assert submitter.get_by_role("button", name="Re-run verification").is_visible()
    assert submitter.get_by_role("button", name="Publish").count() == 0
    assert submitter.get_by_role("button", name="Assign").count() == 0


def test_is_a_form_without_its_csrf_token_refused(app, client, auth, keys, open_page):
    claim_id = submitted(client, auth)
    to_review(claim_id)
    page = open_page()
    sign_in(page, keys["reviewer"])
    page.goto(f"/claims/{claim_id}")
    page.get_by_label("Note", exact=True).fill("A note with no token")
    page.locator("#notes form input[name=csrf_token]").evaluate("(field) => field.remove()")
    page.get_by_role("button", name="Add note").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bad Request"
    assert page.get_by_text("nothing was changed").is_visible()
    assert db.session.query(Note).count() == 0


def test_does_submitting_show_a_similar_claim_already_published(app, client, auth, keys, open_page):
    public = published_claim(client, auth, CLAIM, rating="supported")
    wanted = "Kachin Independence Army fighters captured the army base in Hpakant"
    # With JavaScript the list follows the text as it is typed.
    typing = open_page()
    sign_in(typing, keys["submitter"])
    typing.goto("/claims/new")
    typing.get_by_label("Claim", exact=True).press_sequentially(wanted)
    found = typing.locator("#similar").get_by_role("link", name=CLAIM)
    found.wait_for()
    assert found.get_attribute("href") == f"/claims/{public}"
    assert typing.url.endswith("/claims/new")
    # Without it, the button asks; the page comes back with the list and the form as it was.
    page = open_page(javascript=False)
    sign_in(page, keys["submitter"])
    page.goto("/claims/new")
    page.get_by_label("Claim", exact=True).fill(wanted)
    page.get_by_label("Place").fill("Hpakant")
    page.get_by_role("button", name="Check for similar claims").click()
    similar = page.locator("#similar")
    found = similar.get_by_role("link", name=CLAIM)
    assert found.get_attribute("href") == f"/claims/{public}"
    assert similar.get_by_text("rated supported").is_visible()
    assert "csrf_token" not in page.url
    assert page.get_by_label("Place").input_value() == "Hpakant"
    page.get_by_role("button", name="Submit claim").click()
    assert (
        page.get_by_text("Claim submitted").or_(page.get_by_text("Already in Verify")).is_visible()
    )
    assert page.get_by_role("heading", level=1).inner_text().startswith("Kachin Independence Army")


def test_do_pages_have_one_h1_labels_and_nothing_from_elsewhere(
    app, client, auth, keys, source, live, open_page
):
    claim_id = verified_in_process(app, client, auth, source["id"])
    public = published_claim(client, auth, "Rebels took the Kutkai command post")
    page = open_page()
    page.goto("/login")
    check_structure(page, live)
    sign_in(page, keys["reviewer"])
    for path in (
        "/review",
        f"/claims/{claim_id}",
        "/claims/new",
        f"/claims/new?text={CLAIM}",
        "/published",
        f"/sources/{source['id']}",
    ):
        page.goto(path)
        check_structure(page, live)
    reader = open_page()
    sign_in(reader, keys["reader"])
    for path in ("/published", f"/claims/{public}", f"/sources/{source['id']}"):
        reader.goto(path)
        check_structure(reader, live)


def test_does_signing_out_end_the_session_and_revoking_the_key_at_once(keys, open_page):
    page = open_page()
    sign_in(page, keys["reviewer"])
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_text("Signed out.").is_visible()
    page.goto("/review")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"

    sign_in(page, keys["reviewer"])
    page.goto("/review")
    assert page.get_by_role("heading", level=1).inner_text() == "Review queue"
    key_service.revoke_key("reviewer-key")
    page.reload()
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
    assert page.get_by_text("its API key was revoked").is_visible()
