"""Flask commands: API keys, bulk import, the demo corpus."""

import json
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import click
from flask import Flask
from marshmallow import ValidationError
from tqdm import tqdm

from schemas.documents import DocumentSchema
from schemas.feeds import FeedSchema, PollSchema
from schemas.sources import SourceSchema
from verify.errors import DomainError
from verify.extensions import db
from verify.models import ROLES
from verify.pagination import decode_cursor
from verify.services import documents, embeddings, ingest, keys, similarity, sources
from verify.services import entities as entity_service
from verify.services import feeds as feed_service


def _fail(error: DomainError) -> None:
    details = "; ".join(
        f"{name}: {' '.join(map(str, messages))}" for name, messages in (error.errors or {}).items()
    )
    raise click.ClickException(f"{error.message} {details}".strip())


@click.group("keys", help="Create and revoke API keys.")
def keys_cli():
    pass


@keys_cli.command("create")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", required=True, help="A unique name, shown in history and notes.")
def create_key(role, name):
    """Create a key and print it alone on standard output (it is shown only once)."""
    try:
        click.echo(keys.create_key(name, role))
    except DomainError as error:
        _fail(error)


@keys_cli.command("revoke")
@click.argument("name")
def revoke_key(name):
    """Revoke a key by name."""
    try:
        keys.revoke_key(name)
    except DomainError as error:
        _fail(error)
    click.echo(f"revoked {name}", err=True)


@keys_cli.command("ensure-admin")
@click.option("--name", default="admin")
def ensure_admin(name):
    """Create an admin key if there is none, printing it; print nothing otherwise."""
    if not keys.has_active_admin():
        try:
            click.echo(keys.create_key(name, "admin"))
        except DomainError as error:
            _fail(error)


@click.group("documents", help="Bulk document operations.")
def documents_cli():
    pass


@documents_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_documents(path):
    """Import documents from a JSON-lines file (`source` by name); bad lines are reported."""
    # Read as bytes: a line that is not UTF-8 is reported, and the lines after it still load.
    with open(path, "rb") as handle:
        total = sum(1 for _ in handle)
        handle.seek(0)
        with tqdm(total=total, unit="line", file=sys.stderr) as bar:
            report = documents.import_documents(
                handle, DocumentSchema().load, progress=lambda: bar.update(1)
            )
    click.echo(
        f"stored {report.stored}, duplicates {report.duplicates}, rejected {len(report.rejected)}"
    )
    for number, reason in report.rejected:
        click.echo(f"line {number}: {reason}")
    if report.rejected:
        raise SystemExit(1)


@documents_cli.command("embed")
def embed_documents():
    """Compute the passage vectors of documents stored without them (safe to run again)."""
    pending = embeddings.unembedded_documents()
    with tqdm(total=len(pending), unit="document", file=sys.stderr) as bar:
        documents_done, passages = embeddings.backfill(pending, progress=bar.update)
    click.echo(f"embedded {passages} passages of {documents_done} documents")


@click.group("claims", help="Claim operations.")
def claims_cli():
    pass


@claims_cli.command("embed")
def embed_claims():
    """Compute the vectors of claims stored without them, for similar claims (safe to rerun)."""
    with tqdm(unit="claim", file=sys.stderr) as bar:
        stored = similarity.embed_claims(progress=bar.update)
    click.echo(f"embedded {stored} claims")


@click.group("entities", help="Actors and places.")
def entities_cli():
    pass


@entities_cli.command("load")
def load_entities():
    """Add the shipped starter set for the war in Myanmar (safe to run again)."""
    click.echo(f"entities: {entity_service.load_starter_set()} added", err=True)


@click.group("feeds", help="Outlets' feeds, polled by the worker.")
def feeds_cli():
    pass


@feeds_cli.command("add")
@click.argument("url")
@click.option("--source", "source_name", required=True, help="The source's name.")
@click.option("--interval", default=30, show_default=True, help="Minutes between polls.")
def add_feed(url, source_name, interval):
    """Register a source's feed; the worker polls it from now on."""
    source = sources.find_source(source_name)
    if source is None:
        raise click.ClickException(f"No source named {source_name!r}.")
    try:
        data = FeedSchema().load({"source_id": source.id, "url": url, "interval_minutes": interval})
        feed = feed_service.create_feed(data, actor_id=None)
    except ValidationError as error:
        raise click.ClickException(json.dumps(error.messages)) from None
    except DomainError as error:
        _fail(error)
    click.echo(feed.id)


