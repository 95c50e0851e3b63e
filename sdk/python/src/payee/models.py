"""Typed models of the API's resources (docs/openapi.json), snake_case in Python, camelCase on the wire.

Fields a newer API adds are ignored rather than refused, so an older SDK keeps working; the contract
test (tests/test_contract.py) fails until the models follow the document.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Literal, Mapping, Required, TypedDict, TypeVar, Union

PaymentStatus = Literal["CREATED", "PENDING", "SUCCEEDED", "PARTIALLY_REFUNDED", "REFUNDED", "CLOSED", "FAILED"]
RefundStatus = Literal["PENDING", "PROCESSING", "SUCCEEDED", "FAILED"]
NotificationStatus = Literal["PENDING", "DELIVERED", "FAILED"]
GroupMode = Literal["batch", "combined"]
# Derived from the members: open (none settled), paid (all paid), partially_paid (some paid, the rest
# open), closed (all closed or failed), mixed (anything else).
GroupStatus = Literal["open", "paid", "partially_paid", "closed", "mixed"]
# liability: what payee owes its holder (a wallet), grows with credits; asset: money payee holds (a
# provider clearing account), grows with debits.
AccountType = Literal["asset", "liability"]
# The dimension a daily report's rows are per (besides the day).
ReportGroupBy = Literal["channel", "method", "payId", "currency"]
Method = Literal[
    "alipay.qr", "alipay.page", "alipay.wap", "alipay.app",
    "wechat.native", "wechat.jsapi", "wechat.h5", "wechat.app",
    "unionpay.web", "unionpay.app", "paypal.checkout", "balance.transfer",
]  # fmt: skip

# Statuses a payment reaches once the buyer's attempt is over (SUCCEEDED may still be refunded later).
FINAL_PAYMENT_STATUSES: frozenset[str] = frozenset({"SUCCEEDED", "PARTIALLY_REFUNDED", "REFUNDED", "CLOSED", "FAILED"})
# Statuses no payment ever leaves.
TERMINAL_PAYMENT_STATUSES: frozenset[str] = frozenset({"REFUNDED", "CLOSED", "FAILED"})
FINAL_REFUND_STATUSES: frozenset[str] = frozenset({"SUCCEEDED", "FAILED"})


@dataclass(frozen=True)
class PaymentAction:
    """What to show the buyer: a QR code, a redirect, a form, app or JSAPI parameters."""

    type: Literal["qr_code", "redirect", "form", "app_params", "jsapi_params"]
    value: Union[str, dict[str, str]]


@dataclass(frozen=True)
class Failure:
    code: str
    message: str


@dataclass(frozen=True)
class DetailLine:
    """Part of a payment's amount moving out of `account_out` into `account_rec` (minor units)."""

    account_out: str
    account_rec: str
    amount: int
    memo: str | None = None


@dataclass(frozen=True)
class Payment:
    pay_no: str
    status: PaymentStatus
    method: str
    channel: str
    pay_id: str
    out_trade_no: str
    subject: str
    amount: int
    order_amount: int
    currency: str
    refundable_amount: int
    expires_at: datetime
    created_at: datetime
    updated_at: datetime
    action: PaymentAction | None = None
    provider_trade_no: str | None = None
    failure: Failure | None = None
    notify_url: str | None = None
    return_url: str | None = None
    metadata: dict[str, str] | None = None
    details: list[DetailLine] | None = None
    paid_at: datetime | None = None


@dataclass(frozen=True)
class PaymentList:
    """One page of payments, newest first; `next_cursor` is set when more follow."""

    data: list[Payment]
    next_cursor: str | None = None


@dataclass(frozen=True)
class PaymentEvent:
    """A provider event payee accepted for a payment (the audit trail)."""

    event_id: str
    channel: str
    provider_status: str
    status: PaymentStatus
    outcome: Literal["applied", "ignored"]
    from_status: PaymentStatus
    amount: int
    currency: str
    recorded_at: datetime
    to_status: PaymentStatus | None = None
    reason: str | None = None
    provider_trade_no: str | None = None
    paid_at: datetime | None = None
    notified_at: datetime | None = None


