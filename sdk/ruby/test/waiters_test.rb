# frozen_string_literal: true

require "test_helper"

class WaitersTest < Minitest::Test
  def test_wait_for_polls_with_doubling_delays_until_a_status
    http = ScriptedHttp.new(*Array.new(3) { ScriptedHttp.json(200, Fixtures.payment) }, ScriptedHttp.json(200, Fixtures.payment("P1", "SUCCEEDED")))
    clock = FakeClock.new
    paid = client(http, clock).payments.wait_for("P1", ["SUCCEEDED"], max_wait: 30, min_delay: 1, max_delay: 3)
    assert_equal "SUCCEEDED", paid.status
    first, second, third = clock.sleeps
    assert_includes 0.5..1, first
    assert_includes 1..2, second
    assert_includes 1.5..3, third
  end

  def test_the_deadline_ends_the_wait_with_the_last_payment_seen
    http = ScriptedHttp.new(*Array.new(50) { ScriptedHttp.json(200, Fixtures.payment) })
    clock = FakeClock.new
    error = assert_raises(Payee::WaitTimeoutError) do
      client(http, clock).payments.create_and_wait(**PARAMS, max_wait: 10, min_delay: 1, max_delay: 2)
    end
    assert_equal ["wait_timeout", "PENDING"], [error.type, error.last.status]
    assert_in_delta 10.0, clock.sleeps.sum, 1e-9, "it sleeps to the deadline, not past it"
    assert_equal "POST", http.requests.first.method
  end

  def test_create_and_wait_stops_at_a_final_status_by_default
    http = ScriptedHttp.new(ScriptedHttp.json(201, Fixtures.payment), ScriptedHttp.json(200, Fixtures.payment("P1", "CLOSED")))
    assert_equal "CLOSED", client(http).payments.create_and_wait(**PARAMS).status
  end

  def test_refund_and_wait_follows_the_refund_in_its_list
    http = ScriptedHttp.new(
      ScriptedHttp.json(201, Fixtures.refund("PROCESSING")),
      ScriptedHttp.json(200, { "data" => [Fixtures.refund("SUCCEEDED", "R00"), Fixtures.refund("PROCESSING")] }),
      ScriptedHttp.json(200, { "data" => [Fixtures.refund("SUCCEEDED", "R00"), Fixtures.refund("SUCCEEDED")] })
    )
    refund = client(http).payments.refund_and_wait("P01", amount: 500, reason: "size", min_delay: 0.1)
    assert_equal %w[R01 SUCCEEDED], [refund.refund_no, refund.status]
    assert_equal '{"amount":500,"reason":"size"}', http.requests.first.body
    assert_equal "http://payee.test/live/v1/payments/P01/refunds", http.requests.last.url
  end

  def test_a_waiter_needs_sane_delays
    assert_raises(ArgumentError) { client(ScriptedHttp.new).payments.wait_for("P1", ["SUCCEEDED"], min_delay: 2, max_delay: 1) }
  end
end
