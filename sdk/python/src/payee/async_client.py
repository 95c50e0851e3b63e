"""The asyncio client: the same methods as Payee, awaited."""

from __future__ import annotations

import asyncio
import time
from datetime import date, datetime
from typing import Any, AsyncIterator, Awaitable, Callable, Iterable, Mapping, TypeVar, Unpack

import httpx

from . import _base
from ._base import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, Call, Options, WaitSchedule
from ._version import API_VERSION
from .errors import APIConnectionError, error_from_response
from .models import (
    Account,
    AccountBalance,
    AccountList,
    AccountType,
    CreatePaymentParams,
    DailyReport,
    DetailLine,
    FINAL_PAYMENT_STATUSES,
    FINAL_REFUND_STATUSES,
    Flow,
    FlowList,
    Group,
    GroupList,
    GroupMemberRequest,
    GroupMode,
    GroupSummary,
    GroupSyncResult,
    Method,
    Notification,
    Payer,
    Payment,
    PaymentEvent,
    PaymentList,
    ReconciliationList,
    ReportGroupBy,
    Refund,
    SyncResult,
)

T = TypeVar("T")


class AsyncPayee:
    """An asyncio client of payee's merchant API, with the methods of Payee.

    >>> async with AsyncPayee(api_key="pk_...", base_url="http://127.0.0.1:4010/live") as payee:
    ...     payment = await payee.create_payment(method="alipay.qr", out_trade_no="A1001",
    ...                                          subject="T-shirt", amount=1999, currency="CNY")

    `api_key` and `base_url` default to the environment's PAYEE_KEY and PAYEE_URL. Failed requests
    are retried `max_retries` times (connection errors, 409 idempotency_key_in_use, 429, 5xx) with
    exponential backoff and jitter, honouring Retry-After; every POST carries one Idempotency-Key for
    all its attempts. Pass `http_client` (an httpx.AsyncClient you configured) or `transport` to control
    the connection; `sleep` and `clock` replace asyncio.sleep and time.monotonic (tests, schedulers).
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        payee_version: str = API_VERSION,
        default_headers: Mapping[str, str] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if http_client is not None and transport is not None:
            raise ValueError("pass http_client or transport, not both")
        self._options = _base.resolve_options(api_key, base_url, timeout, max_retries, payee_version, default_headers)
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(transport=transport)
        self._sleep = sleep
        self._clock = clock

    def with_options(
        self,
        *,
        api_key: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
    ) -> AsyncPayee:
        """A client with other settings for some calls, sharing this one's connections."""
        copy = object.__new__(AsyncPayee)
        copy.__dict__.update(self.__dict__)
        copy._options = _base.with_overrides(self._options, api_key, timeout, max_retries)
        copy._owns_http = False
        return copy

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncPayee:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def _send(self, call: Call[T]) -> T:
        options: Options = self._options
        request = _base.build_request(self._http, options, call)
        retry = 0
        while True:
            try:
                response = await self._http.send(request)
            except httpx.TransportError as exc:
                delay = _base.connection_retry_delay(exc, retry, options.max_retries)
                if delay is None:
                    raise APIConnectionError(f"{call.method} {call.path} failed: {exc!r}") from exc
            else:
                if response.is_success:
                    return _base.decode_response(response, call)
                error = error_from_response(response)
                delay = _base.error_retry_delay(error, retry, options.max_retries)
                if delay is None:
                    raise error
            await self._sleep(delay)
            retry += 1

    # Payments

    async def create_payment(
        self,
        *,
        method: Method,
        out_trade_no: str,
        subject: str,
        amount: int,
        currency: str,
        order_amount: int | None = None,
        notify_url: str | None = None,
        return_url: str | None = None,
        expires_in: int | None = None,
        payer: Payer | Mapping[str, str] | None = None,
        pay_id: str | None = None,
        scene: str | None = None,
        metadata: Mapping[str, str] | None = None,
        details: list[DetailLine | Mapping[str, Any]] | None = None,
        idempotency_key: str | None = None,
    ) -> Payment:
        """Creates a payment: PENDING with the `action` to show the buyer, or FAILED with the provider's reason.

        Amounts are integer minor units (1999 = 19.99 CNY); `details` (1-20 DetailLine) say which
        account each part of the amount moves out of and into, and must add up to it. Without `idempotency_key` one is made;
        pass your own (e.g. from your order number) to make a create safe across your own retries.
        """
        return await self._send(
            _base.create_payment_call(
                method=method,
                out_trade_no=out_trade_no,
                subject=subject,
                amount=amount,
                currency=currency,
                order_amount=order_amount,
                notify_url=notify_url,
                return_url=return_url,
                expires_in=expires_in,
                payer=payer,
                pay_id=pay_id,
                scene=scene,
                metadata=metadata,
                details=details,
                idempotency_key=idempotency_key,
            )
        )

    async def get_payment(self, pay_no: str) -> Payment:
        return await self._send(_base.get_payment_call(pay_no))

    async def find_payment(self, out_trade_no: str, *, company_id: str | None = None) -> Payment | None:
        """The payment for your order number, or None."""
        return await self._send(_base.find_payment_call(out_trade_no, company_id))

    async def list_payments(
        self,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        created_from: datetime | str | None = None,
        created_to: datetime | str | None = None,
        company_id: str | None = None,
    ) -> PaymentList:
        """One page of payments, newest first (at most 366 days of creation time per call)."""
        return await self._send(
            _base.list_payments_call(
                limit=limit, cursor=cursor, created_from=created_from, created_to=created_to, company_id=company_id
            )
        )

    async def iter_payments(
        self,
        *,
        limit: int | None = None,
        created_from: datetime | str | None = None,
        created_to: datetime | str | None = None,
        company_id: str | None = None,
    ) -> AsyncIterator[Payment]:
        """Every payment in the range, newest first, fetching pages of `limit` as the loop goes."""
        cursor: str | None = None
        while True:
            page = await self.list_payments(
                limit=limit, cursor=cursor, created_from=created_from, created_to=created_to, company_id=company_id
            )
            for payment in page.data:
                yield payment
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    async def list_payment_events(self, pay_no: str) -> list[PaymentEvent]:
        """The payment's audit trail: each provider event payee accepted, oldest first."""
        return await self._send(_base.list_payment_events_call(pay_no))

    async def close_payment(self, pay_no: str) -> Payment:
        """Closes an unpaid payment; one the buyer paid meanwhile comes back SUCCEEDED."""
        return await self._send(_base.close_payment_call(pay_no))

    async def sync_payment(self, pay_no: str) -> SyncResult:
        """Asks the provider about the payment now; its answer is applied asynchronously."""
        return await self._send(_base.sync_payment_call(pay_no))

    # Refunds

    async def create_refund(
        self, pay_no: str, *, amount: int, reason: str | None = None, idempotency_key: str | None = None
    ) -> Refund:
        """Refunds part or all of a paid payment: SUCCEEDED, PROCESSING (outcome later), FAILED or PENDING."""
        return await self._send(_base.create_refund_call(pay_no, amount=amount, reason=reason, idempotency_key=idempotency_key))

    async def list_refunds(self, pay_no: str) -> list[Refund]:
        return await self._send(_base.list_refunds_call(pay_no))

    # Groups

    async def create_group(
        self,
        *,
        mode: GroupMode,
        members: list[GroupMemberRequest | Mapping[str, Any]],
        method: Method | None = None,
        notify_url: str | None = None,
        return_url: str | None = None,
        expires_in: int | None = None,
        payer: Payer | Mapping[str, str] | None = None,
        pay_id: str | None = None,
        scene: str | None = None,
        metadata: Mapping[str, str] | None = None,
        idempotency_key: str | None = None,
    ) -> Group:
        """Creates 1-50 payments in one call: `batch` (each its own payment) or `combined` (one provider order).

        In a batch a member the provider refused has `error` instead of `payment`; the others stand,
        and the same call again with the same `idempotency_key` creates only the missing ones. A
        combined group's `action` is what the buyer is shown to pay every member at once.
        """
        return await self._send(
            _base.create_group_call(
                mode=mode,
                members=members,
                method=method,
                notify_url=notify_url,
                return_url=return_url,
                expires_in=expires_in,
                payer=payer,
                pay_id=pay_id,
                scene=scene,
                metadata=metadata,
                idempotency_key=idempotency_key,
            )
        )

    async def get_group(self, group_no: str) -> Group:
        """The group, its status derived from its members, and every member payment as it is now."""
        return await self._send(_base.get_group_call(group_no))

    async def list_groups(self, *, limit: int | None = None, cursor: str | None = None) -> GroupList:
        """One page of groups (without their members), newest first."""
        return await self._send(_base.list_groups_call(limit=limit, cursor=cursor))

    async def iter_groups(self, *, limit: int | None = None) -> AsyncIterator[GroupSummary]:
        """Every group, newest first, fetching pages of `limit` as the loop goes."""
        cursor: str | None = None
        while True:
            page = await self.list_groups(limit=limit, cursor=cursor)
            for group in page.data:
                yield group
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    async def close_group(self, group_no: str) -> Group:
        """Closes the group's unpaid members (ConflictError group_not_closable when none is open)."""
        return await self._send(_base.close_group_call(group_no))

    async def sync_group(self, group_no: str) -> GroupSyncResult:
        """Asks the providers about every member now; their answers are applied asynchronously."""
        return await self._send(_base.sync_group_call(group_no))

    # Accounts (the ledger)

    async def create_account(
        self,
        *,
        currency: str,
        type: AccountType,
        name: str | None = None,
        overdraft_limit: int | None = 0,
        shards: int | None = None,
        idempotency_key: str | None = None,
    ) -> Account:
        """Opens a ledger account, its balances zero (ConflictError ledger_disabled while the company's ledger is off).

        `overdraft_limit` is how far below zero the available balance may go (minor units); 0, the
        API's default, never below zero; None: no limit (which `shards` > 1, a hot account, needs).
        """
        return await self._send(
            _base.create_account_call(
                currency=currency, type=type, name=name, overdraft_limit=overdraft_limit, shards=shards,
                idempotency_key=idempotency_key,
            )
        )  # fmt: skip

    async def get_account(self, account_id: str) -> Account:
        """The account and its balances (its shards added up)."""
        return await self._send(_base.get_account_call(account_id))

    async def list_accounts(self, *, limit: int | None = None, cursor: str | None = None) -> AccountList:
        """One page of accounts, newest first."""
        return await self._send(_base.list_accounts_call(limit=limit, cursor=cursor))

    async def iter_accounts(self, *, limit: int | None = None) -> AsyncIterator[Account]:
        """Every account, fetching pages of `limit` as the loop goes."""
        cursor: str | None = None
        while True:
            page = await self.list_accounts(limit=limit, cursor=cursor)
            for account in page.data:
                yield account
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    async def list_account_flows(self, account_id: str, *, limit: int | None = None, cursor: str | None = None) -> FlowList:
        """One page of the account's flows (its side of each), newest first."""
        return await self._send(_base.list_account_flows_call(account_id, limit=limit, cursor=cursor))

    async def iter_account_flows(self, account_id: str, *, limit: int | None = None) -> AsyncIterator[Flow]:
        """Every flow of the account, newest first, fetching pages as the loop goes."""
        cursor: str | None = None
        while True:
            page = await self.list_account_flows(account_id, limit=limit, cursor=cursor)
            for flow in page.data:
                yield flow
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    async def get_account_balance(self, account_id: str, *, at: datetime | str | None = None) -> AccountBalance:
        """The posted balance now, or as it was at `at` (a timezone-aware datetime or ISO 8601 text)."""
        return await self._send(_base.get_account_balance_call(account_id, at))

    # Notifications and reports

    async def list_notifications(self, pay_no: str) -> list[Notification]:
        """The payment's notifications to its notifyUrl with every delivery attempt, oldest first."""
        return await self._send(_base.list_notifications_call(pay_no))

    async def resend_notification(self, pay_no: str) -> Notification:
        """Sends a new notification of the payment as it is now (409 no_notify_url without a notifyUrl)."""
        return await self._send(_base.resend_notification_call(pay_no))

    async def get_reconciliation(
        self, day: str, *, pay_id: str | None = None, company_id: str | None = None
    ) -> ReconciliationList:
        """The day's statement reconciliation reports (day: yyyy-mm-dd)."""
        return await self._send(_base.get_reconciliation_call(day, pay_id, company_id))

    async def get_daily_report(
        self,
        *,
        from_: date | str,
        to: date | str,
        group_by: ReportGroupBy | None = None,
        company_id: str | None = None,
    ) -> DailyReport:
        """Figures per China day (UTC+8; from_ to to included, at most 31 days) and channel (the default),
        method, payId or currency: created, succeeded, closed, failed, refunded, success rate, average
        ticket, time to pay and callback latency."""
        return await self._send(_base.get_daily_report_call(from_, to, group_by, company_id))

    async def get_openapi(self) -> dict[str, Any]:
        """The API's OpenAPI 3.1 document, as the server serves it."""
        return await self._send(_base.get_openapi_call())

    # Combined calls

    async def wait_for(
        self,
        pay_no: str,
        statuses: Iterable[str] = FINAL_PAYMENT_STATUSES,
        *,
        max_wait: float = 60.0,
        min_delay: float = 1.0,
        max_delay: float = 10.0,
    ) -> Payment:
        """Polls the payment until its status is one of `statuses` and returns it.

        Raises WaiterTimeoutError after `max_wait` seconds, and WaiterFailureError when the payment
        reaches a status it never leaves (CLOSED, FAILED, REFUNDED) that is not wanted; both carry the
        payment last seen in `.last`.
        """
        wanted = _base.statuses_set(statuses)
        schedule = WaitSchedule(max_wait, min_delay, max_delay, self._clock)
        return await self._follow(await self.get_payment(pay_no), wanted, schedule)

    async def create_and_wait(
        self,
        *,
        statuses: Iterable[str] = FINAL_PAYMENT_STATUSES,
        max_wait: float = 60.0,
        min_delay: float = 1.0,
        max_delay: float = 10.0,
        **create: Unpack[CreatePaymentParams],
    ) -> Payment:
        """create_payment(**create), then wait_for the payment (see there)."""
        wanted = _base.statuses_set(statuses)
        schedule = WaitSchedule(max_wait, min_delay, max_delay, self._clock)
        return await self._follow(await self.create_payment(**create), wanted, schedule)

    async def _follow(self, payment: Payment, wanted: frozenset[str], schedule: WaitSchedule) -> Payment:
        while not _base.payment_reached(payment, wanted):
            delay = schedule.next_delay()
            if delay is None:
                raise schedule.timeout(f"Payment {payment.pay_no} did not reach {'/'.join(sorted(wanted))}", payment)
            await self._sleep(delay)
            payment = await self.get_payment(payment.pay_no)
        return payment

    async def refund_and_wait(
        self,
        pay_no: str,
        *,
        amount: int,
        reason: str | None = None,
        idempotency_key: str | None = None,
        max_wait: float = 60.0,
        min_delay: float = 1.0,
        max_delay: float = 10.0,
    ) -> Refund:
        """Refunds and waits until the refund is SUCCEEDED or FAILED, and returns it.

        A PENDING refund (the provider did not answer) is sent again with the same Idempotency-Key,
        which resumes it; a PROCESSING one is polled. Raises WaiterTimeoutError after `max_wait`.
        """
        schedule = WaitSchedule(max_wait, min_delay, max_delay, self._clock)
        # The key is fixed here, so that resuming a PENDING refund sends the same request.
        key = idempotency_key or _base.new_idempotency_key()
        call = _base.create_refund_call(pay_no, amount=amount, reason=reason, idempotency_key=key)
        refund = await self._send(call)
        while refund.status not in FINAL_REFUND_STATUSES:
            delay = schedule.next_delay()
            if delay is None:
                raise schedule.timeout(f"Refund {refund.refund_no} did not finish", refund)
            await self._sleep(delay)
            if refund.status == "PENDING":
                refund = await self._send(call)
            else:
                refund = _base.find_refund(await self.list_refunds(pay_no), refund.refund_no)
        return refund
