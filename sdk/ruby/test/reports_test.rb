# frozen_string_literal: true

require "test_helper"

class ReportsTest < Minitest::Test
  def test_the_daily_report
    tally = ->(count, amount) { { "count" => count, "amount" => amount } }
    row = { "day" => "2026-12-03", "group" => "alipay", "currency" => "CNY", "created" => tally[4, 8000], "succeeded" => tally[3, 6000], "closed" => tally[1, 2000],
            "failed" => tally[0, 0], "refunded" => tally[1, 500], "successRate" => 0.75, "averageTicket" => 2000,
            "timeToPay" => { "count" => 3, "p50Ms" => 41_000, "p95Ms" => 90_000 }, "callbackLatency" => { "count" => 0 } }
    http = ScriptedHttp.new(ScriptedHttp.json(200, { "from" => "2026-12-01", "to" => "2026-12-03", "groupBy" => "method", "data" => [row] }),
                            ScriptedHttp.json(200, { "day" => "2026-12-03", "data" => [] }))
    payee = client(http)
    report = payee.reports.daily(from: "2026-12-01", to: "2026-12-03", group_by: Payee::ReportGroupBy::METHOD)
    first = report.data.first
    assert_equal ["method", "CNY", 0.75, 6000, 41_000, nil], [report.group_by, first.currency, first.success_rate, first.succeeded.amount, first.time_to_pay.p50_ms, first.callback_latency.p50_ms]
    assert_equal row, first.to_h
    payee.reports.reconciliation(day: "2026-12-03", pay_id: "cfg_1")
    assert_equal ["http://payee.test/live/v1/reports/daily?from=2026-12-01&to=2026-12-03&groupBy=method",
                  "http://payee.test/live/v1/reports/reconciliation?day=2026-12-03&payId=cfg_1"], http.requests.map(&:url)
  end
end
