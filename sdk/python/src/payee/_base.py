"""What the sync and async clients share: configuration, each endpoint's request, retry and wait schedules."""

from __future__ import annotations

import json
import os
import platform
import random
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Callable, Generic, Iterable, Mapping, TypeVar
from urllib.parse import quote

import httpx

from ._version import API_VERSION, VERSION
from .errors import (
    APIError,
    IdempotencyError,
    NotFoundError,
    PayeeError,
    RateLimitError,
    WaiterFailureError,
    WaiterTimeoutError,
)
from .models import (
    TERMINAL_PAYMENT_STATUSES,
    Account,
    AccountBalance,
    AccountList,
    DailyReport,
    DetailLine,
    FlowList,
    Group,
    GroupList,
    GroupMemberRequest,
    GroupSyncResult,
    Notification,
    Payer,
    Payment,
    PaymentEvent,
    PaymentList,
    ReconciliationList,
    Refund,
    SyncResult,
    from_json,
    to_json,
)

DEFAULT_TIMEOUT = 80.0
DEFAULT_MAX_RETRIES = 2
# Backoff between retries: 0.5 s doubling to 5 s, each wait scaled by a random 0.5..1 (as Stripe's SDKs),
# unless the answer's Retry-After says how long.
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 5.0
# A longer Retry-After (a quota spent for the day) is not waited out inside a call: the error is raised.
MAX_RETRY_AFTER = 60.0

USER_AGENT = f"payee-python/{VERSION} httpx/{httpx.__version__} python/{platform.python_version()}"
CLIENT_ID = f"python/{VERSION}"

# Errors a keep-alive connection that died while idle (a thawed Lambda, a proxy's idle timeout) raises
# on its next request: worth one retry even with retries off.
STALE_CONNECTION_ERRORS = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)

T = TypeVar("T")


@dataclass(frozen=True)
class Call(Generic[T]):
    """One endpoint's request and how to read its answer."""

    method: str
    path: str
    decode: Callable[[Any], T]
    params: Mapping[str, str] | None = None
    body: Any = None
    idempotency_key: str | None = None


@dataclass(frozen=True)
class Options:
    api_key: str
    base_url: str
    timeout: float | httpx.Timeout
    max_retries: int
    payee_version: str
    headers: Mapping[str, str]


def resolve_options(
    api_key: str | None,
    base_url: str | None,
    timeout: float | httpx.Timeout,
    max_retries: int,
    payee_version: str,
    default_headers: Mapping[str, str] | None,
) -> Options:
    api_key = api_key or os.environ.get("PAYEE_KEY")
    base_url = base_url or os.environ.get("PAYEE_URL")
    if not api_key:
        raise ValueError("No API key: pass api_key= or set PAYEE_KEY")
    if not base_url:
        raise ValueError("No base URL: pass base_url= (the stack's ApiUrl, e.g. http://127.0.0.1:4010/live) or set PAYEE_URL")
    if max_retries < 0:
        raise ValueError("max_retries must be 0 or more")
    return Options(api_key, base_url.rstrip("/"), timeout, max_retries, payee_version, dict(default_headers or {}))


def with_overrides(options: Options, api_key: str | None, timeout: float | httpx.Timeout | None, max_retries: int | None) -> Options:
    changes: dict[str, Any] = {}
    if api_key is not None:
        changes["api_key"] = api_key
    if timeout is not None:
        changes["timeout"] = timeout
    if max_retries is not None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        changes["max_retries"] = max_retries
    return replace(options, **changes)


def build_request(http: httpx.Client | httpx.AsyncClient, options: Options, call: Call[Any]) -> httpx.Request:
    headers = {
        **options.headers,
        "x-api-key": options.api_key,
        "Accept": "application/json",
        "User-Agent": USER_AGENT,
        "Payee-Client": CLIENT_ID,
        "Payee-Version": options.payee_version,
    }
    if call.method == "POST":
        # Made once per call and sent on every retry, so a retried create never makes a second payment.
        headers["Idempotency-Key"] = call.idempotency_key or new_idempotency_key()
    content = None
    if call.body is not None:
        headers["Content-Type"] = "application/json"
        content = json.dumps(call.body, ensure_ascii=False, separators=(",", ":")).encode()
    return http.build_request(
        call.method, options.base_url + call.path, params=call.params, headers=headers, content=content, timeout=options.timeout
    )


