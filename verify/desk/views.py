"""The desk's pages: thin views over the same services, role checks and versions as the API."""

import functools
import time
from http import HTTPStatus

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from schemas.claims import CLAIM_MAX
from schemas.desk import PublishedQuerySchema, QueueQuerySchema
from verify import workflow
from verify.auth import authenticate, authenticate_id, shown_name
from verify.desk import csrf, forms, text
from verify.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    NotFound,
    PreconditionFailed,
    Unauthorized,
)
from verify.services import claims, desk, explanations, similarity, sources
from verify.workflow import STATUSES, VERDICTS

blp = Blueprint(
    "desk",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/desk/static",
)

QUEUE_PAGE = 50
PUBLISHED_PAGE = 50
NOTES_SHOWN = 100
SIMILAR_SHOWN = 5
# Every asset comes from the app itself; the browser is told to load nothing from elsewhere.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
ACTIONS = {
    "pending": "Re-run verification",
    "published": "Publish",
    "dismissed": "Dismiss",
    "needs_review": "Reopen",
}
DONE = {
    "pending": "Verification requested again",
    "published": "Published",
    "dismissed": "Dismissed",
    "needs_review": "Reopened for review",
}


@blp.before_request
def check_form_and_session():
    """Refuse a form without its CSRF token; find who is signed in, if their key still works."""
    # Each request starts from nobody and no token, also where g outlives a request (an app
    # context pushed around several of them, as the tests do).
    g.pop("actor", None)
    g.pop(current_app.config["WTF_CSRF_FIELD_NAME"], None)
    if current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()
    key_id = session.get("key_id")
    if key_id is None:
        return None
    # However often the cookie is refreshed, a session lasts no longer than this from sign-in.
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    if time.time() - session.get("signed_in_at", 0) > lifetime:
        return _end_session("Your session has expired; sign in again.")
    try:
        # Read on every request: a revoked key ends its sessions at once.
        g.actor = authenticate_id(key_id)
    except Unauthorized:
        return _end_session("Your session has ended: its API key was revoked.")
    return None


def _end_session(message: str):
    session.clear()
    flash(message, "error")
    return redirect(url_for(".login"))


@blp.after_request
def page_headers(response):
    """Security headers on everything; pages, which show what a role may see, are not cached."""
    response.headers.update(SECURITY_HEADERS)
    if request.endpoint != "desk.static":
        response.headers["Cache-Control"] = "no-store"
    return response


@blp.context_processor
def page_context():
    return {"actor": g.get("actor"), "shown_name": shown_name, "words": text.words}


for _filter in (text.highlight, text.when, text.age, text.percent, text.messages):
    blp.add_app_template_filter(_filter)


@blp.errorhandler(DomainError)
def domain_error(error: DomainError):
    return _error_page(error.status, error.message, error.errors)


@blp.errorhandler(CSRFError)
def csrf_error(_error):
    message = (
        "This form has expired or did not come from this site, so nothing was changed. "
        "Reload the page and try again."
    )
    return _error_page(400, message)


@blp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    return _error_page(error.code or 500, error.description or "")


def _error_page(status: int, message: str, errors: dict | None = None):
    title = HTTPStatus(status).phrase
    return render_template("desk/error.html", title=title, message=message, errors=errors), status


def signed_in(*roles: str):
    """Let only signed-in actors of these roles (and admin) in; others sign in first."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            actor = g.get("actor")
            if actor is None:
                wanted = request.full_path.rstrip("?") if request.method == "GET" else None
                return redirect(url_for(".login", next=wanted))
            if actor.role != "admin" and actor.role not in roles:
                raise Forbidden(f"The {actor.role!r} role may not see this page.")
            return view(*args, **kwargs)

        return wrapper

    return decorator


def _local(target: str | None) -> str | None:
    """A path on this site to go back to after signing in; anything else is ignored."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def _query(schema, args) -> dict:
    """A query string loaded by its schema; empty fields are as if absent."""
    try:
        return schema.load({key: value for key, value in args.items() if value != ""})
    except ValidationError as error:
        raise Invalid("The page was asked for with invalid filters.", error.messages) from None


