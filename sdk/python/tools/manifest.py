"""manifest.json: the API surface this SDK covers, read from the SDK itself (its clients' methods and
signatures, its models' fields and Literal values, its error classes), in the format of
sdk/conformance/surface.ts. The contract check compares it with docs/openapi.json, so a change of the
document fails until the SDK follows; tests/test_contract.py fails while the file is stale.

    python tools/manifest.py          # rewrites manifest.json
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import types
import typing
from pathlib import Path
from typing import Any, Callable, Literal, Union

from payee import AsyncPayee, Payee, models
from payee.errors import ERROR_TYPES, ErrorCode, PayeeError

MANIFEST = Path(__file__).resolve().parents[1] / "manifest.json"

# operationId → the client methods that call it (each exists on Payee and AsyncPayee alike).
OPERATIONS: dict[str, list[str]] = {
    "createPayment": ["create_payment", "create_and_wait"],
    "listPayments": ["list_payments", "iter_payments", "find_payment"],
    "getPayment": ["get_payment", "wait_for"],
    "listPaymentEvents": ["list_payment_events"],
    "closePayment": ["close_payment"],
    "syncPayment": ["sync_payment"],
    "createRefund": ["create_refund", "refund_and_wait"],
    "listRefunds": ["list_refunds"],
    "getReconciliation": ["get_reconciliation"],
    "listNotifications": ["list_notifications"],
    "resendNotification": ["resend_notification"],
    "getOpenApi": ["get_openapi"],
    "createGroup": ["create_group"],
    "listGroups": ["list_groups", "iter_groups"],
    "getGroup": ["get_group"],
    "closeGroup": ["close_group"],
    "syncGroup": ["sync_group"],
    "createAccount": ["create_account"],
    "listAccounts": ["list_accounts", "iter_accounts"],
    "getAccount": ["get_account"],
    "listAccountFlows": ["list_account_flows", "iter_account_flows"],
    "getAccountBalance": ["get_account_balance"],
    "getDailyReport": ["get_daily_report"],
}

# Query parameters: operationId → the method whose keyword arguments they are.
QUERIES: dict[str, list[Callable[..., Any]]] = {
    "listPayments": [Payee.list_payments, Payee.find_payment],
    "getReconciliation": [Payee.get_reconciliation],
    "listGroups": [Payee.list_groups],
    "listAccounts": [Payee.list_accounts],
    "listAccountFlows": [Payee.list_account_flows],
    "getAccountBalance": [Payee.get_account_balance],
    "getDailyReport": [Payee.get_daily_report],
}

# The document's component schemas as the SDK has them: a model, a list answer (the SDK returns the
# list itself), or a request body (the method's arguments, less those that are not body fields).
BODIES: dict[str, tuple[Callable[..., Any], set[str]]] = {
    "CreatePaymentRequest": (Payee.create_payment, {"idempotency_key"}),
    "CreateRefundRequest": (Payee.create_refund, {"pay_no", "idempotency_key"}),
    "CreateGroupRequest": (Payee.create_group, {"idempotency_key"}),
    "CreateAccountRequest": (Payee.create_account, {"idempotency_key"}),
}
MODELS: dict[str, type] = {
    "Payment": models.Payment,
    "PaymentList": models.PaymentList,
    "SyncResult": models.SyncResult,
    "Refund": models.Refund,
    "Notification": models.Notification,
    "PaymentNotification": models.PaymentNotification,
    "GroupNotification": models.GroupNotification,
    "ReconciliationList": models.ReconciliationList,
    "Group": models.Group,
    "GroupList": models.GroupList,
    "GroupSyncResult": models.GroupSyncResult,
    "Account": models.Account,
    "AccountList": models.AccountList,
    "AccountBalance": models.AccountBalance,
    "FlowList": models.FlowList,
    "DailyReport": models.DailyReport,
}
LISTS: dict[str, type] = {
    "PaymentEventList": models.PaymentEvent,
    "RefundList": models.Refund,
    "NotificationList": models.Notification,
}
# Arguments that are path parameters, not query ones.
PATH_ARGUMENTS = {"self", "account_id"}
# Error fields that are the API's error object (the rest are the HTTP exchange's).
NOT_ERROR_FIELDS = {"self", "http_status", "headers", "body"}


def _without_none(hint: Any) -> Any:
    """`X | None` as X; a union with a model (`Payer | Mapping[str, str]`) as the model."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        modelled = [arg for arg in options if dataclasses.is_dataclass(arg)]
        return modelled[0] if modelled else options[0] if len(options) == 1 else hint
    return hint


