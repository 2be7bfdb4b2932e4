"""Events in the newsroom feed: JSON items, ClaimReview JSON-LD, ACLED-style rows, and queries."""

from datetime import UTC, datetime

from marshmallow import Schema, ValidationError, fields, post_dump, validate, validates_schema

from schemas.base import BaseSchema, Cursor, Text, Timestamp
from verify.models import DATE_PRECISIONS
from verify.workflow import VERDICTS

FEED_MAX = 500
FORMATS = ("json", "jsonld", "csv")

# ClaimReview's reviewRating on a 1 (worst) to 5 (best) scale of how far the claim holds.
# The ratings that say the evidence cannot settle it sit at the neutral middle, 3.
BEST_RATING, WORST_RATING = 5, 1
RATING_VALUES = {
    "supported": (5, "Supported"),
    "partly_supported": (4, "Partly supported"),
    "disputed": (3, "Disputed"),
    "unverified": (3, "Unverified"),
    "insufficient": (3, "Insufficient evidence"),
    "refuted": (1, "Refuted"),
}
# ACLED's time_precision: 1 the day is known, 2 the week, 3 only the month.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
ACLED_COLUMNS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "timestamp",
    "verify_rating",
    "verify_confidence",
    "verify_url",
    "verify_change",
)
DELETED_COLUMNS = ("event_id", "deleted_timestamp", "reason")


class PlaceSchema(BaseSchema):
    name = fields.String(validate=validate.Length(min=1, max=300), allow_none=True)
    admin1 = fields.String(
        validate=validate.Length(min=1, max=200),
        allow_none=True,
        metadata={"description": "First-level division: state or region."},
    )
    admin2 = fields.String(
        validate=validate.Length(min=1, max=200),
        allow_none=True,
        metadata={"description": "Second-level division: district or township."},
    )
    country = fields.String(validate=validate.Length(min=1, max=100), allow_none=True)
    latitude = fields.Float(validate=validate.Range(min=-90, max=90), allow_none=True)
    longitude = fields.Float(validate=validate.Range(min=-180, max=180), allow_none=True)
    geo_precision = fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=3),
        allow_none=True,
        metadata={"description": "As in ACLED: 1 the place itself, 2 near it, 3 its region."},
    )

    @validates_schema
    def coordinates_come_in_pairs(self, data, **kwargs):
        """A latitude without a longitude (or the reverse) locates nothing."""
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError("Give both latitude and longitude, or neither.", "latitude")
        if not any(value is not None for value in data.values()):
            raise ValidationError("Give at least one field, or null for no place.", "name")


class PublicationSchema(BaseSchema):
    """What a reviewer may say about an event when publishing (or correcting) a claim."""

    rating_explanation = fields.String(
        validate=validate.Length(max=1000),
        allow_none=True,
        metadata={"description": "Why this rating, in a few sentences, for readers."},
    )
    actors = fields.List(
        fields.String(validate=validate.Length(min=1, max=200)),
        validate=validate.Length(max=10),
        metadata={"description": "The acting side first (ACLED actor1), then the other (actor2)."},
    )
    place = fields.Nested(PlaceSchema, allow_none=True)
    event_date = fields.Date(allow_none=True, metadata={"description": "When the event happened."})
    event_date_precision = fields.String(
        validate=validate.OneOf(DATE_PRECISIONS),
        allow_none=True,
        metadata={"description": "How exactly event_date is known: day, week or month."},
    )
    fatalities = fields.Integer(strict=True, validate=validate.Range(min=0), allow_none=True)
    appearances = fields.List(
        fields.Url(schemes={"http", "https"}, validate=validate.Length(max=2000)),
        validate=validate.Length(max=10),
        metadata={"description": "Where the claim itself was seen (ClaimReview appearance)."},
    )
    claim_published_at = Timestamp(
        allow_none=True, metadata={"description": "When the claim was first made public."}
    )


class EvidenceLinkSchema(BaseSchema):
    url = fields.String(dump_only=True, allow_none=True)
    title = fields.String(dump_only=True, allow_none=True)
    source = fields.String(dump_only=True)
    published_at = fields.String(dump_only=True, allow_none=True)


