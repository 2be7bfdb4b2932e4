"""How the pages show things: a quote with the claim's words marked, times, ages, numbers."""

from datetime import datetime

from markupsafe import Markup, escape

from verify.engine.retrieval.lexical import MIN_PREFIX, TOKEN, build_query, prefix_of
from verify.engine.text.scripts import unspaced
from verify.models.base import utcnow


def _marked_spans(quote: str, claim: str) -> list[tuple[int, int]]:
    """Where the claim's words (stop words aside, any inflection) occur in the quote."""
    prefixes = build_query(claim).prefixes
    unspaced_words = [p for p in prefixes if unspaced(p)]
    spans = []
    for match in TOKEN.finditer(quote):
        word = match.group().lower()
        if unspaced(word):
            # Words of scripts without spaces run together: look for each one inside the run.
            for prefix in unspaced_words:
                start = word.find(prefix)
                while start != -1:
                    spans.append((match.start() + start, match.start() + start + len(prefix)))
                    start = word.find(prefix, start + len(prefix))
        elif prefix_of(word) in prefixes or any(
            len(p) >= MIN_PREFIX and word.startswith(p) for p in prefixes
        ):
            spans.append(match.span())
    return sorted(spans)


def highlight(quote: str | None, claim: str) -> Markup:
    """The quote, escaped, with the words it shares with the claim in <mark>."""
    if not quote:
        return Markup("")
    parts, position = [], 0
    for start, end in _marked_spans(quote, claim):
        if start < position:
            continue
        parts.append(escape(quote[position:start]))
        parts.append(Markup("<mark>%s</mark>") % quote[start:end])
        position = end
    parts.append(escape(quote[position:]))
    return Markup("").join(parts)


def when(moment: datetime | None) -> str:
    """A time as the desk reads it, in UTC."""
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else ""


def age(moment: datetime | None) -> str:
    """How long ago, in the largest whole unit."""
    if moment is None:
        return ""
    seconds = max(0, int((utcnow() - moment).total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit}"
    return "just now"


def percent(value: float | None) -> str:
    """A probability as a whole percentage."""
    return "" if value is None else f"{round(value * 100)}%"


def words(value: str | None) -> str:
    """A status or rating as words: needs_review reads 'needs review'."""
    return (value or "").replace("_", " ")


def messages(value) -> str:
    """A field's error messages, however the schema nested them, as one line."""
    if isinstance(value, dict):
        return " ".join(f"{key}: {messages(inner)}" for key, inner in value.items())
    if isinstance(value, list | tuple):
        return " ".join(messages(inner) for inner in value)
    return str(value)
