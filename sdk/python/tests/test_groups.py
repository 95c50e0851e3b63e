"""Groups (create, get, list and iterate, close, sync) and payment detail lines: the wire and the models."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from conftest import BASE_URL, error, payment, scripted
from payee import ConflictError, DetailLine, Group, GroupMemberRequest, GroupSummary, NotFoundError, to_json


def group(group_no: str = "G01", status: str = "open", **fields: Any) -> dict[str, Any]:
    return {
        "groupNo": group_no,
        "mode": "batch",
        "status": status,
        "memberCount": 2,
        "createdAt": "2026-12-03T00:00:00.000Z",
        "updatedAt": "2026-12-03T00:00:00.000Z",
        "members": [
            {"outTradeNo": "A1", "payNo": "P01", "payment": payment("P01", outTradeNo="A1")},
            {"outTradeNo": "A2", "payNo": "P02", "error": {"code": "provider_unavailable", "message": "retry"}},
        ],
        **fields,
    }


TEA = GroupMemberRequest(
    out_trade_no="A1",
    subject="Tea",
    amount=1000,
    currency="CNY",
    details=[DetailLine(account_out="buyer", account_rec="shop-7", amount=950), DetailLine("buyer", "fees", 50, memo="fee")],
)


def test_create_group_sends_members_and_their_detail_lines_as_camel_case_json(make_client):
    client, server = make_client(lambda request: httpx.Response(201, json=group()))
    created = client.create_group(
        mode="batch",
        method="alipay.qr",
        members=[TEA, {"outTradeNo": "A2", "subject": "Cup", "amount": 500, "currency": "CNY", "method": "wechat.native"}],
        metadata={"cart": "42"},
    )
    request = server.requests[0]
    assert (request.method, str(request.url)) == ("POST", f"{BASE_URL}/v1/groups")
    assert json.loads(request.content) == {
        "mode": "batch",
        "method": "alipay.qr",
        "metadata": {"cart": "42"},
        "members": [
            {
                "outTradeNo": "A1", "subject": "Tea", "amount": 1000, "currency": "CNY",
                "details": [
                    {"accountOut": "buyer", "accountRec": "shop-7", "amount": 950},
                    {"accountOut": "buyer", "accountRec": "fees", "amount": 50, "memo": "fee"},
                ],
            },
            {"outTradeNo": "A2", "subject": "Cup", "amount": 500, "currency": "CNY", "method": "wechat.native"},
        ],
    }  # fmt: skip
    assert isinstance(created, Group)
    first, second = created.members
    assert first.payment is not None and first.payment.pay_no == "P01" and first.error is None
    assert second.payment is None and second.error is not None and second.error.code == "provider_unavailable"


def test_a_retried_group_create_sends_the_same_key_and_body(make_client, clock):
    client, server = make_client(
        scripted(error(503, "provider", "provider_unavailable", headers={"Retry-After": "1"}), httpx.Response(201, json=group()))
    )
    client.create_group(mode="batch", method="alipay.qr", members=[TEA])
    assert clock.sleeps == [1.0]
    first, second = server.requests
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert first.content == second.content


def test_a_callers_key_is_sent_on_every_attempt(make_client):
    client, server = make_client(scripted(error(500, "internal", "internal_error"), httpx.Response(201, json=group())))
    client.create_group(mode="batch", method="alipay.qr", members=[TEA], idempotency_key="cart-42")
    assert [r.headers["Idempotency-Key"] for r in server.requests] == ["cart-42", "cart-42"]


def test_each_group_endpoint_has_its_method_and_path(make_client):
    answers = {
        ("GET", "/live/v1/groups/G%2F1"): group(),
        ("POST", "/live/v1/groups/G01/close"): group(status="closed"),
        ("POST", "/live/v1/groups/G01/sync"): {"group": group(), "members": [{"payNo": "P01", "provider": "PENDING", "eventId": "E1"}]},
    }
    client, server = make_client(lambda request: httpx.Response(200, json=answers[(request.method, request.url.raw_path.decode())]))
    assert client.get_group("G/1").group_no == "G01"  # quoted: a groupNo cannot reach another route
    assert client.close_group("G01").status == "closed"
    synced = client.sync_group("G01")
    assert synced.group.members[0].payment.out_trade_no == "A1"
    assert (synced.members[0].provider, synced.members[0].event_id) == ("PENDING", "E1")
    assert "Idempotency-Key" not in server.requests[0].headers
    assert server.requests[1].headers["Idempotency-Key"] != server.requests[2].headers["Idempotency-Key"]


def summary(group_no: str) -> dict[str, Any]:
    return {key: value for key, value in group(group_no).items() if key != "members"}


def paged(request: httpx.Request) -> httpx.Response:
    pages = {None: {"data": [summary("G3"), summary("G2")], "nextCursor": "c1"}, "c1": {"data": [summary("G1")]}}
    return httpx.Response(200, json=pages[request.url.params.get("cursor")])


def test_iter_groups_follows_the_cursor_keeping_the_page_size(make_client):
    client, server = make_client(paged)
    groups = list(client.iter_groups(limit=2))
    assert [g.group_no for g in groups] == ["G3", "G2", "G1"] and isinstance(groups[0], GroupSummary)
    assert [dict(r.url.params) for r in server.requests] == [{"limit": "2"}, {"limit": "2", "cursor": "c1"}]


@pytest.mark.anyio
async def test_the_async_client_creates_and_iterates_groups(make_async_client):
    client, server = make_async_client(lambda request: paged(request) if request.method == "GET" else httpx.Response(201, json=group()))
    assert (await client.create_group(mode="batch", method="alipay.qr", members=[TEA])).member_count == 2
    assert [g.group_no async for g in client.iter_groups(limit=2)] == ["G3", "G2", "G1"]
    assert len(server.requests) == 3


def test_group_not_closable_is_a_conflict_not_retried_and_an_unknown_group_not_found(make_client, clock):
    client, server = make_client(scripted(error(409, "conflict", "group_not_closable"), error(404, "not_found", "resource_missing")))
    with pytest.raises(ConflictError) as closed:
        client.close_group("G01")
    assert (closed.value.http_status, closed.value.code) == (409, "group_not_closable")
    with pytest.raises(NotFoundError):
        client.get_group("G00")
    assert len(server.requests) == 2 and clock.sleeps == []


def test_a_payment_create_sends_its_detail_lines_and_reads_them_back(make_client):
    lines = [{"accountOut": "buyer", "accountRec": "shop", "amount": 1999, "memo": "order A1"}]
    client, server = make_client(lambda request: httpx.Response(201, json=payment(details=json.loads(request.content)["details"])))
    created = client.create_payment(
        method="alipay.qr", out_trade_no="A1", subject="T-shirt", amount=1999, currency="CNY",
        details=[DetailLine(account_out="buyer", account_rec="shop", amount=1999, memo="order A1")],
    )  # fmt: skip
    assert json.loads(server.requests[0].content)["details"] == lines
    assert created.details == [DetailLine("buyer", "shop", 1999, "order A1")]
    assert to_json(created)["details"] == lines
