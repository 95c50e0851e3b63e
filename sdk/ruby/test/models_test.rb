# frozen_string_literal: true

require "test_helper"

class ModelsTest < Minitest::Test
  def test_a_payment_round_trips_as_the_api_sent_it
    json = Fixtures.payment(metadata: { "order" => "42" }, failure: { "code" => "x", "message" => "y" })
    payment = Payee::Payment.from_h(json.merge("aFieldOfANewerApi" => 1))
    assert_equal ["PENDING", "qr_code", "42", "x"], [payment.status, payment.action.type, payment.metadata["order"], payment.failure.code]
    assert_equal json, JSON.parse(payment.to_json)
    assert payment.frozen?
    assert_equal payment, Payee::Payment.from_h(json)
  end

  def test_a_newer_apis_enum_value_is_kept
    assert_equal "DISPUTED", Payee::Payment.from_h(Fixtures.payment("P1", "DISPUTED")).status
  end

  def test_requests_take_snake_case_or_the_wires_names_when_nested
    request = Payee::CreatePaymentRequest.new(method: "wechat.h5", out_trade_no: "A1", subject: "s", amount: 1, currency: "CNY",
                                              payer: { "clientIp" => "203.0.113.7" }, details: [{ account_out: "a", account_rec: "b", amount: 1 }])
    assert_equal '{"method":"wechat.h5","outTradeNo":"A1","subject":"s","amount":1,"currency":"CNY","payer":{"clientIp":"203.0.113.7"},' \
                 '"details":[{"accountOut":"a","accountRec":"b","amount":1}]}', request.to_json
    assert_equal request.payer, Payee::Payer.new(client_ip: "203.0.113.7")
  end

  def test_wrong_parameters_name_the_field
    {
      PARAMS.merge(amuont: 2) => "unknown parameter amuont",
      PARAMS.except(:amount) => "amount is required",
      PARAMS.merge(method: "bitcoin") => "method is not one of alipay.qr",
      PARAMS.merge(amount: "1") => "amount must be Integer",
      PARAMS.merge(payer: { openid: 1 }) => "payer.openid must be String"
    }.each do |params, message|
      error = assert_raises(ArgumentError) { Payee::CreatePaymentRequest.new(**params) }
      assert_includes error.message, message
    end
  end

  def test_an_answer_of_the_wrong_shape_is_the_apis_error
    http = ScriptedHttp.new(ScriptedHttp.json(200, { "data" => [{ "status" => "PENDING" }] }))
    error = assert_raises(Payee::APIError) { client(http).payments.list }
    assert_includes error.message, "data[].payNo is required"
  end
end