def _values(hint: Any) -> list[str]:
    if typing.get_origin(hint) is Literal:
        return [str(v) for v in typing.get_args(hint)]
    if typing.get_origin(hint) in (Union, types.UnionType):
        return [v for arg in typing.get_args(hint) for v in _values(arg)]
    return []


def _fields(hints: dict[str, Any], self: type | None, prefix: str = "") -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    named = {cls: name for name, cls in MODELS.items()}
    for name, raw in hints.items():
        hint = _without_none(raw)
        path = prefix + models.camel(name)
        values = out.setdefault(path, set())
        item = _without_none(typing.get_args(hint)[0]) if typing.get_origin(hint) is list else None
        if hint in named and hint is not self:
            values.add(named[hint])
        elif item in named and item is not self:
            values.add(f"{named[item]}[]")
        else:
            values.update(_values(hint))
            if item is not None and dataclasses.is_dataclass(item):
                out.update(_fields(typing.get_type_hints(item), self, f"{path}[]."))
            if dataclasses.is_dataclass(hint):
                out.update(_fields(typing.get_type_hints(hint), self, f"{path}."))
    return out


def _listed(fields: dict[str, set[str]]) -> list[str]:
    return sorted(f"{path}: {'|'.join(sorted(values))}" if values else path for path, values in fields.items())


def _arguments(method: Callable[..., Any], exclude: set[str]) -> dict[str, Any]:
    hints = typing.get_type_hints(method)
    return {name: hints[name] for name in inspect.signature(method).parameters if name not in exclude | {"self"}}


def _query(methods: list[Callable[..., Any]]) -> list[str]:
    signatures = [inspect.signature(method).parameters for method in methods]
    names = {name for parameters in signatures for name in parameters if name not in PATH_ARGUMENTS}
    # A parameter is required only where every method of the operation requires it.
    required = {n for n in names if all(n in p and p[n].default is inspect.Parameter.empty for p in signatures)}
    return sorted(f"{models.camel(n)} (required)" if n in required else models.camel(n) for n in names)


def surface_models() -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for name, cls in MODELS.items():
        result[name] = _listed(_fields(typing.get_type_hints(cls), cls))
    for name, item in LISTS.items():
        result[name] = _listed(_fields({"data": list[item]}, None))  # type: ignore[valid-type]
    for name, (method, exclude) in BODIES.items():
        result[name] = _listed(_fields(_arguments(method, exclude), None))
    for operation, methods in QUERIES.items():
        result[f"{operation}.query"] = _query(methods)
    # PayeeError's arguments are the error object's fields (all text); error.type's values are ERROR_TYPES.
    error: dict[str, Any] = {name: str for name in _arguments(PayeeError.__init__, NOT_ERROR_FIELDS)}
    error["type"] = Literal[tuple(ERROR_TYPES)]  # type: ignore[misc]
    result["Error"] = ["error", *_listed(_fields(error, None, "error."))]
    return dict(sorted((name, sorted(lines)) for name, lines in result.items()))


def manifest() -> dict[str, Any]:
    for names in OPERATIONS.values():
        for name in names:
            if not (callable(getattr(Payee, name, None)) and callable(getattr(AsyncPayee, name, None))):
                raise AssertionError(f"{name} is not a method of both Payee and AsyncPayee")
    return {
        "language": "python",
        "package": "payee",
        "adapter": {"command": [".venv/bin/python", "conformance/adapter.py"]},
        "operations": {operation: ", ".join(names) for operation, names in OPERATIONS.items()},
        "errorTypes": {error_type: cls.__name__ for error_type, cls in ERROR_TYPES.items()},
        "models": surface_models(),
        "errorCodes": sorted(typing.get_args(ErrorCode)),
    }


def render() -> str:
    return json.dumps(manifest(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    MANIFEST.write_text(render())
    print(f"wrote {MANIFEST}")