def new_idempotency_key() -> str:
    return str(uuid.uuid4())


def decode_response(response: httpx.Response, call: Call[T]) -> T:
    try:
        return call.decode(response.json())
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise APIError(
            f"Unexpected answer to {call.method} {call.path}: {exc}",
            http_status=response.status_code,
            request_id=response.headers.get("x-amzn-requestid"),
            headers=response.headers,
            body=response.text,
        ) from exc


def is_retryable(error: PayeeError) -> bool:
    if isinstance(error, IdempotencyError):
        return error.code == "idempotency_key_in_use"
    return isinstance(error, RateLimitError) or (error.http_status or 0) >= 500


def retry_delay(retry: int, retry_after: float | None) -> float:
    """Seconds to wait before retry number `retry` (0 for the first)."""
    if retry_after is not None:
        return retry_after
    return min(INITIAL_RETRY_DELAY * 2**retry, MAX_RETRY_DELAY) * (0.5 + random.random() / 2)


def error_retry_delay(error: PayeeError, retry: int, max_retries: int) -> float | None:
    """The wait before retrying after `error`, or None when it must be raised."""
    if retry >= max_retries or not is_retryable(error):
        return None
    retry_after = error.retry_after
    if retry_after is not None and retry_after > MAX_RETRY_AFTER:
        return None
    return retry_delay(retry, retry_after)


def connection_retry_delay(exc: httpx.TransportError, retry: int, max_retries: int) -> float | None:
    if retry < max_retries:
        return retry_delay(retry, None)
    if retry == 0 and isinstance(exc, STALE_CONNECTION_ERRORS):
        return 0.0
    return None


class WaitSchedule:
    """AWS-waiter-style polling: delays from min_delay doubling to max_delay (randomised), until max_wait."""

    def __init__(self, max_wait: float, min_delay: float, max_delay: float, clock: Callable[[], float]) -> None:
        if max_wait <= 0 or min_delay <= 0 or max_delay < min_delay:
            raise ValueError("need max_wait > 0 and 0 < min_delay <= max_delay")
        self.max_wait = max_wait
        self.min_delay = min_delay
        self.max_delay = max_delay
        self.clock = clock
        self.deadline = clock() + max_wait
        self.attempt = 0

    def next_delay(self) -> float | None:
        """The wait before the next poll, or None once max_wait has passed."""
        remaining = self.deadline - self.clock()
        if remaining <= 0:
            return None
        ceiling = min(self.max_delay, self.min_delay * 2**self.attempt)
        self.attempt += 1
        return min(self.min_delay + random.random() * (ceiling - self.min_delay), remaining)

    def timeout(self, what: str, last: Any) -> WaiterTimeoutError:
        return WaiterTimeoutError(f"{what} after {self.max_wait:g} s (last status {last.status})", last=last)


def payment_reached(payment: Payment, statuses: frozenset[str]) -> bool:
    """True when the waiter is done; raises WaiterFailureError when it can never be."""
    if payment.status in statuses:
        return True
    if payment.status in TERMINAL_PAYMENT_STATUSES:
        raise WaiterFailureError(
            f"Payment {payment.pay_no} is {payment.status}, which never becomes {'/'.join(sorted(statuses))}", last=payment
        )
    return False


def find_refund(refunds: list[Refund], refund_no: str) -> Refund:
    for refund in refunds:
        if refund.refund_no == refund_no:
            return refund
    raise NotFoundError(f"Refund {refund_no} is not among its payment's refunds")


def _page(data: Any) -> list[Any]:
    return data["data"]


def _timestamp(value: datetime | str | None, name: str = "created_from and created_to") -> str | None:
    if value is None or isinstance(value, str):
        return value
    if value.tzinfo is None:
        raise ValueError(f"{name} must be timezone-aware datetimes")
    return value.isoformat()


