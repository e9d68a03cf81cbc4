"""Property-based API tests: schemathesis generates requests from the app's own OpenAPI schema
(in-process over ASGI) and checks every response against it; no 5xx, ever.

The schemas are built at import (schemathesis' fixture-based loader does not work with this
pytest), over stores in a temporary folder removed at the end of the session.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from marsad.config import load_config
from marsad.store import open_store
from marsad.web import create_app
from tests.web import samples
from tests.web.conftest import TOKEN

_TMP = Path(tempfile.mkdtemp(prefix="marsad-schema-"))
_CONFIG = load_config(env={}).replace(data_dir=str(_TMP))
_STORE = open_store(_TMP / "m.db")
samples.fill(_STORE, _TMP)
_WSTORE = open_store(_TMP / "w.db")

schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(_STORE, _CONFIG))
writable = schemathesis.openapi.from_asgi(
    "/api/openapi.json", create_app(_WSTORE, _CONFIG.replace(api_token=TOKEN))
).include(method="POST")


@pytest.fixture(scope="module", autouse=True)
def _cleanup():
    yield
    _STORE.close()
    _WSTORE.close()
    shutil.rmtree(_TMP, ignore_errors=True)


# A query is a string in the search language (see marsad.search.query): many schema-valid
# strings are not valid queries, and those are rightly rejected with 400 + a message. So the
# "schema-valid data is accepted" check is left out where a query is taken; all others apply.
QUERY_OPERATIONS = {"/api/search", "/api/attention", "/api/export", "/feeds/search.atom"}


@schema.parametrize()
@settings(max_examples=int(os.environ.get("MARSAD_SCHEMA_EXAMPLES", "30")), deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    excluded = [positive_data_acceptance] if case.operation.path in QUERY_OPERATIONS else []
    response = case.call_and_validate(excluded_checks=excluded)
    if response.status_code == 400 and case.operation.path in QUERY_OPERATIONS:
        assert response.json()["error"]["code"] == "invalid_query"


@writable.parametrize()
@settings(max_examples=int(os.environ.get("MARSAD_SCHEMA_EXAMPLES", "30")), deadline=None, suppress_health_check=list(HealthCheck))
def test_writes_with_token_conform_to_the_schema(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})
