"""Storing documents with their passages, one at a time or in bulk."""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from marshmallow import ValidationError
from sqlalchemy.exc import IntegrityError

from verify.engine.text import scripts
from verify.engine.text.passages import content_hash, split_passages
from verify.errors import DomainError, Invalid, NotFound
from verify.extensions import db
from verify.limits import unstorable
from verify.models import Document, Passage, Snapshot
from verify.pagination import Page
from verify.services import embeddings, recheck
from verify.services.pages import newest_first
from verify.services.sources import find_source, get_source


def _existing(source_id: int, digest: str) -> Document | None:
    query = db.select(Document).filter_by(source_id=source_id, content_hash=digest)
    return db.session.execute(query).scalar_one_or_none()


def store_document(
    data: dict,
    *,
    submitted_by_id: int | None = None,
    snapshot: Snapshot | None = None,
    record: Callable[[Document], None] | None = None,
) -> tuple[Document, bool]:
    """Store a document and its passages; returns it and whether it was already stored.

    `snapshot` is the page it was read from; `record` is called with the new document before
    the commit, so that the caller's own bookkeeping commits with it.
    """
    source_id = data["source_id"]
    try:
        get_source(source_id)
    except NotFound:
        raise Invalid(f"No source {source_id}.", {"source_id": ["No such source."]}) from None
    # Normalized first: the same text in Zawgyi, or decomposed, is the same document.
    data = scripts.prepare_document(data)
    digest = content_hash(data["text"])
    if existing := _existing(source_id, digest):
        existing.duplicate = True
        return existing, True
    document = Document(**data, content_hash=digest, submitted_by_id=submitted_by_id)
    document.passages = [
        Passage(position=position, text=text, search_text=scripts.search_text(text))
        for position, text in enumerate(split_passages(data["text"]))
    ]
    document.snapshot = snapshot
    db.session.add(document)
    try:
        db.session.flush()
        if record is not None:
            record(document)
        recheck.request(document.id)
        db.session.commit()
    except IntegrityError:
        # The same text for the same source was stored concurrently: that one wins.
        db.session.rollback()
        if existing := _existing(source_id, digest):
            existing.duplicate = True
            return existing, True
        raise
    embeddings.send(document.id)
    recheck.send()
    return document, False


def get_document(document_id: int) -> Document:
    """A document by id, or 404."""
    document = db.session.get(Document, document_id)
    if document is None:
        raise NotFound(f"No document {document_id}.")
    return document


def get_snapshot(document_id: int) -> Snapshot:
    """The page a document was read from, as fetched; 404 for a document posted as text."""
    snapshot = get_document(document_id).snapshot
    if snapshot is None:
        raise NotFound(f"Document {document_id} was not fetched from a page: it has no snapshot.")
    return snapshot


def list_documents(*, limit: int, cursor: int | None = None, source_id: int | None = None) -> Page:
    """Documents newest first, optionally of one source."""
    query = db.select(Document)
    if source_id is not None:
        query = query.filter_by(source_id=source_id)
    return newest_first(query, Document.id, limit=limit, after=cursor)


@dataclass
class ImportReport:
    """What a bulk import did with each line."""

    stored: int = 0
    duplicates: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def _reason(error: ValidationError | DomainError) -> str:
    if isinstance(error, DomainError):
        details = error.errors
        message = error.message
    else:
        details, message = error.messages, "invalid"
    if isinstance(details, dict) and details:
        return "; ".join(f"{name}: {' '.join(map(str, msgs))}" for name, msgs in details.items())
    return message


def import_documents(lines: Iterable[bytes | str], loader, progress=lambda: None) -> ImportReport:
    """Store JSON lines (`source` by name); a bad line never stops the rest.

    Lines may be bytes, as read from a file in binary: a line that is not UTF-8 is one bad line,
    not the end of the file.
    """
    report = ImportReport()
    for number, line in enumerate(lines, start=1):
        if line.strip():
            _import_line(number, line, loader, report)
        progress()
    return report


def _import_line(number: int, line: bytes | str, loader, report: ImportReport) -> None:
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as error:
            report.rejected.append((number, f"not UTF-8: byte {error.start + 1} of the line"))
            return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        report.rejected.append((number, f"not JSON: {error.msg}"))
        return
    except RecursionError:
        report.rejected.append((number, "not JSON this API reads: nested too deeply"))
        return
    if not isinstance(record, dict):
        report.rejected.append((number, "not a JSON object"))
        return
    name = record.pop("source", None)
    if not isinstance(name, str) or not name:
        report.rejected.append((number, "source: a source name is required"))
        return
    if problem := unstorable(name):
        report.rejected.append((number, f"source: {problem}"))
        return
    source = find_source(name)
    if source is None:
        report.rejected.append((number, f"source: no source named {name!r}"))
        return
    try:
        data = loader({**record, "source_id": source.id})
        _, duplicate = store_document(data)
    except (ValidationError, DomainError) as error:
        report.rejected.append((number, _reason(error)))
        return
    if duplicate:
        report.duplicates += 1
    else:
        report.stored += 1