@dataclass(frozen=True)
class ProviderState:
    """What the provider says about a payment, normalised (sync)."""

    status: Literal["NOT_FOUND", "PENDING", "SUCCEEDED", "CLOSED", "REFUNDED"]
    provider_status: str | None = None
    provider_trade_no: str | None = None
    amount: int | None = None
    currency: str | None = None
    paid_at: datetime | None = None


@dataclass(frozen=True)
class RefundOutcome:
    refund_no: str
    outcome: Literal["succeeded", "failed", "processing", "resubmitted", "unavailable", "settled"]


@dataclass(frozen=True)
class SyncResult:
    """The payment as it is now and the provider's answer, which payee applies asynchronously."""

    payment: Payment
    provider: ProviderState
    event_id: str | None = None
    refunds: list[RefundOutcome] | None = None


@dataclass(frozen=True)
class Refund:
    refund_no: str
    pay_no: str
    status: RefundStatus
    amount: int
    currency: str
    created_at: datetime
    updated_at: datetime
    reason: str | None = None
    provider_refund_no: str | None = None
    failure: Failure | None = None


@dataclass(frozen=True)
class NotificationAttempt:
    n: int
    at: datetime
    latency_ms: int
    status_code: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class Notification:
    """A notification to the payment's notifyUrl and its delivery attempts."""

    notification_id: str
    pay_no: str
    type: str
    url: str
    status: NotificationStatus
    attempts: list[NotificationAttempt]
    created_at: datetime
    updated_at: datetime
    next_attempt_at: datetime | None = None


@dataclass(frozen=True)
class PaymentNotification:
    """The signed body payee POSTs to a notifyUrl; `data` is the payment at that moment."""

    id: str
    type: str
    created_at: datetime
    data: Payment


@dataclass(frozen=True)
class StatementSide:
    """The provider statement's view of a payment (minor units)."""

    currency: str
    status: str
    refunded_amount: int
    at: str
    amount: int | None = None


@dataclass(frozen=True)
class LocalSide:
    """payee's view of a payment in a reconciliation difference."""

    amount: int
    currency: str
    status: str
    refunded_amount: int
    paid_at: str | None = None


@dataclass(frozen=True)
class LedgerSide:
    """What a payment's detail lines posted to the ledger (ledger_differs)."""

    posted: int


@dataclass(frozen=True)
class ReconciliationDifference:
    kind: Literal["missing_locally", "missing_at_provider", "amount_differs", "status_differs", "ledger_differs"]
    pay_no: str
    provider_trade_no: str | None = None
    provider: StatementSide | None = None
    local: LocalSide | None = None
    ledger: LedgerSide | None = None


@dataclass(frozen=True)
class LedgerProof:
    """The daily ledger proof: the day's paid ledger payments, their amounts, what their lines posted, what the statement says."""

    payments: int
    paid: int
    posted: int
    statement: int


@dataclass(frozen=True)
class ReconciliationReport:
    pay_id: str
    channel: str
    day: str
    checked_at: str
    statement_lines: int
    local_payments: int
    differences: list[ReconciliationDifference]
    ledger: LedgerProof | None = None


@dataclass(frozen=True)
class ReconciliationList:
    """A day's reports, one per pay config reconciled; empty before the job ran for that day."""

    day: str
    data: list[ReconciliationReport]


@dataclass(frozen=True)
class GroupMember:
    """A member of a group: its payment as it is now, or the `error` why it has none yet."""

    out_trade_no: str
    pay_no: str
    payment: Payment | None = None
    error: Failure | None = None


@dataclass(frozen=True)
class Group:
    """A group of payments (create_group) with every member as it is now."""

    group_no: str
    mode: GroupMode
    status: GroupStatus
    member_count: int
    created_at: datetime
    updated_at: datetime
    members: list[GroupMember]
    method: str | None = None
    notify_url: str | None = None
    metadata: dict[str, str] | None = None
    # combined: what the buyer is shown to pay every member at once.
    action: PaymentAction | None = None


@dataclass(frozen=True)
class GroupNotification:
    """The signed body payee POSTs to a group's notifyUrl (group.paid, group.closed); `data` is the
    group with its members at that moment."""

    id: str
    type: str
    created_at: datetime
    data: Group


