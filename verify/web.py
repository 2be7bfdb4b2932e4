"""Reading the web: feeds parsed into entries, pages reduced to main text, URLs made canonical.

Pure functions over bytes already fetched, so that the demo corpus, read from local files,
takes the same path as a page fetched by a worker.
"""

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urldefrag

import courlan
import feedparser
import lxml.html
import trafilatura
from lxml.etree import ParserError

# The most text a document keeps, as for a document posted to the API.
TEXT_MAX = 200_000
# Below this many characters an extraction is a miss (a cookie wall, a bare index page).
MIN_TEXT = 80
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)
PAGE_TYPES = ("text/html", "application/xhtml+xml")
_BLOCKS = ("p", "br", "li", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


@dataclass(frozen=True)
class Entry:
    """A feed entry: its link and what the feed itself says about it."""

    url: str
    title: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    content: str | None = None
    summary: str | None = None

    def as_json(self) -> dict:
        """The entry as JSON values, kept with its fetch as the fallback for the text."""
        published = self.published_at.isoformat() if self.published_at else None
        return {
            "title": self.title,
            "author": self.author,
            "published_at": published,
            "content": self.content,
            "summary": self.summary,
        }


@dataclass(frozen=True)
class ParsedFeed:
    entries: list[Entry]
    skipped: list[tuple[str, str]]  # (what identifies the entry, why it was skipped)


@dataclass(frozen=True)
class Extracted:
    """A page's main text and what the page says about itself."""

    text: str
    title: str | None
    author: str | None
    published_at: datetime | None
    canonical_url: str | None


class Unreadable(Exception):
    """The bytes are not a feed (or not a page) this code can read."""


def storable(text: str) -> str:
    """Text as a document may hold it: no NUL or lone surrogates, at most TEXT_MAX characters."""
    cleaned = text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    return cleaned[:TEXT_MAX]


def canonical(url: str) -> str:
    """The URL that names a page: host and port normalized, tracking and fragment gone."""
    try:
        normalized = courlan.normalize_url(url)
    except ValueError:
        normalized = url
    return urldefrag(normalized)[0]


def media_type(content_type: str | None) -> str:
    """The bare media type of a Content-Type header, lower-case."""
    return (content_type or "").split(";")[0].strip().lower()


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment, a line per block."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        return html
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _when(parsed) -> datetime | None:
    return datetime(*parsed[:6], tzinfo=UTC) if parsed else None


def _entry(raw) -> Entry:
    content = raw.get("content") or []
    body = "\n".join(part.get("value", "") for part in content if part.get("value"))
    summary = raw.get("summary")
    return Entry(
        url=raw.get("link", "").strip(),
        title=(raw.get("title") or "").strip() or None,
        author=(raw.get("author") or "").strip() or None,
        published_at=_when(raw.get("published_parsed") or raw.get("updated_parsed")),
        content=html_to_text(body) if body else None,
        summary=html_to_text(summary) if summary else None,
    )


def _json_entry(item: dict) -> Entry:
    authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
    names = [a.get("name") for a in authors if isinstance(a, dict) and a.get("name")]
    content = item.get("content_text") or html_to_text(item.get("content_html") or "")
    return Entry(
        url=str(item.get("url") or item.get("external_url") or "").strip(),
        title=(str(item.get("title") or "")).strip() or None,
        author=", ".join(names) or None,
        published_at=_date(item.get("date_published") or item.get("date_modified")),
        content=content or None,
        summary=(str(item.get("summary") or "")).strip() or None,
    )


def _parse_json_feed(body: bytes) -> list:
    """The items of a JSON Feed (jsonfeed.org), which feedparser does not read."""
    try:
        feed = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise Unreadable(f"not a JSON Feed ({error})") from None
    version = feed.get("version") if isinstance(feed, dict) else None
    if not isinstance(version, str) or not version.startswith("https://jsonfeed.org/version/"):
        raise Unreadable("not a JSON Feed (no jsonfeed.org version)")
    items = feed.get("items")
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def parse_feed(body: bytes, url: str) -> ParsedFeed:
    """The entries of an RSS, Atom or JSON feed; Unreadable when it is none of them."""
    if body.lstrip()[:1] == b"{":
        raw = [(item.get("id"), _json_entry(item)) for item in _parse_json_feed(body)]
    else:
        parsed = feedparser.parse(body, response_headers={"content-location": url})
        if not parsed.get("version") and not parsed.entries:
            problem = parsed.get("bozo_exception") or "no entries, no version"
            raise Unreadable(f"not an RSS, Atom or JSON feed ({problem})")
        raw = [(item.get("id"), _entry(item)) for item in parsed.entries]
    entries, skipped = [], []
    for number, (identifier, entry) in enumerate(raw, start=1):
        if not entry.url.startswith(("http://", "https://")):
            skipped.append((str(identifier or f"entry {number}"), "no http or https link"))
            continue
        entries.append(entry)
    return ParsedFeed(entries, skipped)


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def extract_page(body: bytes, url: str) -> Extracted | None:
    """The page's main text without navigation, footers and comments; None when there is none."""
    result = trafilatura.bare_extraction(
        body, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    text = (result.text or "").strip() if result is not None else ""
    if len(text) < MIN_TEXT:
        return None
    title = (result.title or "").strip() or None
    lines = text.splitlines()
    # trafilatura keeps the headline as the first line: it is the title, not the body.
    if title and lines and lines[0].strip() == title:
        text = "\n".join(lines[1:]).strip()
    return Extracted(
        text=text,
        title=title,
        author=(result.author or "").strip() or None,
        published_at=_date(result.date),
        canonical_url=canonical(result.url) if result.url else None,
    )