@feeds_cli.command("poll")
@click.argument("feed_id", type=int)
def poll_feed(feed_id):
    """Poll a feed now, here, and fetch its new pages; prints the poll log's entry."""
    try:
        feed = feed_service.get_feed(feed_id)
    except DomainError as error:
        _fail(error)
    poll = ingest.open_poll(feed, "manual")
    db.session.commit()
    ingest.poll_feed(poll.id)
    # Fetched here too: a copy of a fetch's task that reaches a worker finds it done.
    for fetch_id in [fetch.id for fetch in poll.fetches]:
        ingest.fetch_page(fetch_id)
    db.session.expire_all()
    click.echo(json.dumps(PollSchema().dump(feed_service.poll_report(poll)), indent=2))


@feeds_cli.command("list")
def list_feeds():
    """Every feed, with how its polls are going."""
    cursor = None
    while True:
        page = feed_service.list_feeds(limit=100, cursor=cursor)
        for feed in page.items:
            state = "active" if feed.active else f"paused ({feed.paused_reason})"
            click.echo(
                f"{feed.id}\t{feed.source.name}\t{feed.url}\tevery {feed.interval_minutes} min"
                f"\t{state}\tlast: {feed.last_status or 'never polled'}"
                f"\tstored: {feed.documents_stored}"
            )
        if page.next is None:
            return
        cursor = decode_cursor(page.next)


@click.group("demo", help="The demo corpus.")
def demo_cli():
    pass


@demo_cli.command("load")
def load_demo():
    """Load the entity starter set and the demo sources and documents (safe to run again)."""
    entity_service.load_starter_set()
    corpus = json.loads(resources.files("verify.demo").joinpath("corpus.json").read_text("utf-8"))
    source_schema, document_schema = SourceSchema(), DocumentSchema()
    stored = 0
    for entry in corpus["sources"]:
        docs = entry.pop("documents")
        source = sources.find_source(entry["name"]) or sources.create_source(
            source_schema.load(entry)
        )
        for doc in docs:
            _, duplicate = documents.store_document(
                document_schema.load({**doc, "source_id": source.id})
            )
            stored += not duplicate
    fetched = sum(
        outcome == "stored" for feed in corpus.get("feeds", []) for outcome in _demo_feed(feed)
    )
    click.echo(
        f"demo corpus: {len(corpus['sources'])} sources, {stored} new documents, "
        f"{fetched} new pages from {len(corpus.get('feeds', []))} feed",
        err=True,
    )


def _demo_feed(entry: dict) -> list[str]:
    """Store a demo feed's pages from local files, as if fetched (nothing leaves the machine)."""
    folder = resources.files("verify.demo")
    base = entry["base"]
    source = sources.find_source(entry["source"]["name"]) or sources.create_source(
        SourceSchema().load(entry["source"])
    )

    def read_page(url: str) -> bytes:
        name = url.removeprefix(base + "/")
        return folder.joinpath("feeds", name).read_bytes().replace(b"{base}", base.encode())

    feed = folder.joinpath(entry["file"]).read_bytes().replace(b"{base}", base.encode())
    return ingest.store_offline(source.id, feed, read_page)


TOUR = """
Verify is serving at http://{host}:{port}/api/v1  (docs: http://{host}:{port}/api/v1/docs)
The desk, for fact-checkers and reviewers: http://{host}:{port}/login (sign in with a key)
A worker and the sweeper are running; Ctrl-C stops everything.

Try it (with VERIFY_KEY set to an admin key):
  curl -s -X POST http://{host}:{port}/api/v1/claims \\
    -H "Authorization: Bearer $VERIFY_KEY" -H "Content-Type: application/json" \\
    -d '{{"text": "Rebels captured the Kutkai command post"}}'
  curl -s http://{host}:{port}/api/v1/claims/1/evidence -H "Authorization: Bearer $VERIFY_KEY"
"""


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, envvar="PORT", show_default=True, type=int)
@click.option("--web-workers", default=2, show_default=True, type=int)
def serve(host, port, web_workers):
    """Serve the API (gunicorn) with one Celery worker and the sweeper; Ctrl-C stops all."""
    bin_dir = Path(sys.executable).parent
    processes = [
        subprocess.Popen(
            [
                bin_dir / "celery",
                "-A",
                "tasks.worker",
                "worker",
                "--beat",
                "--concurrency=1",
                "--loglevel=WARNING",
            ]
        ),
        subprocess.Popen(
            [
                bin_dir / "gunicorn",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(web_workers),
                "--log-level",
                "warning",
                "wsgi:app",
            ]
        ),
    ]
    click.echo(TOUR.format(host=host, port=port))
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
    failed = [p for p in processes if p.returncode not in (0, -2, -15, None)]
    if failed:
        raise SystemExit(f"a process stopped with status {failed[0].returncode}")


def register(app: Flask) -> None:
    """Attach the commands to the app's CLI."""
    for group in (keys_cli, documents_cli, claims_cli, entities_cli, feeds_cli, demo_cli):
        app.cli.add_command(group)
    app.cli.add_command(serve)
