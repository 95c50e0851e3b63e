"""The daily report: its query and its rows as models (the reconciliation report is in test_requests)."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from conftest import error, scripted
from payee import DailyReport, InvalidRequestError, to_json

REPORT = {
    "from": "2026-12-01",
    "to": "2026-12-02",
    "groupBy": "method",
    "data": [
        {
            "day": "2026-12-01", "group": "alipay.qr", "currency": "CNY",
            "created": {"count": 4, "amount": 4000}, "succeeded": {"count": 3, "amount": 3000},
            "closed": {"count": 1, "amount": 1000}, "failed": {"count": 0, "amount": 0}, "refunded": {"count": 0, "amount": 0},
            "successRate": 0.75, "averageTicket": 1000,
            "timeToPay": {"count": 3, "p50Ms": 2000, "p95Ms": 5000}, "callbackLatency": {"count": 0},
        }
    ],
}  # fmt: skip


def test_get_daily_report_sends_its_query_and_reads_the_rows(make_client):
    client, server = make_client(scripted(httpx.Response(200, json=REPORT), error(400, "invalid_request", "parameter_invalid", param="to")))
    got = client.get_daily_report(from_=date(2026, 12, 1), to="2026-12-02", group_by="method")
    assert dict(server.requests[0].url.params) == {"from": "2026-12-01", "to": "2026-12-02", "groupBy": "method"}
    assert server.requests[0].url.path == "/live/v1/reports/daily"
    assert isinstance(got, DailyReport) and got.from_ == "2026-12-01" and got.group_by == "method"
    row = got.data[0]
    assert (row.currency, row.succeeded.count, row.success_rate, row.time_to_pay.p95_ms, row.callback_latency.p50_ms) == ("CNY", 3, 0.75, 5000, None)
    assert to_json(got) == REPORT
    with pytest.raises(InvalidRequestError) as refused:
        client.get_daily_report(from_="2026-12-01", to="2027-02-01")
    assert refused.value.param == "to" and len(server.requests) == 2
