"""Ledger accounts (create, get, list and iterate, flows, balance at a time): the wire and the models."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

from conftest import error, scripted
from payee import Account, AccountBalance, ConflictError, Flow


def account(account_id: str = "A01", **fields: Any) -> dict[str, Any]:
    balance = dict.fromkeys(
        ["posted", "pendingIncoming", "pendingOutgoing", "available", "postedDebits", "postedCredits", "pendingDebits", "pendingCredits"], 0
    )
    return {
        "accountId": account_id, "currency": "CNY", "type": "liability", "overdraftLimit": 0, "shards": 1,
        "balance": {**balance, "pendingIncoming": 1000}, "createdAt": "2026-12-03T00:00:00.000Z", **fields,
    }  # fmt: skip


def flow(flow_id: str) -> dict[str, Any]:
    return {
        "flowId": flow_id, "kind": "pending", "direction": "credit", "amount": 1000, "currency": "CNY",
        "accountOut": "A02", "accountRec": "A01", "payNo": "P01", "line": 0, "at": "2026-12-03T00:00:00.000Z",
    }  # fmt: skip


def test_create_account_sends_its_fields_and_the_default_overdraft_limit(make_client):
    client, server = make_client(lambda request: httpx.Response(201, json=account()))
    created = client.create_account(currency="CNY", type="liability", name="wallet")
    request = server.requests[0]
    assert (request.method, request.url.path) == ("POST", "/live/v1/accounts")
    assert json.loads(request.content) == {"currency": "CNY", "type": "liability", "name": "wallet", "overdraftLimit": 0}
    assert isinstance(created, Account) and created.balance.pending_incoming == 1000 and created.overdraft_limit == 0


def test_no_overdraft_limit_is_sent_as_null_and_read_as_none(make_client):
    client, server = make_client(lambda request: httpx.Response(201, json=account(overdraftLimit=None, shards=8)))
    created = client.create_account(currency="CNY", type="asset", overdraft_limit=None, shards=8)
    assert json.loads(server.requests[0].content) == {"currency": "CNY", "type": "asset", "shards": 8, "overdraftLimit": None}
    assert created.overdraft_limit is None and created.shards == 8


def test_a_retried_create_sends_one_key_and_ledger_disabled_is_a_conflict(make_client, clock):
    client, server = make_client(
        scripted(error(503, "unavailable", "service_unavailable"), httpx.Response(201, json=account()), error(409, "conflict", "ledger_disabled"))
    )
    client.create_account(currency="CNY", type="liability")
    first, second = server.requests
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"] and len(clock.sleeps) == 1
    with pytest.raises(ConflictError) as refused:
        client.create_account(currency="CNY", type="liability")
    assert refused.value.code == "ledger_disabled" and len(server.requests) == 3


def test_get_and_balance_at_a_time(make_client):
    answers = {
        "/live/v1/accounts/A%2F1": account("A/1"),
        "/live/v1/accounts/A01/balance": {"accountId": "A01", "currency": "CNY", "at": "2026-12-01T00:00:00.000Z", "posted": 500},
    }
    client, server = make_client(lambda request: httpx.Response(200, json=answers[request.url.raw_path.decode().split("?")[0]]))
    assert client.get_account("A/1").account_id == "A/1"
    got = client.get_account_balance("A01", at=datetime(2026, 12, 1, tzinfo=timezone.utc))
    assert isinstance(got, AccountBalance) and got.posted == 500
    assert dict(server.requests[1].url.params) == {"at": "2026-12-01T00:00:00+00:00"}
    with pytest.raises(ValueError, match="at must be timezone-aware"):
        client.get_account_balance("A01", at=datetime(2026, 12, 1))


def paged(request: httpx.Request) -> httpx.Response:
    first = request.url.params.get("cursor") is None
    if request.url.path.endswith("/flows"):
        return httpx.Response(200, json={"data": [flow("F2")], "nextCursor": "f1"} if first else {"data": [flow("F1")]})
    return httpx.Response(200, json={"data": [account("A01"), account("A02")], "nextCursor": "c1"} if first else {"data": [account("A03")]})


def test_iter_accounts_and_flows_follow_the_cursor(make_client):
    client, server = make_client(paged)
    assert [a.account_id for a in client.iter_accounts(limit=2)] == ["A01", "A02", "A03"]
    flows = list(client.iter_account_flows("A01", limit=1))
    assert [f.flow_id for f in flows] == ["F2", "F1"] and isinstance(flows[0], Flow) and flows[0].kind == "pending"
    assert [(r.url.path, dict(r.url.params)) for r in server.requests] == [
        ("/live/v1/accounts", {"limit": "2"}),
        ("/live/v1/accounts", {"limit": "2", "cursor": "c1"}),
        ("/live/v1/accounts/A01/flows", {"limit": "1"}),
        ("/live/v1/accounts/A01/flows", {"limit": "1", "cursor": "f1"}),
    ]


@pytest.mark.anyio
async def test_the_async_client_iterates_accounts_and_flows(make_async_client):
    client, server = make_async_client(paged)
    assert [a.account_id async for a in client.iter_accounts(limit=2)] == ["A01", "A02", "A03"]
    assert [f.flow_id async for f in client.iter_account_flows("A01")] == ["F2", "F1"]
    assert len(server.requests) == 4
