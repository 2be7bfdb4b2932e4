"""SQLAlchemy models, one module per aggregate."""

from verify.models.apikey import ROLES, ApiKey
from verify.models.claim import Claim, ClaimTag, IdempotencyKey, Note, StatusChange
from verify.models.document import Document, Passage
from verify.models.source import AFFILIATIONS, GRADES, SOURCE_KINDS, Source

__all__ = [
    "AFFILIATIONS",
    "GRADES",
    "ROLES",
    "SOURCE_KINDS",
    "ApiKey",
    "Claim",
    "ClaimTag",
    "Document",
    "IdempotencyKey",
    "Note",
    "Passage",
    "Source",
    "StatusChange",
]
