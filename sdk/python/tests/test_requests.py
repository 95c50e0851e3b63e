"""What goes on the wire (headers, paths, bodies, queries) and how answers become models."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import httpx
import pytest

from conftest import API_KEY, BASE_URL, payment, refund
from payee import API_VERSION, VERSION, Payee, Payer, Payment, PaymentAction, to_json


def test_every_request_names_the_sdk_its_version_and_the_api_version(make_client):
    client, server = make_client(lambda request: httpx.Response(200, json=payment()))
    client.get_payment("P01")
    headers = server.requests[0].headers
    assert headers["x-api-key"] == API_KEY
    assert headers["Payee-Version"] == API_VERSION == "2026-11-24"
    assert headers["Payee-Client"] == f"python/{VERSION}"
    assert headers["User-Agent"].startswith(f"payee-python/{VERSION} httpx/")


def test_create_sends_camel_case_json_without_unset_fields(make_client):
    client, server = make_client(lambda request: httpx.Response(201, json=payment()))
    client.create_payment(
        method="wechat.h5",
        out_trade_no="A1001",
        subject="T恤",
        amount=1999,
        currency="CNY",
        order_amount=2199,
        payer=Payer(client_ip="203.0.113.9"),
        metadata={"order_id": "42"},
    )
    request = server.requests[0]
    assert (request.method, request.url) == ("POST", f"{BASE_URL}/v1/payments")
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {
        "method": "wechat.h5",
        "outTradeNo": "A1001",
        "subject": "T恤",
        "amount": 1999,
        "orderAmount": 2199,
        "currency": "CNY",
        "payer": {"clientIp": "203.0.113.9"},
        "metadata": {"order_id": "42"},
    }


def test_each_endpoint_has_its_method_and_path(make_client):
    answers = {
        ("GET", "/live/v1/payments/P%2F1"): payment(),
        ("GET", "/live/v1/payments/P01/events"): {"data": []},
        ("POST", "/live/v1/payments/P01/close"): payment(status="CLOSED"),
        ("POST", "/live/v1/payments/P01/sync"): {"payment": payment(), "provider": {"status": "PENDING"}},
        ("POST", "/live/v1/payments/P01/refunds"): refund(),
        ("GET", "/live/v1/payments/P01/refunds"): {"data": [refund()]},
        ("GET", "/live/v1/payments/P01/notifications"): {"data": []},
        ("POST", "/live/v1/payments/P01/notifications/resend"): {
            "notificationId": "N01", "payNo": "P01", "type": "payment.succeeded", "url": "https://m.example/n",
            "status": "PENDING", "attempts": [], "createdAt": "2026-11-24T00:00:00Z", "updatedAt": "2026-11-24T00:00:00Z",
        },
        ("GET", "/live/v1/reports/reconciliation"): {"day": "2026-11-23", "data": []},
        ("GET", "/live/v1/openapi.json"): {"openapi": "3.1.0"},
    }  # fmt: skip
    client, server = make_client(lambda request: httpx.Response(200, json=answers[(request.method, request.url.raw_path.decode().split("?")[0])]))
    client.get_payment("P/1")  # quoted: a payNo cannot reach another route
    assert client.list_payment_events("P01") == []
    assert client.close_payment("P01").status == "CLOSED"
    assert client.sync_payment("P01").provider.status == "PENDING"
    assert client.create_refund("P01", amount=500).refund_no == "R01"
    assert client.list_refunds("P01")[0].amount == 500
    assert client.list_notifications("P01") == []
    assert client.resend_notification("P01").notification_id == "N01"
    assert client.get_reconciliation("2026-11-23", pay_id="cfg_1").day == "2026-11-23"
    assert client.get_openapi() == {"openapi": "3.1.0"}
    assert json.loads(server.requests[4].content) == {"amount": 500}
    assert dict(server.requests[8].url.params) == {"day": "2026-11-23", "payId": "cfg_1"}


def test_list_and_find_send_their_query(make_client):
    client, server = make_client(lambda request: httpx.Response(200, json={"data": []}))
    since = datetime(2026, 11, 1, tzinfo=timezone.utc)
    client.list_payments(limit=50, created_from=since, company_id="C02")
    assert client.find_payment("A1001") is None
    assert dict(server.requests[0].url.params) == {"limit": "50", "createdFrom": "2026-11-01T00:00:00+00:00", "companyId": "C02"}
    assert dict(server.requests[1].url.params) == {"outTradeNo": "A1001"}
    with pytest.raises(ValueError):
        client.list_payments(created_to=datetime(2026, 11, 1))


def test_find_returns_the_payment(make_client):
    client, server = make_client(lambda request: httpx.Response(200, json={"data": [payment()]}))
    assert client.find_payment("A1001").pay_no == "P01"


def test_answers_become_typed_models(make_client):
    data = payment(
        status="SUCCEEDED",
        action={"type": "jsapi_params", "value": {"appId": "wx1", "paySign": "s"}},
        paidAt="2026-11-24T00:01:00.000Z",
        metadata={"k": "v"},
        someFieldOfANewerApi=1,
    )
    client, server = make_client(lambda request: httpx.Response(200, json=data))
    got = client.get_payment("P01")
    assert isinstance(got, Payment)
    assert got.action == PaymentAction(type="jsapi_params", value={"appId": "wx1", "paySign": "s"})
    assert got.paid_at == datetime(2026, 11, 24, 0, 1, tzinfo=timezone.utc)
    assert got.metadata == {"k": "v"} and got.failure is None and got.refundable_amount == 0


def test_with_options_overrides_the_key_and_timeout_and_keeps_the_connection(make_client):
    client, server = make_client(lambda request: httpx.Response(200, json=payment()))
    other = client.with_options(api_key="pk_other", timeout=5)
    other.get_payment("P01")
    client.get_payment("P01")
    assert [r.headers["x-api-key"] for r in server.requests] == ["pk_other", API_KEY]
    assert server.requests[0].extensions["timeout"]["read"] == 5
    assert server.requests[1].extensions["timeout"]["read"] == 80
    assert other._http is client._http


def test_a_custom_http_client_is_used_and_not_closed(clock):
    seen = []
    http = httpx.Client(transport=httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200, json=payment())), headers={"X-Trace": "1"})
    with Payee(API_KEY, base_url=BASE_URL + "/", http_client=http) as client:
        client.get_payment("P01")
    assert seen[0].url == f"{BASE_URL}/v1/payments/P01" and seen[0].headers["X-Trace"] == "1"
    assert not http.is_closed


def test_the_environment_gives_key_and_url(monkeypatch):
    monkeypatch.setenv("PAYEE_KEY", "pk_env")
    monkeypatch.setenv("PAYEE_URL", "http://env.test/live")
    seen = []
    client = Payee(transport=httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200, json=payment())))
    client.get_payment("P01")
    assert seen[0].headers["x-api-key"] == "pk_env" and str(seen[0].url).startswith("http://env.test/live/v1/")


def test_missing_configuration_is_refused(monkeypatch):
    monkeypatch.delenv("PAYEE_KEY", raising=False)
    monkeypatch.delenv("PAYEE_URL", raising=False)
    with pytest.raises(ValueError, match="API key"):
        Payee(base_url=BASE_URL)
    with pytest.raises(ValueError, match="base URL"):
        Payee(API_KEY)


def test_to_json_gives_back_the_api_json(make_client):
    data = payment(status="SUCCEEDED", action={"type": "qr_code", "value": "https://qr"}, paidAt="2026-11-24T00:01:00.000Z")
    client, server = make_client(lambda request: httpx.Response(200, json=data))
    assert to_json(client.get_payment("P01")) == data


def test_a_field_missing_from_an_answer_reads_as_none(make_client):
    data = payment()
    del data["payId"]
    client, server = make_client(lambda request: httpx.Response(200, json=data))
    assert client.get_payment("P01").pay_id is None
