# frozen_string_literal: true

require "test_helper"

class RetriesTest < Minitest::Test
  UUID = /\A\h{8}-\h{4}-4\h{3}-[89ab]\h{3}-\h{12}\z/

  def test_retry_after_is_waited_exactly_and_the_idempotency_key_reused
    http = ScriptedHttp.new(ScriptedHttp.json(503, Fixtures.error("provider", "provider_unavailable"), "retry-after" => "2"),
                            ScriptedHttp.json(201, Fixtures.payment))
    clock = FakeClock.new
    payment = client(http, clock).payments.create(**PARAMS)
    assert_equal "P01KAX9QZW0G8S5T6V7X2Y3Z4A", payment.pay_no
    assert_equal [2.0], clock.sleeps
    first, second = http.requests
    assert_match UUID, first.headers["Idempotency-Key"]
    assert_equal first.headers["Idempotency-Key"], second.headers["Idempotency-Key"]
    assert_equal first.body, second.body
    assert_equal "http://payee.test/live/v1/payments", first.url
  end

  def test_backoff_doubles_from_half_a_second_with_jitter
    20.times do
      http = ScriptedHttp.new(ScriptedHttp.json(500, Fixtures.error("internal", "internal_error")),
                              ScriptedHttp.json(502, { "message" => "Bad Gateway" }), ScriptedHttp.json(200, Fixtures.payment))
      clock = FakeClock.new
      client(http, clock).payments.retrieve("P1")
      first, second = clock.sleeps
      assert_includes 0.25..0.5, first
      assert_includes 0.5..1.0, second
    end
  end

  def test_backoff_is_capped_at_five_seconds
    clock = FakeClock.new
    http = ScriptedHttp.new(*Array.new(7) { ScriptedHttp.json(500, Fixtures.error("internal", "internal_error")) })
    assert_raises(Payee::APIError) { client(http, clock, max_retries: 6).payments.retrieve("P1") }
    assert_equal 6, clock.sleeps.size
    assert_operator clock.sleeps.max, :<=, 5.0
    assert_operator clock.sleeps.last, :>=, 2.5
  end

  def test_a_callers_own_key_wins_on_every_attempt
    http = ScriptedHttp.new(Payee::APIConnectionError.new("dropped", type: "connection"), ScriptedHttp.json(201, Fixtures.payment))
    client(http).payments.create(**PARAMS, idempotency_key: "order-A1001")
    assert_equal %w[order-A1001 order-A1001], http.requests.map { |r| r.headers["Idempotency-Key"] }
  end

  def test_each_call_makes_its_own_key
    http = ScriptedHttp.new(ScriptedHttp.json(201, Fixtures.payment), ScriptedHttp.json(201, Fixtures.payment))
    payee = client(http)
    2.times { payee.payments.create(**PARAMS) }
    refute_equal(*http.requests.map { |r| r.headers["Idempotency-Key"] })
  end

  def test_another_4xx_is_not_retried
    http = ScriptedHttp.new(ScriptedHttp.json(400, Fixtures.error("invalid_request", "parameter_invalid", param: "amount")))
    error = assert_raises(Payee::InvalidRequestError) { client(http).payments.create(**PARAMS) }
    assert_equal ["amount", 400, 1], [error.param, error.http_status, http.requests.size]
  end

  def test_a_conflict_is_not_retried_but_a_key_in_use_is
    http = ScriptedHttp.new(ScriptedHttp.json(409, Fixtures.error("idempotency", "idempotency_key_in_use")),
                            ScriptedHttp.json(409, Fixtures.error("conflict", "duplicate_out_trade_no", payNo: "P0")))
    error = assert_raises(Payee::ConflictError) { client(http).payments.create(**PARAMS) }
    assert_equal ["P0", 2], [error.pay_no, http.requests.size]
  end

  def test_a_long_retry_after_is_not_waited_for
    clock = FakeClock.new
    http = ScriptedHttp.new(ScriptedHttp.json(429, { "message" => "Limit Exceeded" }, "retry-after" => "3600"))
    error = assert_raises(Payee::RateLimitError) { client(http, clock).payments.retrieve("P1") }
    assert_equal [3600.0, "rate_limit", []], [error.retry_after, error.type, clock.sleeps]
  end

  def test_retries_off_raises_the_first_error
    http = ScriptedHttp.new(ScriptedHttp.json(503, Fixtures.error("provider", "provider_unavailable"), "retry-after" => "2"))
    error = assert_raises(Payee::ProviderUnavailableError) { client(http, max_retries: 0).payments.create(**PARAMS) }
    assert_equal [2.0, "provider_unavailable", "req-1"], [error.retry_after, error.code, error.request_id]
  end

  def test_a_connection_error_after_the_retries
    http = ScriptedHttp.new(*Array.new(3) { Payee::APIConnectionError.new("refused", type: "connection") })
    assert_raises(Payee::APIConnectionError) { client(http).payments.retrieve("P1") }
    assert_equal 3, http.requests.size
  end

  def test_the_headers
    http = ScriptedHttp.new(ScriptedHttp.json(200, Fixtures.payment))
    client(http).payments.retrieve("P 1/2")
    request = http.requests.first
    assert_equal "http://payee.test/live/v1/payments/P%201%2F2", request.url
    assert_equal "pk_test", request.headers["x-api-key"]
    assert_equal Payee::API_VERSION, request.headers["Payee-Version"]
    assert_equal "ruby/#{Payee::VERSION}", request.headers["Payee-Client"]
    assert request.headers["User-Agent"].start_with?("payee-ruby/#{Payee::VERSION} ruby/")
    refute request.headers.key?("Idempotency-Key")
    assert_equal 80.0, request.timeout
  end

  def test_with_options_for_some_calls
    http = ScriptedHttp.new(ScriptedHttp.json(500, Fixtures.error("internal", "internal_error")))
    assert_raises(Payee::APIError) { client(http).with_options(max_retries: 0, timeout: 2.5, api_key: "pk_other").payments.retrieve("P1") }
    assert_equal [1, 2.5, "pk_other"], [http.requests.size, http.requests[0].timeout, http.requests[0].headers["x-api-key"]]
    assert_raises(ArgumentError) { client(http).with_options(base_url: "x") }
  end

  def test_a_real_connection_refused
    payee = Payee::Client.new(api_key: "pk", base_url: "http://127.0.0.1:9/live", max_retries: 0, timeout: 2.0)
    error = assert_raises(Payee::APIConnectionError) { payee.payments.retrieve("P1") }
    assert_equal "connection", error.type
  end
end
