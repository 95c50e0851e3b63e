"""Clients over httpx.MockTransport with a fake clock, so retry and wait timings are exact and instant."""

from __future__ import annotations

import json
from typing import Any, Callable

import httpx
import pytest

from payee import AsyncPayee, Payee

BASE_URL = "http://payee.test/live"
API_KEY = "pk_test"


class FakeClock:
    """time.monotonic and sleep: sleeping moves the clock and is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


class Server:
    """Answers requests from a script; keeps every request it saw."""

    def __init__(self, handler: Callable[[httpx.Request], httpx.Response]) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)

    def bodies(self) -> list[Any]:
        return [json.loads(r.content) if r.content else None for r in self.requests]


def scripted(*responses: httpx.Response | Exception) -> Callable[[httpx.Request], httpx.Response]:
    """A handler giving `responses` in order (an exception is raised, as a failed connection)."""
    queue = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handler


def error(status: int, type: str, code: str, message: str = "refused", headers: dict[str, str] | None = None, **extra: str) -> httpx.Response:
    body = {"error": {"type": type, "code": code, "message": message, "requestId": "req-1", **extra}}
    return httpx.Response(status, json=body, headers=headers)


def payment(pay_no: str = "P01", status: str = "PENDING", **fields: Any) -> dict[str, Any]:
    return {
        "payNo": pay_no,
        "status": status,
        "method": "alipay.qr",
        "channel": "alipay",
        "payId": "cfg_1",
        "outTradeNo": "A1001",
        "subject": "T-shirt",
        "amount": 1999,
        "orderAmount": 1999,
        "currency": "CNY",
        "refundableAmount": 0,
        "expiresAt": "2026-11-24T00:30:00.000Z",
        "createdAt": "2026-11-24T00:00:00.000Z",
        "updatedAt": "2026-11-24T00:00:00.000Z",
        **fields,
    }


def refund(refund_no: str = "R01", status: str = "SUCCEEDED") -> dict[str, Any]:
    return {
        "refundNo": refund_no,
        "payNo": "P01",
        "status": status,
        "amount": 500,
        "currency": "CNY",
        "createdAt": "2026-11-24T01:00:00.000Z",
        "updatedAt": "2026-11-24T01:00:00.000Z",
    }


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_client(clock: FakeClock) -> Callable[..., tuple[Payee, Server]]:
    def make(handler: Callable[[httpx.Request], httpx.Response], **options: Any) -> tuple[Payee, Server]:
        server = Server(handler)
        client = Payee(API_KEY, base_url=BASE_URL, transport=httpx.MockTransport(server), sleep=clock.sleep, clock=clock, **options)
        return client, server

    return make


@pytest.fixture
def make_async_client(clock: FakeClock) -> Callable[..., tuple[AsyncPayee, Server]]:
    def make(handler: Callable[[httpx.Request], httpx.Response], **options: Any) -> tuple[AsyncPayee, Server]:
        server = Server(handler)
        client = AsyncPayee(
            API_KEY, base_url=BASE_URL, transport=httpx.MockTransport(server), sleep=clock.async_sleep, clock=clock, **options
        )
        return client, server

    return make
