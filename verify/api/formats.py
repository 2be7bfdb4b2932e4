"""The events' three shapes (JSON, ClaimReview JSON-LD, ACLED CSV), negotiation and ETags."""

import csv
import hashlib
import io
import json
from urllib.parse import urlencode

from flask import current_app, request

from schemas.events import (
    ACLED_COLUMNS,
    DELETED_COLUMNS,
    AcledRowSchema,
    ClaimReviewSchema,
)
from verify.extensions import broker_url, is_embedded_broker
from verify.pagination import encode_cursor
from verify.services.feed import FeedPage, keep_rendering

MIMETYPES = {"json": "application/json", "jsonld": "application/ld+json", "csv": "text/csv"}
BY_MIMETYPE = {mimetype: name for name, mimetype in MIMETYPES.items()}
SCHEMA_ORG = "https://schema.org"


def negotiate(requested: str | None, allowed=("json", "jsonld", "csv")) -> str:
    """The format asked for by `format`, else by Accept; JSON when nothing is said."""
    if requested:
        return requested
    offered = [MIMETYPES[name] for name in allowed]
    best = request.accept_mimetypes.best_match(offered, default=MIMETYPES["json"])
    return BY_MIMETYPE[best]


def base_url() -> str:
    """Where this API is reached from outside, for the URLs in ClaimReview and CSV.

    VERIFY_PUBLIC_URL when set, and nothing else: the Host header is the caller's to write.
    Unset, the embedded default (a desk's own machine) uses the host it was reached at, and a
    deployment gives paths without a host rather than a host a caller chose.
    """
    if public := current_app.config["VERIFY_PUBLIC_URL"]:
        return public
    return request.host_url if is_embedded_broker(broker_url(current_app)) else "/"


def _respond(body: str | bytes, fmt: str, etag: str, extra: dict | None = None):
    headers = {"ETag": etag, "Vary": "Accept", **(extra or {})}
    if request.if_none_match.contains_weak(etag.strip('"')):
        return current_app.response_class(status=304, headers=headers)
    content_type = f"{MIMETYPES[fmt]}; charset=utf-8"
    return current_app.response_class(body, headers=headers, content_type=content_type)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A text cell that a spreadsheet would run, made inert by a leading quote; others as they are.

    Numbers stay numbers (a longitude of -12.5 is data); only text comes from users.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(rows: list[dict], columns) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: neutralised(value) for key, value in row.items()} for row in rows)
    return out.getvalue()


def _claim_review(item: dict, *, standalone: bool) -> dict:
    """A ClaimReview, or for a tombstone the schema.org feed item that says it was deleted."""
    schema = ClaimReviewSchema(base_url=base_url(), publisher=current_app.config["PUBLISHER_NAME"])
    if item["change"] == "event.retracted":
        entry = {
            "@type": "DataFeedItem",
            "dateDeleted": item["changed_at"],
            "item": {"@type": "ClaimReview", "url": schema.event_url(item)},
        }
    elif standalone:
        return schema.dump(item)
    else:
        review = schema.dump(item)
        review.pop("@context")
        entry = {"@type": "DataFeedItem", "dateModified": item["changed_at"], "item": review}
    return {"@context": SCHEMA_ORG, **entry} if standalone else entry


def _dumps(document) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _items_body(bodies: list[str], fmt: str, envelope: dict) -> str:
    """The list in the asked format; JSON joins the stored bodies without parsing them."""
    if fmt == "json":
        tail = _dumps(envelope)[1:]
        return '{"items":[' + ",".join(bodies) + "]" + ("," + tail if envelope else "}")
    items = [json.loads(body) for body in bodies]
    if fmt == "csv":
        schema = AcledRowSchema(base_url=base_url())
        return _csv([schema.dump(item) for item in items], ACLED_COLUMNS)
    feed = [_claim_review(item, standalone=False) for item in items]
    return _dumps(
        {"@context": SCHEMA_ORG, "@type": "DataFeed", "dataFeedElement": feed, **envelope}
    )


def _page_etag(fmt: str, page: FeedPage) -> str:
    # Versions never change and the feed never inserts below a served id, so the page is fixed
    # by the query, its last id and its length.
    key = f"{fmt}|{request.query_string.decode()}|{page.next}|{len(page.bodies)}"
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def _next_link(cursor: str) -> str:
    args = {key: value for key, value in request.args.items() if key != "cursor"}
    return f'<{request.path}?{urlencode({**args, "cursor": cursor})}>; rel="next"'


def _cursor(last_id: int | None) -> str:
    return encode_cursor(last_id or 0)


def feed_response(page: FeedPage, fmt: str):
    """A page of the feed in the asked format, with its cursor in the body and a Link header."""
    cursor = _cursor(page.next)
    # JSON-LD and CSV carry absolute URLs, so their rendering depends on the base URL.
    base = base_url() if fmt != "json" else ""
    body = page.rendering(fmt, base)
    if body is None:
        envelope = {"next": cursor, "has_more": page.has_more} if fmt != "csv" else {}
        body = _items_body(page.bodies, fmt, envelope).encode()
        keep_rendering(page, fmt, base, body)
    return _respond(body, fmt, _page_etag(fmt, page), {"Link": _next_link(cursor)})


def deleted_response(page: FeedPage, fmt: str):
    """Retracted events: id, when and why, as JSON or ACLED's deletions CSV."""
    items = [json.loads(body) for body in page.bodies]
    cursor = _cursor(page.next)
    if fmt == "csv":
        rows = [
            {
                "event_id": item["event_id"],
                "deleted_timestamp": AcledRowSchema(base_url="").dump(item)["timestamp"],
                "reason": item["reason"],
            }
            for item in items
        ]
        body = _csv(rows, DELETED_COLUMNS)
    else:
        deleted = [
            {
                "event_id": item["event_id"],
                "deleted_at": item["changed_at"],
                "reason": item["reason"],
            }
            for item in items
        ]
        body = _dumps({"items": deleted, "next": cursor, "has_more": page.has_more})
    return _respond(body, fmt, _page_etag(fmt, page), {"Link": _next_link(cursor)})


def event_response(body: str, fmt: str, etag: str):
    """One version in the asked format."""
    if fmt == "json":
        return _respond(body, fmt, etag)
    item = json.loads(body)
    if fmt == "csv":
        text = _csv([AcledRowSchema(base_url=base_url()).dump(item)], ACLED_COLUMNS)
        return _respond(text, fmt, etag)
    return _respond(_dumps(_claim_review(item, standalone=True)), fmt, etag)


def versions_response(bodies: list[str], fmt: str, etag: str):
    """Every version of an event in the asked format, oldest first."""
    return _respond(_items_body(bodies, fmt, {}), fmt, etag)