class EventSchema(BaseSchema):
    """One version of an event: what the feed, the event and its versions return as JSON."""

    event_id = fields.Integer(dump_only=True)
    version = fields.Integer(attribute="number", dump_only=True)
    change = fields.String(
        dump_only=True,
        metadata={"description": "event.published, event.corrected or event.retracted."},
    )
    claim_id = fields.Integer(dump_only=True)
    claim = fields.String(attribute="claim_text", dump_only=True, allow_none=True)
    claimant = fields.String(dump_only=True, allow_none=True)
    claim_published_at = Timestamp(dump_only=True, allow_none=True)
    appearances = fields.List(fields.String(), dump_only=True)
    rating = fields.String(dump_only=True, allow_none=True)
    confidence = fields.Float(
        dump_only=True, allow_none=True, metadata={"description": "The machine's, 0 to 1."}
    )
    rating_explanation = fields.String(dump_only=True, allow_none=True)
    actors = fields.List(fields.String(), dump_only=True)
    place = fields.Nested(PlaceSchema, dump_only=True, allow_none=True)
    event_date = fields.Date(dump_only=True, allow_none=True)
    event_date_precision = fields.String(dump_only=True, allow_none=True)
    fatalities = fields.Integer(dump_only=True, allow_none=True)
    evidence = fields.List(fields.Nested(EvidenceLinkSchema), dump_only=True)
    reason = fields.String(dump_only=True, allow_none=True)
    published_at = Timestamp(dump_only=True, metadata={"description": "First publication."})
    changed_at = Timestamp(attribute="created_at", dump_only=True)