def _query(**values: Any) -> dict[str, str]:
    return {name: str(value) for name, value in values.items() if value is not None}


def _payment_path(pay_no: str, tail: str = "") -> str:
    # quote(safe="") so that a payNo with "/" or "?" cannot reach another route.
    return f"/v1/payments/{quote(pay_no, safe='')}{tail}"


# Each endpoint of the merchant API once; the clients send these.


def create_payment_call(
    *,
    method: str,
    out_trade_no: str,
    subject: str,
    amount: int,
    currency: str,
    order_amount: int | None,
    notify_url: str | None,
    return_url: str | None,
    expires_in: int | None,
    payer: Payer | Mapping[str, str] | None,
    pay_id: str | None,
    scene: str | None,
    metadata: Mapping[str, str] | None,
    details: Iterable[DetailLine | Mapping[str, Any]] | None,
    idempotency_key: str | None,
) -> Call[Payment]:
    body = to_json(
        {
            "method": method,
            "outTradeNo": out_trade_no,
            "subject": subject,
            "amount": amount,
            "orderAmount": order_amount,
            "currency": currency,
            "notifyUrl": notify_url,
            "returnUrl": return_url,
            "expiresIn": expires_in,
            "payer": payer,
            "payId": pay_id,
            "scene": scene,
            "metadata": dict(metadata) if metadata is not None else None,
            "details": list(details) if details is not None else None,
        }
    )
    return Call("POST", "/v1/payments", lambda data: from_json(Payment, data), body=body, idempotency_key=idempotency_key)


def get_payment_call(pay_no: str) -> Call[Payment]:
    return Call("GET", _payment_path(pay_no), lambda data: from_json(Payment, data))


def list_payments_call(
    *,
    limit: int | None,
    cursor: str | None,
    created_from: datetime | str | None,
    created_to: datetime | str | None,
    company_id: str | None,
) -> Call[PaymentList]:
    params = _query(
        limit=limit,
        cursor=cursor,
        createdFrom=_timestamp(created_from),
        createdTo=_timestamp(created_to),
        companyId=company_id,
    )
    return Call("GET", "/v1/payments", lambda data: from_json(PaymentList, data), params=params)


def find_payment_call(out_trade_no: str, company_id: str | None) -> Call[Payment | None]:
    def decode(data: Any) -> Payment | None:
        found = _page(data)
        return from_json(Payment, found[0]) if found else None

    return Call("GET", "/v1/payments", decode, params=_query(outTradeNo=out_trade_no, companyId=company_id))


def list_payment_events_call(pay_no: str) -> Call[list[PaymentEvent]]:
    return Call("GET", _payment_path(pay_no, "/events"), lambda data: [from_json(PaymentEvent, e) for e in _page(data)])


def close_payment_call(pay_no: str) -> Call[Payment]:
    return Call("POST", _payment_path(pay_no, "/close"), lambda data: from_json(Payment, data))


def sync_payment_call(pay_no: str) -> Call[SyncResult]:
    return Call("POST", _payment_path(pay_no, "/sync"), lambda data: from_json(SyncResult, data))


def create_refund_call(pay_no: str, *, amount: int, reason: str | None, idempotency_key: str | None) -> Call[Refund]:
    return Call(
        "POST",
        _payment_path(pay_no, "/refunds"),
        lambda data: from_json(Refund, data),
        body=to_json({"amount": amount, "reason": reason}),
        idempotency_key=idempotency_key,
    )


def list_refunds_call(pay_no: str) -> Call[list[Refund]]:
    return Call("GET", _payment_path(pay_no, "/refunds"), lambda data: [from_json(Refund, r) for r in _page(data)])


def list_notifications_call(pay_no: str) -> Call[list[Notification]]:
    return Call(
        "GET", _payment_path(pay_no, "/notifications"), lambda data: [from_json(Notification, n) for n in _page(data)]
    )


def resend_notification_call(pay_no: str) -> Call[Notification]:
    return Call("POST", _payment_path(pay_no, "/notifications/resend"), lambda data: from_json(Notification, data))


