"""Retries: what is retried, how long between attempts, and one Idempotency-Key for all of a call's attempts."""

from __future__ import annotations

import email.utils
import time

import httpx
import pytest

from conftest import error, payment, scripted
from payee import (
    APIConnectionError,
    APIError,
    AuthenticationError,
    ConflictError,
    IdempotencyError,
    InvalidRequestError,
    NotFoundError,
    RateLimitError,
    ServiceUnavailableError,
)

CREATE = dict(method="alipay.qr", out_trade_no="A1001", subject="T-shirt", amount=1999, currency="CNY")


def unavailable() -> httpx.Response:
    return error(503, "unavailable", "service_unavailable", headers={"Retry-After": "2"})


def test_a_retried_create_sends_one_idempotency_key_on_every_attempt(make_client, clock):
    client, server = make_client(
        scripted(httpx.ConnectError("refused"), error(500, "internal", "internal_error"), httpx.Response(201, json=payment()))
    )
    assert client.create_payment(**CREATE).pay_no == "P01"
    keys = [r.headers["Idempotency-Key"] for r in server.requests]
    assert len(keys) == 3 and len(set(keys)) == 1
    assert len(clock.sleeps) == 2


def test_each_call_gets_its_own_key_and_a_callers_key_wins(make_client):
    client, server = make_client(lambda request: httpx.Response(201, json=payment()))
    client.create_payment(**CREATE)
    client.create_payment(**CREATE)
    client.create_payment(**CREATE, idempotency_key="order-A1001")
    keys = [r.headers["Idempotency-Key"] for r in server.requests]
    assert keys[0] != keys[1]
    assert keys[2] == "order-A1001"


def test_a_get_carries_no_idempotency_key(make_client):
    client, server = make_client(lambda request: httpx.Response(200, json=payment()))
    client.get_payment("P01")
    assert "Idempotency-Key" not in server.requests[0].headers


def test_backoff_doubles_from_half_a_second_to_five_with_jitter(make_client, clock):
    client, server = make_client(lambda request: error(500, "internal", "internal_error"), max_retries=6)
    with pytest.raises(APIError):
        client.get_payment("P01")
    assert len(server.requests) == 7
    for retry, slept in enumerate(clock.sleeps):
        ceiling = min(0.5 * 2**retry, 5.0)
        assert ceiling / 2 <= slept <= ceiling


def test_retry_after_in_seconds_is_honoured(make_client, clock):
    client, server = make_client(scripted(unavailable(), httpx.Response(200, json=payment())))
    client.get_payment("P01")
    assert clock.sleeps == [2.0]


def test_retry_after_as_an_http_date_is_honoured(make_client, clock):
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    client, server = make_client(scripted(httpx.Response(429, json={"message": "Too Many Requests"}, headers={"Retry-After": later}), httpx.Response(200, json=payment())))
    client.get_payment("P01")
    assert 28 <= clock.sleeps[0] <= 30


def test_a_retry_after_beyond_a_minute_is_raised_not_waited(make_client, clock):
    client, server = make_client(scripted(httpx.Response(429, json={"message": "Limit Exceeded"}, headers={"Retry-After": "3600"})))
    with pytest.raises(RateLimitError) as raised:
        client.get_payment("P01")
    assert raised.value.headers["retry-after"] == "3600"
    assert clock.sleeps == []


def test_429_is_retried_then_raised_when_retries_run_out(make_client, clock):
    client, server = make_client(lambda request: httpx.Response(429, json={"message": "Too Many Requests"}))
    with pytest.raises(RateLimitError) as raised:
        client.list_payments()
    assert raised.value.http_status == 429 and raised.value.message == "Too Many Requests"
    assert len(server.requests) == 3


def test_idempotency_key_in_use_is_retried_with_the_same_key(make_client):
    client, server = make_client(
        scripted(error(409, "idempotency", "idempotency_key_in_use"), httpx.Response(201, json=payment()))
    )
    client.create_payment(**CREATE)
    assert len(server.requests) == 2
    assert server.requests[0].headers["Idempotency-Key"] == server.requests[1].headers["Idempotency-Key"]


@pytest.mark.parametrize(
    ("answer", "raised"),
    [
        (error(400, "invalid_request", "parameter_invalid", param="amount"), InvalidRequestError),
        (httpx.Response(403, json={"message": "Forbidden"}), AuthenticationError),
        (error(404, "not_found", "resource_missing"), NotFoundError),
        (error(409, "conflict", "duplicate_out_trade_no", payNo="P00"), ConflictError),
        (error(422, "idempotency", "idempotency_key_reused"), IdempotencyError),
    ],
)
def test_other_4xx_are_never_retried(make_client, clock, answer, raised):
    client, server = make_client(scripted(answer))
    with pytest.raises(raised):
        client.create_payment(**CREATE)
    assert len(server.requests) == 1 and clock.sleeps == []


def test_connection_errors_are_retried_then_raised_with_their_cause(make_client, clock):
    client, server = make_client(lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused")))
    with pytest.raises(APIConnectionError) as raised:
        client.get_payment("P01")
    assert isinstance(raised.value.__cause__, httpx.ConnectError)
    assert raised.value.http_status is None
    assert len(server.requests) == 3 and len(clock.sleeps) == 2


def test_a_timeout_is_a_connection_error(make_client):
    client, server = make_client(lambda request: (_ for _ in ()).throw(httpx.ReadTimeout("slow")), max_retries=0)
    with pytest.raises(APIConnectionError):
        client.get_payment("P01")


def test_a_dead_keep_alive_connection_is_retried_once_even_with_retries_off(make_client, clock):
    client, server = make_client(
        scripted(httpx.RemoteProtocolError("Server disconnected"), httpx.Response(200, json=payment())), max_retries=0
    )
    assert client.get_payment("P01").pay_no == "P01"
    assert clock.sleeps == [0.0]


def test_with_retries_off_a_refused_connection_is_raised_at_once(make_client):
    client, server = make_client(scripted(httpx.ConnectError("refused")), max_retries=0)
    with pytest.raises(APIConnectionError):
        client.get_payment("P01")
    assert len(server.requests) == 1


def test_with_options_changes_retries_for_some_calls(make_client):
    client, server = make_client(lambda request: unavailable())
    with pytest.raises(ServiceUnavailableError):
        client.with_options(max_retries=0).get_payment("P01")
    assert len(server.requests) == 1
    with pytest.raises(ServiceUnavailableError):
        client.get_payment("P01")
    assert len(server.requests) == 4


@pytest.mark.anyio
async def test_the_async_client_retries_alike(make_async_client, clock):
    client, server = make_async_client(
        scripted(httpx.ConnectError("refused"), unavailable(), httpx.Response(201, json=payment()))
    )
    assert (await client.create_payment(**CREATE)).status == "PENDING"
    assert len({r.headers["Idempotency-Key"] for r in server.requests}) == 1
    assert 0.25 <= clock.sleeps[0] <= 0.5 and clock.sleeps[1] == 2.0


@pytest.mark.anyio
async def test_the_async_client_raises_what_it_cannot_retry(make_async_client):
    client, server = make_async_client(lambda request: error(409, "conflict", "duplicate_out_trade_no", payNo="P00"))
    with pytest.raises(ConflictError) as raised:
        await client.create_payment(**CREATE)
    assert raised.value.pay_no == "P00" and len(server.requests) == 1
