"""The SDK follows the one contract, docs/openapi.json: manifest.json is what the SDK has, and it is
what the document asks. A change of the document fails here until the SDK and its manifest follow."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import manifest  # noqa: E402
from surface import surface  # noqa: E402

import payee  # noqa: E402

DOCUMENT = json.loads((ROOT.parents[1] / "docs/openapi.json").read_text())
STATED = json.loads(manifest.MANIFEST.read_text())
SURFACE = surface(DOCUMENT)


def test_manifest_json_is_current_with_the_sdk():
    assert manifest.MANIFEST.read_text() == manifest.render(), "manifest.json is stale: run `python tools/manifest.py`"


def test_the_sdk_calls_every_merchant_operation_of_the_document():
    assert sorted(STATED["operations"]) == SURFACE["operations"]


@pytest.mark.parametrize("name", sorted(SURFACE["models"]))
def test_each_model_has_every_field_and_value_of_the_document(name):
    assert STATED["models"].get(name) == SURFACE["models"][name]


def test_no_model_is_left_that_the_document_dropped():
    assert sorted(STATED["models"]) == sorted(SURFACE["models"])


def test_every_error_type_and_code_of_the_document_is_typed():
    assert sorted(STATED["errorTypes"]) == SURFACE["errorTypes"]
    assert STATED["errorCodes"] == SURFACE["errorCodes"]
    for class_name in STATED["errorTypes"].values():
        assert issubclass(getattr(payee, class_name), payee.PayeeError)


def test_the_sdk_sends_the_documents_api_version():
    assert payee.API_VERSION == DOCUMENT["info"]["version"]


def test_a_field_the_document_adds_is_seen():
    changed = json.loads(json.dumps(DOCUMENT))
    changed["components"]["schemas"]["Refund"]["properties"]["settledAt"] = {"type": "string"}
    changed["components"]["schemas"]["Payment"]["properties"]["status"]["enum"].append("DISPUTED")
    models = surface(changed)["models"]
    assert "settledAt" in models["Refund"] and "settledAt" not in STATED["models"]["Refund"]
    assert models["Payment"] != STATED["models"]["Payment"]
