"""SQLAlchemy models, one module per aggregate."""

from verify.models.apikey import ROLES, ApiKey
from verify.models.claim import Claim, ClaimTag, IdempotencyKey, Note, StatusChange
from verify.models.document import Document, Passage
from verify.models.run import FINISHED, RUN_STATES, Evidence, VerificationRun
from verify.models.source import AFFILIATIONS, GRADES, SOURCE_KINDS, Source

__all__ = [
    "AFFILIATIONS",
    "FINISHED",
    "RUN_STATES",
    "Evidence",
    "VerificationRun",
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