@dataclass(frozen=True)
class GroupSummary:
    """A group as list_groups gives it: without its members (get_group has them)."""

    group_no: str
    mode: GroupMode
    status: GroupStatus
    member_count: int
    created_at: datetime
    updated_at: datetime
    method: str | None = None
    notify_url: str | None = None
    metadata: dict[str, str] | None = None


@dataclass(frozen=True)
class GroupList:
    """One page of groups, newest first; `next_cursor` is set when more follow."""

    data: list[GroupSummary]
    next_cursor: str | None = None


@dataclass(frozen=True)
class GroupMemberSync:
    """What a member's provider said (sync_group), applied asynchronously, or why it could not be asked."""

    pay_no: str
    provider: Literal["NOT_FOUND", "PENDING", "SUCCEEDED", "REFUNDED", "CLOSED"] | None = None
    event_id: str | None = None
    error: Failure | None = None


@dataclass(frozen=True)
class GroupSyncResult:
    group: Group
    members: list[GroupMemberSync]


@dataclass(frozen=True)
class GroupMemberRequest:
    """One payment of a new group: a payment create's fields; `method` and `pay_id` (batch only) default to the group's."""

    out_trade_no: str
    subject: str
    amount: int
    currency: str
    method: Method | None = None
    order_amount: int | None = None
    pay_id: str | None = None
    metadata: dict[str, str] | None = None
    details: list[DetailLine] | None = None


@dataclass(frozen=True)
class Balances:
    """An account's balances in minor units, in its type's own sense (liability: credits - debits)."""

    posted: int
    pending_incoming: int
    pending_outgoing: int
    # posted - pending_outgoing: what the overdraft rule is checked against.
    available: int
    posted_debits: int
    posted_credits: int
    pending_debits: int
    pending_credits: int


@dataclass(frozen=True)
class Account:
    """A ledger account; `overdraft_limit` None: no limit."""

    account_id: str
    currency: str
    type: AccountType
    overdraft_limit: int | None
    shards: int
    balance: Balances
    created_at: datetime
    name: str | None = None


@dataclass(frozen=True)
class AccountList:
    """One page of accounts, newest first; `next_cursor` is set when more follow."""

    data: list[Account]
    next_cursor: str | None = None


@dataclass(frozen=True)
class Flow:
    """The account's side of one double-entry flow: pending (held at create), post or void (its
    payment paid or closed), posted (moved at once)."""

    flow_id: str
    kind: Literal["pending", "post", "void", "posted"]
    direction: Literal["debit", "credit"]
    amount: int
    currency: str
    account_out: str
    account_rec: str
    pay_no: str
    line: int
    at: datetime
    refund_no: str | None = None
    pending_flow_id: str | None = None
    memo: str | None = None


@dataclass(frozen=True)
class FlowList:
    """One page of an account's flows, newest first."""

    data: list[Flow]
    next_cursor: str | None = None


@dataclass(frozen=True)
class AccountBalance:
    """An account's posted balance at a time."""

    account_id: str
    currency: str
    at: datetime
    posted: int


@dataclass(frozen=True)
class Tally:
    """How many payments (or refunds) and their sum in minor units."""

    count: int
    amount: int


@dataclass(frozen=True)
class Timing:
    """Durations measured: how many, and the histogram buckets holding the median and the 95th percentile."""

    count: int
    p50_ms: int | None = None
    p95_ms: int | None = None


@dataclass(frozen=True)
class DailyReportRow:
    """One China day (UTC+8), one value of the report's group_by and one currency."""

    day: str
    group: str
    # ISO 4217: every amount of the row is in it; a group paid in two currencies has a row for each.
    currency: str
    created: Tally
    succeeded: Tally
    closed: Tally
    failed: Tally
    refunded: Tally
    time_to_pay: Timing
    callback_latency: Timing
    # succeeded / created; None on a day without creates.
    success_rate: float | None = None
    average_ticket: int | None = None


@dataclass(frozen=True)
class DailyReport:
    """Daily figures from `from_` to `to` (China days, included), one row per day, group and currency."""

    from_: str
    to: str
    group_by: ReportGroupBy
    data: list[DailyReportRow]


