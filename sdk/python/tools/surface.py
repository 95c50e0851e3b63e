"""The part of docs/openapi.json an SDK must follow, computed as sdk/conformance/surface.ts does
(merchant operations, every field of the models they use with its enum values, query parameters,
error types and codes), so that pytest alone sees the document change."""

from __future__ import annotations

import json
import re
from typing import Any

Schema = dict[str, Any]


def _shape(schema: Any) -> str:
    """A schema's JSON without what does not shape data (descriptions, the $schema marker)."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("description", "$schema")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return json.dumps(strip(schema), separators=(",", ":"), ensure_ascii=False)


def _component_named(schema: Schema, shapes: dict[str, str], except_: str) -> str | None:
    """The component a schema is (a $ref, or inlined whole, as zod's JSON Schema inlines models), if any."""
    ref = schema.get("$ref")
    if isinstance(ref, str):
        return ref.split("/")[-1]
    shape = _shape(schema)
    return next((name for name, s in shapes.items() if name != except_ and s == shape), None)


def merchant_operations(doc: Schema) -> list[Schema]:
    return [
        op
        for methods in doc["paths"].values()
        for op in methods.values()
        if "admin" not in op.get("tags", []) and not (isinstance(op.get("security"), list) and not op["security"])
    ]


def _fields(schema: Schema, shapes: dict[str, str], self: str, prefix: str, out: dict[str, set[str]]) -> None:
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", []):
        _fields(branch, shapes, self, prefix, out)
    for name, prop in schema.get("properties", {}).items():
        path = prefix + name
        values = out.setdefault(path, set())
        named = _component_named(prop, shapes, self)
        item = prop.get("items") if prop.get("type") == "array" else None
        named_item = _component_named(item, shapes, self) if item else None
        if named:
            values.add(named)
        elif named_item:
            values.add(f"{named_item}[]")
        else:
            for source in [prop, *prop.get("anyOf", [])]:
                values.update(str(v) for v in source.get("enum", []))
                if "const" in source:
                    values.add(str(source["const"]))
            if item:
                _fields(item, shapes, self, f"{path}[].", out)
            _fields(prop, shapes, self, f"{path}.", out)


def surface(doc: Schema) -> Schema:
    components = doc["components"]["schemas"]
    shapes = {name: _shape(schema) for name, schema in components.items()}
    error_fields = components["Error"]["properties"]["error"]["properties"]
    operations = merchant_operations(doc)
    used = {"Error"}
    models: dict[str, list[str]] = {}
    codes: set[str] = set()

    def refs(value: Any) -> None:
        used.update(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(value)))

    def named(text: Any) -> None:
        codes.update(re.findall(r"\b[a-z]+(?:_[a-z]+)+\b", str(text or "")))

    named(error_fields["code"].get("description"))
    for op in operations:
        refs(op.get("requestBody", {}))
        for status, response in op["responses"].items():
            if int(status) < 300:
                refs(response)
            else:
                named(response.get("description"))
        query = [p for p in op.get("parameters", []) if p.get("in") == "query"]  # a $ref (the Payee-Version header) is no query parameter
        if query:
            models[f"{op['operationId']}.query"] = sorted(f"{p['name']} (required)" if p.get("required") else p["name"] for p in query)
    refs(doc.get("webhooks", {}))
    for name in sorted(used):
        fields: dict[str, set[str]] = {}
        _fields(components[name], shapes, name, "", fields)
        models[name] = sorted(f"{path}: {'|'.join(sorted(values))}" if values else path for path, values in fields.items())
        # A failure's code (a FAILED refund's) is a code the SDK's constants cover too.
        named(components[name].get("properties", {}).get("failure", {}).get("properties", {}).get("code", {}).get("description"))
    return {
        "operations": sorted(op["operationId"] for op in operations),
        "models": dict(sorted(models.items())),
        "errorTypes": sorted(error_fields["type"]["enum"]),
        "errorCodes": sorted(codes),
    }
