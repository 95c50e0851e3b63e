"""Typed errors: one class per `error.type` of the API, plus the SDK's own (connection, signature, waiters)."""

from __future__ import annotations

import email.utils
import json
import time
from typing import Any, Literal, Mapping

import httpx

# The error codes the API's document names; `code` may also be one it adds later.
ErrorCode = Literal[
    "account_not_found",
    "api_key_expired",
    "combine_partner_unsupported",
    "combined_not_supported",
    "currency_mismatch",
    "currency_not_supported",
    "duplicate_out_trade_no",
    "group_not_closable",
    "idempotency_key_in_use",
    "idempotency_key_reused",
    "insufficient_funds",
    "invalid_client",
    "invalid_json",
    "ledger_disabled",
    "method_not_supported",
    "no_notify_url",
    "not_captured",
    "not_paid",
    "parameter_conflict",
    "parameter_invalid",
    "parameter_missing",
    "parameter_unknown",
    "pay_config_ambiguous",
    "pay_config_invalid",
    "pay_config_mismatch",
    "pay_config_not_found",
    "payer_client_ip_required",
    "payer_openid_required",
    "payment_changed",
    "payment_not_closable",
    "payment_not_refundable",
    "provider_refused",
    "provider_unavailable",
    "refund_exceeds_refundable",
    "resource_missing",
    "scene_method_unavailable",
    "scene_not_found",
    "service_unavailable",
    "statement_not_supported",
    "transfer_not_refundable",
    "unknown_api_version",
    "unsupported_content_type",
]


class PayeeError(Exception):
    """Base of every error the SDK raises. HTTP errors carry the API's error fields."""

    def __init__(
        self,
        message: str,
        *,
        http_status: int | None = None,
        type: str | None = None,
        code: ErrorCode | str | None = None,
        param: str | None = None,
        pay_no: str | None = None,
        request_id: str | None = None,
        headers: Mapping[str, str] | None = None,
        body: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.http_status = http_status
        self.type = type
        self.code = code
        self.param = param
        self.pay_no = pay_no
        self.request_id = request_id
        self.headers = httpx.Headers(headers)  # case-insensitive, as HTTP header names are
        self.body = body

    @property
    def retry_after(self) -> float | None:
        """Seconds the Retry-After header asks to wait (503 and 429 answers), if it does."""
        value = self.headers.get("retry-after")
        if value is None:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())

    def __str__(self) -> str:
        parts = [self.message]
        details = [
            f"{name}={value}"
            for name, value in (
                ("status", self.http_status),
                ("code", self.code),
                ("param", self.param),
                ("payNo", self.pay_no),
                ("requestId", self.request_id),
            )
            if value is not None
        ]
        if details:
            parts.append(f"({', '.join(details)})")
        return " ".join(parts)


class InvalidRequestError(PayeeError):
    """400: a field or header is wrong; `param` names it."""


class AuthenticationError(PayeeError):
    """403: a missing, unknown, disabled or expired API key."""


class NotFoundError(PayeeError):
    """404: no such payment (or one another company owns), or no such route."""


class ConflictError(PayeeError):
    """409: the request conflicts with the resource's state (duplicate_out_trade_no names `pay_no`)."""


class IdempotencyError(PayeeError):
    """409 idempotency_key_in_use (retried automatically) or 422 idempotency_key_reused."""


class RateLimitError(PayeeError):
    """429: over the API key's usage plan."""


class ProviderUnavailableError(PayeeError):
    """503 provider_unavailable: the provider did not answer; the outcome is unknown."""


class ServiceUnavailableError(PayeeError):
    """503 service_unavailable: payee's storage did not answer in time."""


class APIError(PayeeError):
    """500 internal, or any other answer the API does not document."""


class APIConnectionError(PayeeError):
    """The request got no HTTP answer (refused, reset, timed out); the cause is chained."""


class SignatureVerificationError(PayeeError):
    """A notification whose Payee-Signature does not verify, or whose timestamp is too old."""


class WaiterError(PayeeError):
    """A waiter stopped before the resource reached a wanted status; `last` is what it saw last."""

    def __init__(self, message: str, *, last: Any) -> None:
        super().__init__(message)
        self.last = last


class WaiterTimeoutError(WaiterError):
    """The waiter's max_wait passed."""


class WaiterFailureError(WaiterError):
    """The resource reached a final status that is not a wanted one (it will not change any more)."""


# The class of each error.type the API documents.
ERROR_TYPES: dict[str, type[PayeeError]] = {
    "invalid_request": InvalidRequestError,
    "authentication": AuthenticationError,
    "not_found": NotFoundError,
    "conflict": ConflictError,
    "idempotency": IdempotencyError,
    "provider": ProviderUnavailableError,
    "unavailable": ServiceUnavailableError,
    "internal": APIError,
}

# API Gateway's own answers ({"message": ...}) carry no error.type: the status decides.
_BY_STATUS: dict[int, type[PayeeError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    403: AuthenticationError,
    404: NotFoundError,
    409: ConflictError,
    422: IdempotencyError,
    429: RateLimitError,
    503: ServiceUnavailableError,
}


def error_from_response(response: httpx.Response) -> PayeeError:
    """The typed error for a non-2xx answer, whatever its body."""
    try:
        body: Any = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = response.text
    # API Gateway puts its request id in x-amzn-RequestId; payee's own errors also carry it in the body.
    header_request_id = response.headers.get("x-amzn-requestid")
    status = response.status_code
    fields = body.get("error") if isinstance(body, dict) else None
    if isinstance(fields, dict):
        error_type = fields.get("type")
        cls = ERROR_TYPES.get(error_type) or _BY_STATUS.get(status, APIError)
        return cls(
            fields.get("message") or f"HTTP {status}",
            http_status=status,
            type=error_type,
            code=fields.get("code"),
            param=fields.get("param"),
            pay_no=fields.get("payNo"),
            request_id=fields.get("requestId") or header_request_id,
            headers=response.headers,
            body=body,
        )
    if isinstance(body, dict):
        message = body.get("message") or body.get("Message") or f"HTTP {status}"
    else:
        message = body.strip()[:500] or f"HTTP {status}"
    return _BY_STATUS.get(status, APIError)(
        message, http_status=status, request_id=header_request_id, headers=response.headers, body=body
    )