@dataclass(frozen=True)
class Payer:
    """Method-specific facts about the buyer: `openid` for wechat.jsapi, `client_ip` for wechat.h5."""

    openid: str | None = None
    client_ip: str | None = None


class CreatePaymentParams(TypedDict, total=False):
    """create_payment's arguments, for the calls that create and then do more (create_and_wait)."""

    method: Required[Method]
    out_trade_no: Required[str]
    subject: Required[str]
    amount: Required[int]
    currency: Required[str]
    order_amount: int
    notify_url: str
    return_url: str
    expires_in: int
    payer: Payer | Mapping[str, str]
    pay_id: str
    scene: str
    metadata: Mapping[str, str]
    details: list[DetailLine | Mapping[str, Any]]
    idempotency_key: str


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


T = TypeVar("T")


def from_json(cls: type[T], data: Mapping[str, Any]) -> T:
    """Builds a model from the API's JSON, converting nested models, lists and timestamps.

    Answers are read, not validated (as Stripe's and Stainless's SDKs do): a field missing from the
    JSON is None, one the model does not know is left out.
    """
    if not isinstance(data, Mapping):
        raise TypeError(f"{cls.__name__} must be a JSON object, not {type(data).__name__}")
    return cls(**{name: _convert(convert, data.get(key)) for name, key, convert in _fields_of(cls)})


Converter = Callable[[Any], Any]


def _convert(convert: Converter, value: Any) -> Any:
    return None if value is None else convert(value)


@functools.cache
def _fields_of(cls: type) -> tuple[tuple[str, str, Converter], ...]:
    """Each field's name, JSON key and converter, once per model: resolving the (string) annotations
    with get_type_hints on every answer cost more CPU than the HTTP exchange itself."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, camel(f.name), _converter(hints[f.name])) for f in dataclasses.fields(cls))  # type: ignore[arg-type]


def _same(value: Any) -> Any:
    return value


@functools.cache
def _converter(hint: Any) -> Converter:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        # Only `X | None` needs converting; other unions (an action's value) are plain JSON.
        return _converter(options[0]) if len(options) == 1 else _same
    if origin is list:
        (item,) = typing.get_args(hint)
        convert = _converter(item)
        return lambda value: [_convert(convert, v) for v in value]
    if hint is datetime:
        return datetime.fromisoformat
    if dataclasses.is_dataclass(hint):
        return lambda value: from_json(hint, value)  # type: ignore[arg-type]
    return _same


def to_json(value: Any) -> Any:
    """A model (or a list or mapping of them) as the API's JSON: camelCase, timestamps as the API writes
    them, fields that are None left out. Request bodies are built with it; use it to store or log models."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ((camel(f.name), getattr(value, f.name)) for f in dataclasses.fields(value))
        return {name: to_json(v) for name, v in fields if v is not None}
    if isinstance(value, Mapping):
        return {k: to_json(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return value


__all__ = [
    "Account",
    "AccountBalance",
    "AccountList",
    "AccountType",
    "Balances",
    "CreatePaymentParams",
    "DailyReport",
    "DailyReportRow",
    "DetailLine",
    "FINAL_PAYMENT_STATUSES",
    "FINAL_REFUND_STATUSES",
    "TERMINAL_PAYMENT_STATUSES",
    "Failure",
    "Flow",
    "FlowList",
    "Group",
    "GroupList",
    "GroupMember",
    "GroupMemberRequest",
    "GroupMemberSync",
    "GroupMode",
    "GroupStatus",
    "GroupSummary",
    "GroupSyncResult",
    "LedgerProof",
    "LedgerSide",
    "LocalSide",
    "Method",
    "Notification",
    "NotificationAttempt",
    "NotificationStatus",
    "Payer",
    "Payment",
    "PaymentAction",
    "PaymentEvent",
    "PaymentList",
    "PaymentNotification",
    "GroupNotification",
    "PaymentStatus",
    "ProviderState",
    "ReconciliationDifference",
    "ReconciliationList",
    "ReconciliationReport",
    "Refund",
    "RefundOutcome",
    "RefundStatus",
    "StatementSide",
    "ReportGroupBy",
    "SyncResult",
    "Tally",
    "Timing",
    "to_json",
]
