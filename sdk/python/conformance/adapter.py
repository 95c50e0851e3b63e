"""The Python SDK's conformance adapter (sdk/conformance/): reads one JSON request per line on stdin,
makes the SDK call it names, and writes the result or the SDK's error as one JSON line on stdout.
Only the SDK's public API is used. Two call styles: "sync" (Payee, the default) and "async" (AsyncPayee),
chosen per request by `variant`. The driver sends one request at a time.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import traceback
from typing import Any, Awaitable, Callable
from urllib.parse import quote

import httpx
import payee
from payee import AsyncPayee, Payee, to_json

Args = dict[str, Any]

sync_clients: dict[str, Payee] = {}
async_clients: dict[str, AsyncPayee] = {}
# What each client was configured with: the benchmark's raw GETs use the same URL and key.
settings: dict[str, Args] = {}


def configure(args: Args) -> None:
    name = args.get("client", "default")
    options: dict[str, Any] = {"api_key": args["apiKey"], "base_url": args["baseUrl"]}
    if args.get("maxRetries") is not None:
        options["max_retries"] = args["maxRetries"]
    if args.get("timeoutMs") is not None:
        options["timeout"] = args["timeoutMs"] / 1000
    sync_clients[name] = Payee(**options)
    async_clients[name] = AsyncPayee(**options)
    settings[name] = options


def snake(params: Args | None) -> Args:
    """The driver's camelCase parameters as the SDK's keyword arguments."""
    return {"".join(f"_{c.lower()}" if c.isupper() else c for c in key): value for key, value in (params or {}).items()}


def waits(args: Args) -> Args:
    out = {name: args[key] / 1000 for key, name in (("maxWaitMs", "max_wait"), ("minDelayMs", "min_delay"), ("maxDelayMs", "max_delay")) if key in args}
    if args.get("statuses"):
        out["statuses"] = args["statuses"]
    return out


def key(args: Args) -> Args:
    return {"idempotency_key": args["idempotencyKey"]} if args.get("idempotencyKey") else {}


def listed(items: list[Any]) -> Args:
    return {"data": items}


# Each op as (call on a client, how to give its result back). The same call serves Payee and
# AsyncPayee: the async one's coroutine is run on the adapter's loop.
CALLS: dict[str, tuple[Callable[[Any, Args], Any], Callable[[Any], Any]]] = {
    "createPayment": (lambda c, a: c.create_payment(**snake(a["params"]), **key(a)), to_json),
    "getPayment": (lambda c, a: c.get_payment(a["payNo"]), to_json),
    "getPaymentByOutTradeNo": (lambda c, a: c.find_payment(a["outTradeNo"]), to_json),
    "listPayments": (lambda c, a: c.list_payments(**snake(a.get("params"))), to_json),
    "listPaymentEvents": (lambda c, a: c.list_payment_events(a["payNo"]), lambda r: listed(to_json(r))),
    "closePayment": (lambda c, a: c.close_payment(a["payNo"]), to_json),
    "syncPayment": (lambda c, a: c.sync_payment(a["payNo"]), to_json),
    "createRefund": (lambda c, a: c.create_refund(a["payNo"], **snake(a["params"]), **key(a)), to_json),
    "listRefunds": (lambda c, a: c.list_refunds(a["payNo"]), lambda r: listed(to_json(r))),
    "listNotifications": (lambda c, a: c.list_notifications(a["payNo"]), lambda r: listed(to_json(r))),
    "resendNotification": (lambda c, a: c.resend_notification(a["payNo"]), to_json),
    "getReconciliation": (lambda c, a: c.get_reconciliation(**snake(a["params"])), to_json),
    "getOpenApi": (lambda c, a: c.get_openapi(), lambda r: r),
    # `from` is a Python keyword: the SDK's argument is from_.
    "getDailyReport": (lambda c, a: c.get_daily_report(**{"from_" if k == "from" else k: v for k, v in snake(a["params"]).items()}), to_json),
    "createGroup": (lambda c, a: c.create_group(**snake(a["params"]), **key(a)), to_json),
    "getGroup": (lambda c, a: c.get_group(a["groupNo"]), to_json),
    "listGroups": (lambda c, a: c.list_groups(**snake(a.get("params"))), to_json),
    "closeGroup": (lambda c, a: c.close_group(a["groupNo"]), to_json),
    "syncGroup": (lambda c, a: c.sync_group(a["groupNo"]), to_json),
    "createAccount": (lambda c, a: c.create_account(**snake(a["params"]), **key(a)), to_json),
    "getAccount": (lambda c, a: c.get_account(a["accountId"]), to_json),
    "listAccounts": (lambda c, a: c.list_accounts(**snake(a.get("params"))), to_json),
    "listAccountFlows": (lambda c, a: c.list_account_flows(a["accountId"], **snake(a.get("params"))), to_json),
    "getAccountBalance": (lambda c, a: c.get_account_balance(a["accountId"], at=a.get("at")), to_json),
    "createAndWait": (lambda c, a: c.create_and_wait(**snake(a["params"]), **key(a), **waits(a)), to_json),
    "waitFor": (lambda c, a: c.wait_for(a["payNo"], **waits(a)), to_json),
    "refundAndWait": (lambda c, a: c.refund_and_wait(a["payNo"], **snake(a["params"]), **key(a), **waits(a)), to_json),
}


async def timed(calls: int, concurrency: int, task: Callable[[], Awaitable[Any]]) -> float:
    """`calls` runs of `task`, `concurrency` in flight (asyncio.gather under a semaphore); milliseconds."""
    gate = asyncio.Semaphore(concurrency)

    async def one() -> None:
        async with gate:
            await task()

    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(calls)))
    return (time.perf_counter() - started) * 1000


async def bench(args: Args) -> Args:
    """AsyncPayee.get_payment against the same GET through an httpx.AsyncClient (the SDK's own client),
    its body parsed as plain JSON: after an untimed warm-up of each, rounds alternating which goes first."""
    name = args.get("client", "default")
    options = settings[name]
    url = f"{options['base_url'].rstrip('/')}/v1/payments/{quote(args['payNo'], safe='')}"
    calls, concurrency, rounds = args["calls"], args["concurrency"], args["rounds"]
    client = async_clients[name]
    async with httpx.AsyncClient() as http:

        async def raw() -> None:
            response = await http.get(url, headers={"x-api-key": options["api_key"]})
            if response.status_code != 200:
                raise RuntimeError(f"raw GET answered {response.status_code}")
            response.json()

        def sdk() -> Awaitable[Any]:
            return client.get_payment(args["payNo"])

        await timed(concurrency * 4, concurrency, raw)
        await timed(concurrency * 4, concurrency, sdk)
        raw_ms = sdk_ms = 0.0
        for i in range(rounds):
            share = calls // rounds + (1 if i < calls % rounds else 0)
            if i % 2 == 0:
                raw_ms += await timed(share, concurrency, raw)
            sdk_ms += await timed(share, concurrency, sdk)
            if i % 2 == 1:
                raw_ms += await timed(share, concurrency, raw)
    return {"rawMs": raw_ms, "sdkMs": sdk_ms, "variant": "async (AsyncPayee, gather)"}


def verify(args: Args, typed: bool) -> Any:
    check = payee.verify_notification if typed else payee.verify_signature
    tolerance = args.get("toleranceSeconds", 300)
    return check(args["rawBody"], args["header"], args["secret"], tolerance, now=args.get("now"))


def kind_of(error: payee.PayeeError) -> str:
    if error.type in payee.errors.ERROR_TYPES:
        return error.type
    for cls, kind in (
        (payee.WaiterTimeoutError, "wait_timeout"),
        (payee.WaiterFailureError, "wait_failure"),
        (payee.SignatureVerificationError, "signature"),
        (payee.APIConnectionError, "connection"),
        (payee.RateLimitError, "rate_limit"),
    ):
        if isinstance(error, cls):
            return kind
    # Gateway answers carry no error.type: their class says what they are.
    by_class = {cls: error_type for error_type, cls in payee.errors.ERROR_TYPES.items() if cls is not payee.APIError}
    return by_class.get(type(error), "api")


def error_of(error: BaseException) -> Args:
    if not isinstance(error, payee.PayeeError):
        return {"kind": "adapter", "class": type(error).__name__, "message": "".join(traceback.format_exception(error))}
    out: Args = {
        "kind": kind_of(error),
        "class": type(error).__name__,
        "message": str(error),
        "status": error.http_status,
        "code": error.code,
        "param": error.param,
        "payNo": error.pay_no,
        "requestId": error.request_id,
        "retryAfterMs": None if error.retry_after is None else round(error.retry_after * 1000),
    }
    if isinstance(error, payee.WaiterError):
        out["last"] = to_json(error.last)
    return {k: v for k, v in out.items() if v is not None}


# Auto-paginating ops: the iterator (sync or async alike) whose every item is the answer.
ITERATORS: dict[str, Callable[[Any, Args], Any]] = {
    "listAllPayments": lambda c, a: c.iter_payments(**snake(a.get("params"))),
    "listAllGroups": lambda c, a: c.iter_groups(**snake(a.get("params"))),
    "listAllAccounts": lambda c, a: c.iter_accounts(**snake(a.get("params"))),
    "listAllAccountFlows": lambda c, a: c.iter_account_flows(a["accountId"], **snake(a.get("params"))),
}


def run(op: str, args: Args, loop: asyncio.AbstractEventLoop) -> Any:
    if op == "configure":
        configure(args)
        return None
    if op == "bench":
        return loop.run_until_complete(bench(args))
    if op in ("verifyNotification", "verifySignature"):
        return to_json(verify(args, typed=op == "verifyNotification"))
    name = args.get("client", "default")
    is_async = args.get("variant") == "async"
    if op in ITERATORS:
        if is_async:

            async def collect() -> list[Any]:
                return [item async for item in ITERATORS[op](async_clients[name], args)]

            return to_json(loop.run_until_complete(collect()))
        return to_json(list(ITERATORS[op](sync_clients[name], args)))
    if op not in CALLS:
        raise ValueError(f"unknown op {op}")
    call, give_back = CALLS[op]
    if is_async:
        return give_back(loop.run_until_complete(call(async_clients[name], args)))
    return give_back(call(sync_clients[name], args))


def write(line: Args) -> None:
    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main() -> None:
    # One loop for the whole session, so that the async clients' connections outlive a request.
    loop = asyncio.new_event_loop()
    write({"ready": {"sdk": "python", "version": payee.VERSION, "variants": ["sync", "async"]}})
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            result = run(request["op"], request.get("args") or {}, loop)
            write({"id": request["id"], "ok": True, "result": result})
        except Exception as error:  # noqa: BLE001 (every failure is the answer to this request)
            write({"id": request["id"], "ok": False, "error": error_of(error)})


if __name__ == "__main__":
    main()
