# frozen_string_literal: true

require "test_helper"

class ErrorsTest < Minitest::Test
  def test_each_error_type_has_its_class
    Payee::ERROR_CLASSES.each do |type, klass|
      body = JSON.generate(Fixtures.error(type, "some_code", param: "amount", payNo: "P9"))
      error = Payee::ErrorFactory.from_response(409, { "retry-after" => "1.5" }, body)
      assert_instance_of klass, error
      assert_equal [type, "some_code", "amount", "P9", "req-1", 409, 1.5, "a some_code"],
                   [error.type, error.code, error.param, error.pay_no, error.request_id, error.http_status, error.retry_after, error.message]
    end
  end

  def test_gateway_answers_by_status
    [[403, '{"message":"Forbidden"}', Payee::AuthenticationError, "authentication"],
     [429, '{"message":"Too Many Requests"}', Payee::RateLimitError, "rate_limit"],
     [404, '{"Message":"not here"}', Payee::NotFoundError, "not_found"],
     [502, "<html>bad gateway</html>", Payee::APIError, "api"]].each do |status, body, klass, type|
      error = Payee::ErrorFactory.from_response(status, { "x-amzn-requestid" => "gw-1" }, body)
      assert_instance_of klass, error
      assert_equal [type, status, "gw-1"], [error.type, error.http_status, error.request_id]
    end
    assert_equal "<html>bad gateway</html>", Payee::ErrorFactory.from_response(502, {}, "<html>bad gateway</html>").message
  end

  def test_retry_after_as_an_http_date
    now = Time.at(1_764_000_000)
    assert_equal 30.0, Payee::ErrorFactory.retry_after((now + 30).httpdate, now)
    assert_equal 0.0, Payee::ErrorFactory.retry_after((now - 30).httpdate, now)
    assert_nil Payee::ErrorFactory.retry_after("soon", now)
    assert_nil Payee::ErrorFactory.retry_after(nil, now)
  end

  def test_a_2xx_that_is_not_json_is_an_api_error
    http = ScriptedHttp.new(Payee::HttpResponse.new(status: 200, headers: {}, body: "<html>"))
    error = assert_raises(Payee::APIError) { client(http).payments.retrieve("P1") }
    assert_equal 200, error.http_status
  end

  def test_every_error_is_a_payee_error
    Payee.constants.map { |c| Payee.const_get(c) }.select { |c| c.is_a?(Class) && c <= StandardError }.each do |klass|
      assert_operator klass, :<=, Payee::Error
    end
  end
end
