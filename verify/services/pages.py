"""Keyset pagination for the list use cases."""

from verify.extensions import db
from verify.pagination import Page, encode_cursor


def newest_first(query, column, *, limit: int, after: int | None) -> Page:
    """Run a select newest-first by an integer id column, one page after the cursor."""
    if after is not None:
        query = query.where(column < after)
    items = list(
        db.session.execute(query.order_by(column.desc()).limit(limit + 1)).unique().scalars()
    )
    more = len(items) > limit
    items = items[:limit]
    return Page(items=items, next=encode_cursor(items[-1].id) if more else None)
