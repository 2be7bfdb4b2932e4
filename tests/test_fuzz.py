"""The API fuzzed from its own OpenAPI document: no 5xx, responses as documented, one error shape.

schemathesis generates requests for every operation, valid and not, against the real app on a
real database, with a key of each role. A bounded number of examples per operation and a fixed
seed keep it short and repeatable in `make test`; `make fuzz` runs it longer.
"""

import os

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from verify.models import ROLES

EXAMPLES = int(os.environ.get("VERIFY_FUZZ_EXAMPLES", "20"))
ERROR_FIELDS = {"code", "status", "message", "errors"}


@schemathesis.check
def one_error_shape(ctx, response, case):
    """Every error answers in the API's one error shape."""
    if response.status_code < 400:
        return None
    body = response.json()
    assert isinstance(body, dict) and set(body) == ERROR_FIELDS, body
    assert body["status"] == response.status_code, body
    return None


# What every answer must satisfy. schemathesis's checks that valid-looking data is accepted and
# invalid data refused are left out: a cursor is any string to the schema, and only the API can
# tell one it issued.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    one_error_shape,
]


def _fuzz(operation, keys) -> None:
    """Generate EXAMPLES requests for one operation and check every answer, for every role."""

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,  # a fixed seed: the same requests on every run
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    def run(case):
        for role in ROLES:
            case.call_and_validate(headers={"Authorization": f"Bearer {keys[role]}"}, checks=CHECKS)

    run()


def test_does_every_operation_answer_as_documented(app, keys, source, claim):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30
    for operation in operations:
        try:
            _fuzz(operation, keys)
        except (Exception, FailureGroup) as failure:  # noqa: BLE001 - gathered, reported together
            failures[operation.label] = str(failure)[:2000]
    assert not failures, "\n\n".join(f"{label}: {text}" for label, text in failures.items())
