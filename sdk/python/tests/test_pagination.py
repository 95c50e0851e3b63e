"""iter_payments walks every page by itself, keeping the caller's filters."""

from __future__ import annotations

import httpx
import pytest

from conftest import payment


def paged(request: httpx.Request) -> httpx.Response:
    pages = {
        None: ({"data": [payment("P5"), payment("P4")], "nextCursor": "c1"}),
        "c1": ({"data": [payment("P3"), payment("P2")], "nextCursor": "c2"}),
        "c2": ({"data": [payment("P1")]}),
    }
    return httpx.Response(200, json=pages[request.url.params.get("cursor")])


def test_iter_payments_follows_the_cursor_to_the_end(make_client):
    client, server = make_client(paged)
    assert [p.pay_no for p in client.iter_payments(limit=2, company_id="C02")] == ["P5", "P4", "P3", "P2", "P1"]
    assert [dict(r.url.params) for r in server.requests] == [
        {"limit": "2", "companyId": "C02"},
        {"limit": "2", "cursor": "c1", "companyId": "C02"},
        {"limit": "2", "cursor": "c2", "companyId": "C02"},
    ]


def test_iter_payments_fetches_only_the_pages_the_loop_reaches(make_client):
    client, server = make_client(paged)
    for got in client.iter_payments(limit=2):
        if got.pay_no == "P4":
            break
    assert len(server.requests) == 1


def test_list_payments_is_one_page(make_client):
    client, server = make_client(paged)
    page = client.list_payments(limit=2)
    assert [p.pay_no for p in page.data] == ["P5", "P4"] and page.next_cursor == "c1"


@pytest.mark.anyio
async def test_the_async_iterator_follows_the_cursor_too(make_async_client):
    client, server = make_async_client(paged)
    assert [p.pay_no async for p in client.iter_payments(limit=2)] == ["P5", "P4", "P3", "P2", "P1"]
    assert len(server.requests) == 3