@blp.get("/")
def index():
    actor = g.get("actor")
    if actor is None:
        return redirect(url_for(".login"))
    return redirect(url_for(".published" if actor.role == "reader" else ".review"))


@blp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with an API key; the session keeps the key's id, never the key."""
    if request.method == "GET":
        return render_template("desk/login.html", next=_local(request.args.get("next")))
    secret = request.form.get("api_key", "").strip()
    try:
        actor = authenticate(secret) if secret else None
    except Unauthorized:
        actor = None
    if actor is None:
        page = render_template(
            "desk/login.html",
            next=_local(request.form.get("next")),
            error="Unknown or revoked API key.",
        )
        return page, 401
    # A fresh session, so that nothing set before signing in carries over into it.
    session.clear()
    session.permanent = True
    session["key_id"] = actor.id
    session["signed_in_at"] = int(time.time())
    return redirect(_local(request.form.get("next")) or url_for(".index"))


@blp.post("/logout")
def logout():
    session.clear()
    flash("Signed out.")
    return redirect(url_for(".login"))


@blp.get("/review")
@signed_in("submitter", "reviewer")
def review():
    """The review queue: submitted most often first, then oldest first."""
    query = _query(QueueQuerySchema(), request.args)
    status = query.get("status", "needs_review")
    filters = {
        "status": None if status == "any" else status,
        "verdict": query.get("verdict"),
        "tag": query.get("tag"),
        "assigned_to_me": query.get("mine", False),
    }
    page = desk.review_queue(g.actor, limit=QUEUE_PAGE, cursor=query.get("cursor"), **filters)
    shown = {k: v for k, v in {**query, "status": status}.items() if k != "cursor"}
    return render_template(
        "desk/review.html",
        page=page,
        filters=shown,
        next_url=url_for(".review", **shown, cursor=page.next) if page.next else None,
        first_url=url_for(".review", **shown) if "cursor" in query else None,
        statuses=STATUSES,
        verdicts=VERDICTS,
    )


@blp.get("/claims/<int:claim_id>")
@signed_in("submitter", "reviewer", "reader")
def claim(claim_id):
    """A claim, the evidence behind its suggested verdict, notes, history and actions."""
    return _claim_page(claim_id)


def _claim_page(claim_id, *, status=200, seen=None, errors=None, form=None, form_name=None):
    """The claim page; after a refused form, with what changed since and the form as it was."""
    actor = g.actor
    found = claims.visible_claim(actor, claim_id)
    try:
        explanation = explanations.explanation(actor, claim_id)
    except NotFound:
        explanation = None
    history = claims.history(actor, claim_id)
    staff = actor.role != "reader"
    return render_template(
        "desk/claim.html",
        claim=found,
        explanation=explanation,
        sources_by_name=_sources_by_name(explanation),
        origin_labels={o["id"]: o["label"] for o in (explanation or {}).get("origins", [])},
        history=history,
        changed=[change for change in history if change.id > seen] if seen is not None else None,
        notes=claims.list_notes(actor, claim_id, limit=NOTES_SHOWN).items if staff else None,
        targets=workflow.allowed_targets(found.status, actor.role),
        actions=ACTIONS,
        assignable=desk.assignable_keys() if actor.role in ("reviewer", "admin") else None,
        verdicts=VERDICTS,
        errors=errors or {},
        form=form or {},
        form_name=form_name,
    ), status


def _sources_by_name(explanation: dict | None) -> dict[str, dict]:
    """The sources of the explanation's origins, by name (deciding passages name theirs)."""
    found = {}
    for origin in (explanation or {}).get("origins", []):
        for source in origin["sources"]:
            found[source["name"]] = source
    return found


def _refused(claim_id, error: DomainError, form_name: str):
    """The claim page again after a refused form: what changed, or which fields are at fault."""
    form = request.form
    if isinstance(error, PreconditionFailed):
        seen = forms.last_change_seen(form)
        return _claim_page(claim_id, status=409, seen=seen, form=form, form_name=form_name)
    errors = dict(error.errors) or {"form": [error.message]}
    return _claim_page(claim_id, status=error.status, errors=errors, form=form, form_name=form_name)