def get_reconciliation_call(day: str, pay_id: str | None, company_id: str | None) -> Call[ReconciliationList]:
    params = _query(day=day, payId=pay_id, companyId=company_id)
    return Call("GET", "/v1/reports/reconciliation", lambda data: from_json(ReconciliationList, data), params=params)


def _group_path(group_no: str, tail: str = "") -> str:
    return f"/v1/groups/{quote(group_no, safe='')}{tail}"


def create_group_call(
    *,
    mode: str,
    members: Iterable[GroupMemberRequest | Mapping[str, Any]],
    method: str | None,
    notify_url: str | None,
    return_url: str | None,
    expires_in: int | None,
    payer: Payer | Mapping[str, str] | None,
    pay_id: str | None,
    scene: str | None,
    metadata: Mapping[str, str] | None,
    idempotency_key: str | None,
) -> Call[Group]:
    body = to_json(
        {
            "mode": mode,
            "method": method,
            "notifyUrl": notify_url,
            "returnUrl": return_url,
            "expiresIn": expires_in,
            "payer": payer,
            "payId": pay_id,
            "scene": scene,
            "metadata": dict(metadata) if metadata is not None else None,
            "members": list(members),
        }
    )
    return Call("POST", "/v1/groups", lambda data: from_json(Group, data), body=body, idempotency_key=idempotency_key)


def get_group_call(group_no: str) -> Call[Group]:
    return Call("GET", _group_path(group_no), lambda data: from_json(Group, data))


def list_groups_call(*, limit: int | None, cursor: str | None) -> Call[GroupList]:
    return Call("GET", "/v1/groups", lambda data: from_json(GroupList, data), params=_query(limit=limit, cursor=cursor))


def close_group_call(group_no: str) -> Call[Group]:
    return Call("POST", _group_path(group_no, "/close"), lambda data: from_json(Group, data))


def sync_group_call(group_no: str) -> Call[GroupSyncResult]:
    return Call("POST", _group_path(group_no, "/sync"), lambda data: from_json(GroupSyncResult, data))


def _account_path(account_id: str, tail: str = "") -> str:
    return f"/v1/accounts/{quote(account_id, safe='')}{tail}"


def create_account_call(
    *, currency: str, type: str, name: str | None, overdraft_limit: int | None, shards: int | None, idempotency_key: str | None
) -> Call[Account]:
    body = to_json({"currency": currency, "type": type, "name": name, "shards": shards})
    # None is the API's null here (no limit), not a field left out.
    body["overdraftLimit"] = overdraft_limit
    return Call("POST", "/v1/accounts", lambda data: from_json(Account, data), body=body, idempotency_key=idempotency_key)


def get_account_call(account_id: str) -> Call[Account]:
    return Call("GET", _account_path(account_id), lambda data: from_json(Account, data))


def list_accounts_call(*, limit: int | None, cursor: str | None) -> Call[AccountList]:
    return Call("GET", "/v1/accounts", lambda data: from_json(AccountList, data), params=_query(limit=limit, cursor=cursor))


def list_account_flows_call(account_id: str, *, limit: int | None, cursor: str | None) -> Call[FlowList]:
    params = _query(limit=limit, cursor=cursor)
    return Call("GET", _account_path(account_id, "/flows"), lambda data: from_json(FlowList, data), params=params)


def get_account_balance_call(account_id: str, at: datetime | str | None) -> Call[AccountBalance]:
    params = _query(at=_timestamp(at, "at"))
    return Call("GET", _account_path(account_id, "/balance"), lambda data: from_json(AccountBalance, data), params=params)


def get_daily_report_call(from_: date | str, to: date | str, group_by: str | None, company_id: str | None) -> Call[DailyReport]:
    params = _query(**{"from": str(from_), "to": str(to), "groupBy": group_by, "companyId": company_id})
    return Call("GET", "/v1/reports/daily", lambda data: from_json(DailyReport, data), params=params)


def get_openapi_call() -> Call[dict[str, Any]]:
    return Call("GET", "/v1/openapi.json", dict)


def statuses_set(statuses: Iterable[str]) -> frozenset[str]:
    result = frozenset(statuses)
    if not result:
        raise ValueError("statuses must name at least one status")
    return result

