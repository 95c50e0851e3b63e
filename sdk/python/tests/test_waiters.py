"""wait_for, create_and_wait and refund_and_wait: backoff polling until a wanted status, a final one, or max_wait."""

from __future__ import annotations

import json

import httpx
import pytest

from conftest import payment, refund, scripted
from payee import FINAL_PAYMENT_STATUSES, WaiterFailureError, WaiterTimeoutError

CREATE = dict(method="alipay.qr", out_trade_no="A1001", subject="T-shirt", amount=1999, currency="CNY")


def statuses(*names: str):
    return scripted(*(httpx.Response(200, json=payment(status=name)) for name in names))


def test_wait_for_polls_until_a_wanted_status(make_client, clock):
    client, server = make_client(statuses("PENDING", "PENDING", "PENDING", "SUCCEEDED"))
    got = client.wait_for("P01", {"SUCCEEDED"}, max_wait=60, min_delay=1, max_delay=4)
    assert got.status == "SUCCEEDED" and len(server.requests) == 4
    # Each delay lies between min_delay and a ceiling doubling from min_delay up to max_delay.
    for attempt, slept in enumerate(clock.sleeps):
        assert 1 <= slept <= min(4, 2**attempt)


def test_wait_for_gives_up_at_max_wait_with_the_last_payment(make_client, clock):
    client, server = make_client(lambda request: httpx.Response(200, json=payment(status="PENDING")))
    with pytest.raises(WaiterTimeoutError) as raised:
        client.wait_for("P01", max_wait=30, min_delay=2, max_delay=8)
    assert raised.value.last.status == "PENDING"
    assert sum(clock.sleeps) == pytest.approx(30)  # the last wait is cut to the deadline, then one last look
    assert len(server.requests) == len(clock.sleeps) + 1


def test_wait_for_stops_at_a_status_the_payment_never_leaves(make_client, clock):
    client, server = make_client(statuses("PENDING", "CLOSED"))
    with pytest.raises(WaiterFailureError) as raised:
        client.wait_for("P01", ["SUCCEEDED"])
    assert raised.value.last.status == "CLOSED" and len(server.requests) == 2


def test_wait_for_refuses_a_bad_schedule(make_client):
    client, server = make_client(statuses("PENDING"))
    with pytest.raises(ValueError):
        client.wait_for("P01", max_wait=10, min_delay=5, max_delay=1)
    with pytest.raises(ValueError):
        client.wait_for("P01", [])
    assert server.requests == []


def test_create_and_wait_creates_then_follows_the_payment(make_client, clock):
    client, server = make_client(
        scripted(httpx.Response(201, json=payment(status="PENDING")), httpx.Response(200, json=payment(status="SUCCEEDED")))
    )
    got = client.create_and_wait(**CREATE, idempotency_key="order-A1001", max_wait=10)
    assert got.status in FINAL_PAYMENT_STATUSES
    assert [r.method for r in server.requests] == ["POST", "GET"]
    assert server.requests[0].headers["Idempotency-Key"] == "order-A1001"


def test_create_and_wait_returns_a_refused_create_at_once(make_client, clock):
    failed = payment(status="FAILED", failure={"code": "ACQ.TRADE_HAS_CLOSE", "message": "closed"})
    client, server = make_client(scripted(httpx.Response(201, json=failed)))
    got = client.create_and_wait(**CREATE)
    assert got.failure.code == "ACQ.TRADE_HAS_CLOSE" and clock.sleeps == []


def test_refund_and_wait_resumes_a_pending_refund_with_the_same_key_and_polls_a_processing_one(make_client, clock):
    client, server = make_client(
        scripted(
            httpx.Response(201, json=refund(status="PENDING")),
            httpx.Response(201, json=refund(status="PROCESSING")),
            httpx.Response(200, json={"data": [refund("R00"), refund(status="PROCESSING")]}),
            httpx.Response(200, json={"data": [refund("R00"), refund(status="SUCCEEDED")]}),
        )
    )
    got = client.refund_and_wait("P01", amount=500, reason="size")
    assert got.status == "SUCCEEDED" and got.refund_no == "R01"
    posts = [r for r in server.requests if r.method == "POST"]
    assert len(posts) == 2 and posts[0].headers["Idempotency-Key"] == posts[1].headers["Idempotency-Key"]
    assert json.loads(posts[1].content) == {"amount": 500, "reason": "size"}
    assert [r.method for r in server.requests] == ["POST", "POST", "GET", "GET"]


def test_refund_and_wait_times_out_with_the_last_refund(make_client, clock):
    client, server = make_client(
        lambda request: httpx.Response(201 if request.method == "POST" else 200, json=refund(status="PROCESSING") if request.method == "POST" else {"data": [refund(status="PROCESSING")]})
    )
    with pytest.raises(WaiterTimeoutError) as raised:
        client.refund_and_wait("P01", amount=500, max_wait=5, min_delay=1, max_delay=2)
    assert raised.value.last.status == "PROCESSING"
    assert sum(clock.sleeps) == pytest.approx(5)


@pytest.mark.anyio
async def test_the_async_waiters_poll_alike(make_async_client, clock):
    client, server = make_async_client(
        scripted(
            httpx.Response(201, json=payment(status="PENDING")),
            httpx.Response(200, json=payment(status="PENDING")),
            httpx.Response(200, json=payment(status="SUCCEEDED")),
            httpx.Response(201, json=refund(status="PROCESSING")),
            httpx.Response(200, json={"data": [refund(status="FAILED")]}),
        )
    )
    assert (await client.create_and_wait(**CREATE, statuses={"SUCCEEDED"})).status == "SUCCEEDED"
    assert (await client.refund_and_wait("P01", amount=500)).status == "FAILED"
    assert len(clock.sleeps) == 3


@pytest.mark.anyio
async def test_the_async_wait_for_times_out(make_async_client, clock):
    client, server = make_async_client(lambda request: httpx.Response(200, json=payment(status="PENDING")))
    with pytest.raises(WaiterTimeoutError):
        await client.wait_for("P01", max_wait=3)
    assert sum(clock.sleeps) == pytest.approx(3)
