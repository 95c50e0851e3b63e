# frozen_string_literal: true

require "json"
require "time"

module Payee
  # Every error the SDK raises. What the API said is kept as it said it: +type+ (the API's
  # error.type, or for failures it did not type: rate_limit, api, connection, signature,
  # wait_timeout), +code+, +param+, +pay_no+, +request_id+ and +message+; beside them the HTTP
  # exchange's +http_status+, +retry_after+ (seconds) and +headers+.
  class Error < StandardError
    attr_reader :type, :code, :param, :pay_no, :request_id, :http_status, :retry_after, :headers

    def initialize(message = nil, type: nil, code: nil, param: nil, pay_no: nil, request_id: nil,
                   http_status: nil, retry_after: nil, headers: {})
      super(message)
      @type = type
      @code = code
      @param = param
      @pay_no = pay_no
      @request_id = request_id
      @http_status = http_status
      @retry_after = retry_after
      @headers = headers
    end
  end

  # 400: the request is wrong; +param+ names the field.
  class InvalidRequestError < Error; end
  # 403: a missing, unknown, disabled or expired API key.
  class AuthenticationError < Error; end
  # 404: no such payment (or one another company owns), or no such route.
  class NotFoundError < Error; end
  # 409: the request conflicts with a resource's state (duplicate_out_trade_no names the payment in +pay_no+).
  class ConflictError < Error; end
  # 409 idempotency_key_in_use (retried) or 422 idempotency_key_reused (another body under the same key).
  class IdempotencyError < Error; end
  # 429: over the API key's usage plan.
  class RateLimitError < Error; end
  # 503 provider_unavailable: the provider did not answer; the outcome is unknown, retry with the same key.
  class ProviderUnavailableError < Error; end
  # 503 service_unavailable: payee's storage did not answer in time; retry with the same key.
  class ServiceUnavailableError < Error; end
  # 500, or an answer the API does not document (a gateway's 502, a body that is not JSON).
  class APIError < Error; end
  # No answer: the connection failed or was dropped, or the request timed out.
  class APIConnectionError < Error; end
  # A notification whose Payee-Signature does not verify, or whose timestamp is too far from now.
  class SignatureVerificationError < Error; end

  # A waiter's deadline passed before the payment (or refund) reached a status waited for.
  class WaitTimeoutError < Error
    # The payment or refund the last poll saw.
    attr_reader :last

    def initialize(message, last:)
      super(message, type: "wait_timeout")
      @last = last
    end
  end

  # The class of each error.type the API documents.
  ERROR_CLASSES = {
    "invalid_request" => InvalidRequestError,
    "authentication" => AuthenticationError,
    "not_found" => NotFoundError,
    "conflict" => ConflictError,
    "idempotency" => IdempotencyError,
    "provider" => ProviderUnavailableError,
    "unavailable" => ServiceUnavailableError,
    "internal" => APIError
  }.freeze

  # The error codes the API documents (+error.code+); it may add others, so compare, never case exhaustively.
  module ErrorCode
    ACCOUNT_NOT_FOUND = "account_not_found"
    API_KEY_EXPIRED = "api_key_expired"
    COMBINE_PARTNER_UNSUPPORTED = "combine_partner_unsupported"
    COMBINED_NOT_SUPPORTED = "combined_not_supported"
    CURRENCY_MISMATCH = "currency_mismatch"
    CURRENCY_NOT_SUPPORTED = "currency_not_supported"
    DUPLICATE_OUT_TRADE_NO = "duplicate_out_trade_no"
    GROUP_NOT_CLOSABLE = "group_not_closable"
    IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    INSUFFICIENT_FUNDS = "insufficient_funds"
    INVALID_CLIENT = "invalid_client"
    INVALID_JSON = "invalid_json"
    LEDGER_DISABLED = "ledger_disabled"
    METHOD_NOT_SUPPORTED = "method_not_supported"
    NO_NOTIFY_URL = "no_notify_url"
    NOT_CAPTURED = "not_captured"
    NOT_PAID = "not_paid"
    PARAMETER_CONFLICT = "parameter_conflict"
    PARAMETER_INVALID = "parameter_invalid"
    PARAMETER_MISSING = "parameter_missing"
    PARAMETER_UNKNOWN = "parameter_unknown"
    PAY_CONFIG_AMBIGUOUS = "pay_config_ambiguous"
    PAY_CONFIG_INVALID = "pay_config_invalid"
    PAY_CONFIG_MISMATCH = "pay_config_mismatch"
    PAY_CONFIG_NOT_FOUND = "pay_config_not_found"
    PAYER_CLIENT_IP_REQUIRED = "payer_client_ip_required"
    PAYER_OPENID_REQUIRED = "payer_openid_required"
    PAYMENT_CHANGED = "payment_changed"
    PAYMENT_NOT_CLOSABLE = "payment_not_closable"
    PAYMENT_NOT_REFUNDABLE = "payment_not_refundable"
    PROVIDER_REFUSED = "provider_refused"
    PROVIDER_UNAVAILABLE = "provider_unavailable"
    REFUND_EXCEEDS_REFUNDABLE = "refund_exceeds_refundable"
    RESOURCE_MISSING = "resource_missing"
    SCENE_METHOD_UNAVAILABLE = "scene_method_unavailable"
    SCENE_NOT_FOUND = "scene_not_found"
    SERVICE_UNAVAILABLE = "service_unavailable"
    STATEMENT_NOT_SUPPORTED = "statement_not_supported"
    TRANSFER_NOT_REFUNDABLE = "transfer_not_refundable"
    UNKNOWN_API_VERSION = "unknown_api_version"
    UNSUPPORTED_CONTENT_TYPE = "unsupported_content_type"
  end

  # The typed error for a non-2xx answer, whatever its body.
  module ErrorFactory
    module_function

    def from_response(status, headers, body, now: Time.now)
      parsed = begin
        JSON.parse(body)
      rescue JSON::ParserError
        nil
      end
      header_request_id = headers["x-amzn-requestid"]
      retry_after = retry_after(headers["retry-after"], now)
      common = { http_status: status, retry_after: retry_after, headers: headers }
      error = parsed.is_a?(Hash) && parsed["error"].is_a?(Hash) ? parsed["error"] : nil
      if error && error["type"].is_a?(String)
        klass = ERROR_CLASSES.fetch(error["type"], APIError)
        return klass.new(error["message"] || "HTTP #{status}", type: error["type"], code: error["code"], param: error["param"],
                                                               pay_no: error["payNo"], request_id: error["requestId"] || header_request_id, **common)
      end
      # API Gateway's own refusals ({"message": ...}, "Message" for an IAM deny) come before any function.
      message = parsed.is_a?(Hash) ? parsed["message"] || parsed["Message"] : nil
      message = body.to_s.strip[0, 200] if message.nil? || message.to_s.empty?
      message = "HTTP #{status}" if message.empty?
      klass, type = { 403 => [AuthenticationError, "authentication"], 404 => [NotFoundError, "not_found"],
                      429 => [RateLimitError, "rate_limit"] }.fetch(status, [APIError, "api"])
      klass.new(message, type: type, request_id: header_request_id, **common)
    end

    # Seconds Retry-After asks for: a number of seconds or an HTTP date.
    def retry_after(value, now)
      return nil if value.nil? || value.strip.empty?
      return [Float(value), 0.0].max if value.strip.match?(/\A\d+(\.\d+)?\z/)

      [Time.httpdate(value) - now, 0.0].max
    rescue ArgumentError
      nil
    end
  end
end