class Since(fields.Field):
    """An ISO 8601 date-time (UTC if no zone), or Unix seconds as ACLED clients send them."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and value.isdigit():
            try:
                return datetime.fromtimestamp(int(value), UTC)
            except (OverflowError, ValueError, OSError):
                raise ValidationError("Not a time.") from None
        return Timestamp().deserialize(value, attr, data)


class FeedQuerySchema(BaseSchema):
    limit = fields.Integer(
        load_default=100,
        validate=validate.Range(min=1, max=FEED_MAX),
        metadata={"description": f"Changes per page, at most {FEED_MAX}."},
    )
    cursor = Cursor(metadata={"description": "The `next` of the previous page."})
    rating = fields.String(validate=validate.OneOf(VERDICTS))
    actor = fields.String(validate=validate.Length(min=1, max=200))
    place = fields.String(
        validate=validate.Length(min=1, max=300),
        metadata={"description": "A place name, admin1, admin2 or country."},
    )
    date_from = fields.Date(data_key="from", metadata={"description": "Event date at least."})
    date_to = fields.Date(data_key="to", metadata={"description": "Event date at most."})
    changed_since = Since(metadata={"description": "Changes made at or after this time."})
    format = fields.String(
        validate=validate.OneOf(FORMATS),
        metadata={"description": "Overrides Accept: json, jsonld (ClaimReview) or csv (ACLED)."},
    )


class FormatQuerySchema(BaseSchema):
    format = fields.String(
        validate=validate.OneOf(FORMATS),
        metadata={"description": "Overrides Accept: json, jsonld (ClaimReview) or csv (ACLED)."},
    )


class FeedPageSchema(Schema):
    items = fields.List(fields.Nested(EventSchema))
    next = fields.String(metadata={"description": "Pass as `cursor`; present even when empty."})
    has_more = fields.Boolean(metadata={"description": "Whether more changes are ready now."})


class EventVersionsSchema(Schema):
    items = fields.List(fields.Nested(EventSchema))


class DeletedQuerySchema(BaseSchema):
    since = Since(metadata={"description": "Retracted at or after this time."})
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=FEED_MAX))
    cursor = Cursor()
    format = fields.String(validate=validate.OneOf(("json", "csv")))


class DeletedSchema(Schema):
    event_id = fields.Integer()
    deleted_at = fields.String(metadata={"description": "When it was retracted."})
    reason = fields.String(allow_none=True)


class DeletedPageSchema(Schema):
    items = fields.List(fields.Nested(DeletedSchema))
    next = fields.String()
    has_more = fields.Boolean()


class RetractionSchema(BaseSchema):
    reason = Text(2000, required=True, metadata={"description": "Why it is withdrawn."})


def _omit_empty(value):
    """Drop unknown (None) and empty values: in JSON-LD, absence is how 'unknown' is said."""
    if isinstance(value, dict):
        kept = {key: _omit_empty(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item not in (None, [], {})}
    if isinstance(value, list):
        return [_omit_empty(item) for item in value]
    return value


class ClaimReviewSchema(Schema):
    """An event version (its JSON item) as a schema.org ClaimReview."""

    context = fields.Constant("https://schema.org", data_key="@context")
    type_ = fields.Constant("ClaimReview", data_key="@type")
    url = fields.Method("event_url")
    claimReviewed = fields.String(attribute="claim")  # noqa: N815 - schema.org's name
    reviewRating = fields.Method("rating")  # noqa: N815
    reviewBody = fields.String(attribute="rating_explanation")  # noqa: N815
    itemReviewed = fields.Method("item_reviewed")  # noqa: N815
    author = fields.Method("publisher")
    datePublished = fields.String(attribute="published_at")  # noqa: N815
    dateModified = fields.String(attribute="changed_at")  # noqa: N815

    def __init__(self, *, base_url: str, publisher: str, **kwargs):
        super().__init__(**kwargs)
        self.base_url, self.publisher_name = base_url.rstrip("/"), publisher

    def event_url(self, item) -> str:
        return f"{self.base_url}/api/v1/events/{item['event_id']}"

    def rating(self, item) -> dict:
        value, name = RATING_VALUES[item["rating"]]
        return {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": name,
        }

    def item_reviewed(self, item) -> dict:
        # The claimant's name alone: whether a person or an organization said it is not recorded.
        return {
            "@type": "Claim",
            "author": {"name": item["claimant"]} if item["claimant"] else None,
            "datePublished": item["claim_published_at"],
            "appearance": [{"@type": "CreativeWork", "url": url} for url in item["appearances"]],
        }

    def publisher(self, item) -> dict | None:
        if not self.publisher_name:
            return None
        return {"@type": "Organization", "name": self.publisher_name, "url": self.base_url}

    @post_dump
    def omit_unknown(self, data, **kwargs):
        """Leave out what is not known rather than sending nulls."""
        return _omit_empty(data)


def _unix_seconds(timestamp: str) -> int:
    return int(datetime.fromisoformat(timestamp).timestamp())


def _nth(values: list, index: int):
    return values[index] if len(values) > index else None


class AcledRowSchema(Schema):
    """An event version (its JSON item) as an ACLED-style row; unknown columns stay empty."""

    event_id = fields.Integer()
    event_date = fields.String()
    time_precision = fields.Function(
        lambda item: TIME_PRECISION.get(item["event_date_precision"] or "")
    )
    # Verify does not classify events into ACLED's types: these stay empty.
    event_type = fields.Constant(None)
    sub_event_type = fields.Constant(None)
    actor1 = fields.Function(lambda item: _nth(item["actors"], 0))
    assoc_actor_1 = fields.Constant(None)
    actor2 = fields.Function(lambda item: _nth(item["actors"], 1))
    country = fields.Function(lambda item: (item["place"] or {}).get("country"))
    admin1 = fields.Function(lambda item: (item["place"] or {}).get("admin1"))
    admin2 = fields.Function(lambda item: (item["place"] or {}).get("admin2"))
    location = fields.Function(lambda item: (item["place"] or {}).get("name"))
    latitude = fields.Function(lambda item: (item["place"] or {}).get("latitude"))
    longitude = fields.Function(lambda item: (item["place"] or {}).get("longitude"))
    geo_precision = fields.Function(lambda item: (item["place"] or {}).get("geo_precision"))
    source = fields.Function(
        lambda item: "; ".join(dict.fromkeys(link["source"] for link in item["evidence"])) or None
    )
    source_scale = fields.Constant(None)
    notes = fields.String(attribute="claim")
    fatalities = fields.Integer()
    timestamp = fields.Function(lambda item: _unix_seconds(item["changed_at"]))
    verify_rating = fields.String(attribute="rating")
    verify_confidence = fields.Float(attribute="confidence")
    verify_url = fields.Method("event_url")
    verify_change = fields.Function(lambda item: item["change"].removeprefix("event."))

    def __init__(self, *, base_url: str, **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")

    def event_url(self, item) -> str:
        return f"{self.base_url}/api/v1/events/{item['event_id']}"