@blp.post("/claims/<int:claim_id>/transitions")
@signed_in("submitter", "reviewer")
def transition(claim_id):
    """Publish, dismiss, reopen or re-run, if nobody changed the claim since the page was read."""
    actor = g.actor
    claims.visible_claim(actor, claim_id)
    target = request.form.get("to", "")
    try:
        version = forms.version_read(request.form)
        fields = forms.transition_fields(request.form)
        claims.change_status(actor, claim_id, expected_version=version, **fields)
    except (PreconditionFailed, Invalid, Conflict) as error:
        return _refused(claim_id, error, f"to-{target}")
    flash(f"{DONE[target]}.")
    return redirect(url_for(".claim", claim_id=claim_id))


@blp.post("/claims/<int:claim_id>/assignee")
@signed_in("reviewer")
def assign(claim_id):
    """Give the claim to someone on the desk (or to nobody)."""
    actor = g.actor
    claims.visible_claim(actor, claim_id)
    name = request.form.get("assignee", "").strip() or None
    try:
        version = forms.version_read(request.form)
        claims.assign(actor, claim_id, assignee_name=name, expected_version=version)
    except (PreconditionFailed, Invalid, Conflict, NotFound) as error:
        return _refused(claim_id, error, "assign")
    flash(f"Assigned to {name}." if name else "Unassigned.")
    return redirect(url_for(".claim", claim_id=claim_id))


@blp.post("/claims/<int:claim_id>/notes")
@signed_in("submitter", "reviewer")
def add_note(claim_id):
    claims.visible_claim(g.actor, claim_id)
    try:
        note = forms.note_text(request.form)
    except Invalid as error:
        return _refused(claim_id, error, "note")
    claims.add_note(g.actor, claim_id, note)
    flash("Note added.")
    return redirect(url_for(".claim", claim_id=claim_id, _anchor="notes"))


@blp.route("/claims/new", methods=["GET", "POST"])
@signed_in("submitter", "reviewer")
def new_claim():
    """Submit a claim; the page first shows the similar claims already in Verify."""
    if request.method == "GET":
        return _new_claim_page(request.args)
    form = request.form
    try:
        data = forms.claim_fields(form)
        submitted, _ = claims.submit_claim(g.actor, data, forms.idempotency_key(form))
    except Invalid as error:
        return _new_claim_page(form, errors=dict(error.errors) or {"form": [error.message]}), 422
    original = submitted.original
    if original is None:
        flash("Claim submitted; it is being verified.")
    else:
        rated = f", rated {text.words(original.rating)}" if original.rating else ""
        flash(
            f"Already in Verify: this restates claim {original.id} "
            f"({text.words(original.status)}{rated}), which it is linked to."
        )
    return redirect(url_for(".claim", claim_id=submitted.id))


def _new_claim_page(form, errors=None):
    # As the schema would take it: no NUL, which no database stores, and no more than a claim.
    wanted = form.get("text", "").replace("\x00", "").strip()[:CLAIM_MAX]
    similar = similarity.similar_claims(g.actor, wanted, limit=SIMILAR_SHOWN) if wanted else None
    return render_template(
        "desk/new_claim.html",
        form=form,
        errors=errors or {},
        similar=similar,
        idempotency_key=forms.idempotency_key(form),
    )


@blp.get("/published")
@signed_in("submitter", "reviewer", "reader")
def published():
    """Published claims, newest first."""
    query = _query(PublishedQuerySchema(), request.args)
    page = claims.list_claims(
        g.actor,
        limit=PUBLISHED_PAGE,
        cursor=query.get("cursor"),
        status="published",
        rating=query.get("rating"),
        tag=query.get("tag"),
    )
    shown = {k: v for k, v in request.args.items() if k in ("rating", "tag") and v}
    return render_template(
        "desk/published.html",
        page=page,
        filters=shown,
        next_url=url_for(".published", **shown, cursor=page.next) if page.next else None,
        verdicts=VERDICTS,
    )


@blp.get("/sources/<int:source_id>")
@signed_in("submitter", "reviewer", "reader")
def source(source_id):
    """A source: its grades and how they changed."""
    found = sources.get_source(source_id)
    return render_template(
        "desk/source.html",
        source=found,
        changes=sources.grade_history(source_id),
    )
