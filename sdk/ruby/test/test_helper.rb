# frozen_string_literal: true

$LOAD_PATH.unshift(File.expand_path("../lib", __dir__), File.expand_path("../tools", __dir__))
require "payee"
require "minitest/autorun"

# Answers each request with the next scripted answer, and keeps the requests it saw.
class ScriptedHttp
  Request = Struct.new(:method, :url, :headers, :body, :timeout)
  attr_reader :requests

  def initialize(*answers)
    @answers = answers
    @requests = []
    @lock = Mutex.new
  end

  def self.json(status, body, headers = {})
    Payee::HttpResponse.new(status: status, headers: { "content-type" => "application/json" }.merge(headers), body: JSON.generate(body))
  end

  def request(method, url, headers, body, timeout)
    request = Request.new(method, url, headers, body, timeout)
    answer = @lock.synchronize do
      @requests << request
      @answers.shift or raise "no answer scripted for #{method} #{url}"
    end
    raise answer if answer.is_a?(Exception)

    answer.respond_to?(:call) ? answer.call(request) : answer
  end
end

# Time that passes only when slept: every sleep is recorded.
class FakeClock
  attr_reader :sleeps

  def initialize
    @now = 1000.0
    @sleeps = []
  end

  def now
    @now
  end

  def sleep(seconds)
    @sleeps << seconds
    @now += seconds
  end
end

# Answers of the API, as its document shapes them.
module Fixtures
  module_function

  def payment(pay_no = "P01KAX9QZW0G8S5T6V7X2Y3Z4A", status = "PENDING", **extra)
    {
      "payNo" => pay_no, "status" => status, "method" => "alipay.qr", "channel" => "alipay", "payId" => "PC01",
      "outTradeNo" => "A1001", "subject" => "T-shirt", "amount" => 1999, "orderAmount" => 1999, "currency" => "CNY",
      "refundableAmount" => status == "SUCCEEDED" ? 1999 : 0, "action" => { "type" => "qr_code", "value" => "https://qr.alipay.com/x" },
      "expiresAt" => "2026-12-03T10:00:00.000Z", "createdAt" => "2026-12-03T09:00:00.000Z", "updatedAt" => "2026-12-03T09:00:00.000Z"
    }.merge(extra.transform_keys(&:to_s))
  end

  def refund(status, refund_no = "R01")
    { "refundNo" => refund_no, "payNo" => "P01", "status" => status, "amount" => 500, "currency" => "CNY",
      "createdAt" => "2026-12-03T09:00:00.000Z", "updatedAt" => "2026-12-03T09:00:00.000Z" }
  end

  def error(type, code, **extra)
    { "error" => { "type" => type, "code" => code, "message" => "a #{code}", "requestId" => "req-1" }.merge(extra.transform_keys(&:to_s)) }
  end
end

PARAMS = { method: "alipay.qr", out_trade_no: "A1001", subject: "T-shirt", amount: 1999, currency: "CNY" }.freeze

def client(http, clock = FakeClock.new, **options)
  Payee::Client.new(api_key: "pk_test", base_url: "http://payee.test/live/", http_client: http, clock: clock, **options)
end
