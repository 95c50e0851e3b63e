"""Every answer that is not 2xx becomes the typed error of its error.type (or status), with all its fields."""

from __future__ import annotations

import httpx
import pytest

from conftest import error, scripted
from payee import (
    APIError,
    AuthenticationError,
    ConflictError,
    IdempotencyError,
    InvalidRequestError,
    NotFoundError,
    PayeeError,
    ProviderUnavailableError,
    RateLimitError,
    ServiceUnavailableError,
)


@pytest.mark.parametrize(
    ("answer", "cls", "code"),
    [
        (error(400, "invalid_request", "parameter_invalid", param="amount"), InvalidRequestError, "parameter_invalid"),
        (error(403, "authentication", "api_key_expired"), AuthenticationError, "api_key_expired"),
        (httpx.Response(403, json={"message": "Forbidden"}), AuthenticationError, None),
        (error(404, "not_found", "resource_missing"), NotFoundError, "resource_missing"),
        (error(404, "not_found", "route_not_found"), NotFoundError, "route_not_found"),
        (error(409, "conflict", "payment_not_closable"), ConflictError, "payment_not_closable"),
        (error(409, "idempotency", "idempotency_key_in_use"), IdempotencyError, "idempotency_key_in_use"),
        (error(422, "idempotency", "idempotency_key_reused"), IdempotencyError, "idempotency_key_reused"),
        (httpx.Response(429, json={"message": "Too Many Requests"}), RateLimitError, None),
        (error(500, "internal", "internal_error"), APIError, "internal_error"),
        (error(503, "provider", "provider_unavailable"), ProviderUnavailableError, "provider_unavailable"),
        (error(503, "unavailable", "service_unavailable"), ServiceUnavailableError, "service_unavailable"),
        (httpx.Response(502, text="<html>Bad Gateway</html>"), APIError, None),
        (httpx.Response(418, json={"error": {"type": "teapot", "code": "x", "message": "m", "requestId": "r"}}), APIError, "x"),
    ],
)
def test_each_answer_maps_to_its_error_class(make_client, answer, cls, code):
    client, server = make_client(scripted(answer), max_retries=0)
    with pytest.raises(cls) as raised:
        client.get_payment("P01")
    assert type(raised.value) is cls and isinstance(raised.value, PayeeError)
    assert raised.value.http_status == answer.status_code
    assert raised.value.code == code


def test_an_error_carries_type_code_param_pay_no_and_request_id(make_client):
    answer = error(409, "conflict", "duplicate_out_trade_no", message="outTradeNo A1001 exists", param="outTradeNo", payNo="P00")
    client, server = make_client(scripted(answer))
    with pytest.raises(ConflictError) as raised:
        client.create_payment(method="alipay.qr", out_trade_no="A1001", subject="T", amount=1, currency="CNY")
    err = raised.value
    assert (err.type, err.code, err.param, err.pay_no, err.request_id) == ("conflict", "duplicate_out_trade_no", "outTradeNo", "P00", "req-1")
    assert err.message == "outTradeNo A1001 exists"
    assert str(err) == "outTradeNo A1001 exists (status=409, code=duplicate_out_trade_no, param=outTradeNo, payNo=P00, requestId=req-1)"


def test_a_gateway_answer_takes_its_request_id_from_the_header(make_client):
    answer = httpx.Response(403, json={"message": "Forbidden"}, headers={"x-amzn-RequestId": "gw-7"})
    client, server = make_client(scripted(answer))
    with pytest.raises(AuthenticationError) as raised:
        client.list_payments()
    assert raised.value.request_id == "gw-7" and raised.value.message == "Forbidden" and raised.value.type is None


def test_a_success_that_is_not_the_documented_shape_is_an_api_error(make_client):
    client, server = make_client(scripted(httpx.Response(200, json=["P01"])))
    with pytest.raises(APIError) as raised:
        client.get_payment("P01")
    assert raised.value.http_status == 200
