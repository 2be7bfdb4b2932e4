"""SQLAlchemy models, one module per aggregate."""

from verify.models.apikey import ROLES, ApiKey
from verify.models.claim import Claim, ClaimTag, IdempotencyKey, Note, StatusChange
from verify.models.document import Document, Passage
from verify.models.entity import ENTITY_TYPES, Entity, EntityName
from verify.models.event import DATE_PRECISIONS, VERSION_KINDS, Event, EventTerm, EventVersion
from verify.models.ingest import (
    EXTRACTIONS,
    FETCH_STATES,
    POLL_STATES,
    Feed,
    FeedPoll,
    HostSlot,
    PageFetch,
    Snapshot,
)
from verify.models.run import FINISHED, RUN_STATES, Evidence, RecheckRequest, VerificationRun
from verify.models.source import AFFILIATIONS, GRADES, SOURCE_KINDS, Source, SourceGradeChange
from verify.models.webhook import (
    DELIVERY_STATES,
    WEBHOOK_EVENT_TYPES,
    WebhookDelivery,
    WebhookSubscription,
)

__all__ = [
    "AFFILIATIONS",
    "DATE_PRECISIONS",
    "DELIVERY_STATES",
    "FINISHED",
    "RUN_STATES",
    "EXTRACTIONS",
    "FETCH_STATES",
    "POLL_STATES",
    "Evidence",
    "Feed",
    "FeedPoll",
    "HostSlot",
    "PageFetch",
    "Snapshot",
    "VerificationRun",
    "GRADES",
    "ROLES",
    "SOURCE_KINDS",
    "ApiKey",
    "Claim",
    "ClaimTag",
    "Document",
    "ENTITY_TYPES",
    "Entity",
    "EntityName",
    "Event",
    "EventTerm",
    "EventVersion",
    "IdempotencyKey",
    "Note",
    "Passage",
    "RecheckRequest",
    "Source",
    "SourceGradeChange",
    "StatusChange",
    "VERSION_KINDS",
    "WEBHOOK_EVENT_TYPES",
    "WebhookDelivery",
    "WebhookSubscription",
]
