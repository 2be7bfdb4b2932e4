"""Flask commands: API keys, bulk import, the demo corpus."""

import json
import sys
from importlib import resources

import click
from flask import Flask
from tqdm import tqdm

from schemas.documents import DocumentSchema
from schemas.sources import SourceSchema
from verify.errors import DomainError
from verify.models import ROLES
from verify.services import documents, keys, sources


def _fail(error: DomainError) -> None:
    raise click.ClickException(error.message)


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
    with open(path, encoding="utf-8") as handle:
        total = sum(1 for _ in handle)
        handle.seek(0)
        schema = DocumentSchema()
        report = None
        with tqdm(total=total, unit="line", file=sys.stderr) as bar:
            for _, report in documents.import_documents(handle, schema.load):
                bar.update(1)
    if report is None:
        click.echo("stored 0, duplicates 0, rejected 0 (empty file)")
        return
    click.echo(
        f"stored {report.stored}, duplicates {report.duplicates}, rejected {len(report.rejected)}"
    )
    for number, reason in report.rejected:
        click.echo(f"line {number}: {reason}")
    if report.rejected:
        raise SystemExit(1)


@click.group("demo", help="The demo corpus.")
def demo_cli():
    pass


@demo_cli.command("load")
def load_demo():
    """Load the demo sources and documents (safe to run again)."""
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
    click.echo(f"demo corpus: {len(corpus['sources'])} sources, {stored} new documents", err=True)


def register(app: Flask) -> None:
    """Attach the commands to the app's CLI."""
    for group in (keys_cli, documents_cli, demo_cli):
        app.cli.add_command(group)
