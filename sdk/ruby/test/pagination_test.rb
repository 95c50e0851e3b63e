# frozen_string_literal: true

require "test_helper"

class PaginationTest < Minitest::Test
  def test_list_all_follows_the_cursors_lazily
    http = ScriptedHttp.new(
      ScriptedHttp.json(200, { "data" => [Fixtures.payment("P5"), Fixtures.payment("P4")], "nextCursor" => "c1" }),
      ScriptedHttp.json(200, { "data" => [Fixtures.payment("P3"), Fixtures.payment("P2")], "nextCursor" => "c2" }),
      ScriptedHttp.json(200, { "data" => [Fixtures.payment("P1", "SUCCEEDED")] })
    )
    all = client(http).payments.list_all(limit: 2, created_from: "2026-12-01T00:00:00Z")
    assert_empty http.requests, "nothing is read before the loop asks"
    assert_equal %w[P5 P4 P3], all.first(3).map(&:pay_no)
    assert_equal 2, http.requests.size, "only the pages needed"
    assert_equal %w[P5 P4 P3 P2 P1], client(ScriptedHttp.new(*http_pages)).payments.list_all(limit: 2).map(&:pay_no)
    assert_equal ["http://payee.test/live/v1/payments?limit=2&createdFrom=2026-12-01T00%3A00%3A00Z",
                  "http://payee.test/live/v1/payments?limit=2&cursor=c1&createdFrom=2026-12-01T00%3A00%3A00Z"], http.requests.map(&:url)
  end

  def test_one_page_and_the_order_number_lookup
    http = ScriptedHttp.new(ScriptedHttp.json(200, { "data" => [Fixtures.payment("P5", "SUCCEEDED")], "nextCursor" => "c1" }),
                            ScriptedHttp.json(200, { "data" => [] }))
    payee = client(http)
    page = payee.payments.list(limit: 1)
    assert_equal ["c1", Payee::PaymentStatus::SUCCEEDED], [page.next_cursor, page.data.first.status]
    assert_nil payee.payments.retrieve_by_out_trade_no("A 1")
    assert_equal "http://payee.test/live/v1/payments?outTradeNo=A+1", http.requests[1].url
  end

  private

  def http_pages
    [ScriptedHttp.json(200, { "data" => [Fixtures.payment("P5"), Fixtures.payment("P4")], "nextCursor" => "c1" }),
     ScriptedHttp.json(200, { "data" => [Fixtures.payment("P3"), Fixtures.payment("P2")], "nextCursor" => "c2" }),
     ScriptedHttp.json(200, { "data" => [Fixtures.payment("P1")] })]
  end
end
