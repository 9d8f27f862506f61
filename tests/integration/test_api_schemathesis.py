# SPDX-License-Identifier: EUPL-1.2
"""Property-based contract test: schemathesis generates requests from the API's own OpenAPI document, valid and
invalid ones, and checks every answer: no 5xx; status codes, content types, headers and bodies as documented;
invalid input rejected; authentication not ignored.

The operations are driven with schemathesis's Python API (``operation.as_strategy`` under Hypothesis) rather
than ``@schema.parametrize()``: the lazy-fixture variant of the pytest plugin does not work with pytest 9.2
(it reads ``Function._nodeid``), and loading the schema at import time would build an app during collection.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection

from tests.web_support import WebBed, maak_testbed

pytestmark = pytest.mark.slow

VOORBEELDEN = 25


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    return maak_testbed(tmp_path_factory.mktemp("schemathesis"))


@pytest.fixture(scope="module")
def api_schema(bed: WebBed) -> schemathesis.BaseSchema:
    config = schemathesis.Config.from_dict(
        {
            "checks": {
                # The schema cannot say that a date lies in the future or that a place does not exist; the
                # intake validator rejects such schema-valid input with 400 (a changed re-delivery with 409).
                "positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404", "409"]},
            },
        }
    )
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", bed.app, config=config)


def _operaties(schema: schemathesis.BaseSchema) -> list[schemathesis.APIOperation]:
    return [resultaat.ok() for resultaat in schema.get_all_operations()]


def test_schema_beschrijft_alle_operaties(api_schema: schemathesis.BaseSchema) -> None:
    labels = {op.label for op in _operaties(api_schema)}
    assert {"POST /meldingen", "GET /meldingen/{meldingId}", "POST /uploads", "GET /gemeenten"} <= labels


@pytest.mark.parametrize("modus", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_volgt_zijn_eigen_openapi(api_schema: schemathesis.BaseSchema, bed: WebBed, modus: GenerationMode) -> None:
    token = bed.token(bed.org_a, ["meldingen:aanmaken", "meldingen:lezen", "uploads"])
    for operatie in _operaties(api_schema):
        if modus is GenerationMode.NEGATIVE and not (operatie.query or operatie.path_parameters or operatie.body):
            continue  # nothing to make invalid
        # A multipart file part is bytes whatever schemathesis "types" it as (an object, a number), so an upload
        # cannot be schema-invalid in that part; the importer reports such a file row by row instead.
        uitgezonderd = (
            [negative_data_rejection] if modus is GenerationMode.NEGATIVE and operatie.label == "POST /uploads" else []
        )

        @given(case=operatie.as_strategy(generation_mode=modus))
        @settings(max_examples=VOORBEELDEN, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def controleer(case: schemathesis.Case) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=uitgezonderd)  # noqa: B023  (called right below, in this iteration)

        controleer()
