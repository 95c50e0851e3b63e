# frozen_string_literal: true

require "json"
require "securerandom"
require "uri"

module Payee
  # One call with the house rules: the key and version headers, a timeout per attempt, retries
  # with exponential backoff and jitter (or what Retry-After asks) on a lost connection, 409
  # idempotency_key_in_use, 429 and 5xx, and one Idempotency-Key for every attempt of a POST.
  # @api private
  class Transport
    # A longer Retry-After (a quota spent for the day) is not waited out inside a call.
    MAX_RETRY_AFTER = 60.0

    attr_reader :clock, :options

    def initialize(options)
      @options = options
      @clock = options.fetch(:clock)
      user_agent = ["payee-ruby/#{VERSION} ruby/#{RUBY_VERSION}", options[:app_info]].compact.join(" ")
      @headers = {
        "x-api-key" => options[:api_key],
        "Payee-Version" => API_VERSION,
        "User-Agent" => user_agent,
        "Payee-Client" => "ruby/#{VERSION}",
        "Accept" => "application/json"
      }.freeze
    end

    # The decoded JSON answer (a Hash).
    def request(method, path, query: {}, body: nil, idempotency_key: nil)
      query = query.compact
      url = options[:base_url] + path + (query.empty? ? "" : "?#{URI.encode_www_form(query)}")
      headers = @headers
      if method == "POST"
        # Made once, so that every retry of this call is the same request to the API.
        headers = headers.merge("Idempotency-Key" => idempotency_key || SecureRandom.uuid)
        headers["Content-Type"] = "application/json" unless body.nil?
      end
      payload = body.nil? ? nil : JSON.generate(body.to_h)
      attempt = 0
      begin
        answer(method, path, options[:http_client].request(method, url, headers, payload, options[:timeout]))
      rescue Error => e
        raise if attempt >= options[:max_retries] || !self.class.retryable?(e)
        raise if e.retry_after && e.retry_after > MAX_RETRY_AFTER

        attempt += 1
        clock.sleep(e.retry_after || backoff(attempt))
        retry
      end
    end

    # Seconds before retry +retry+ (1, 2, ...): doubling from the first delay up to the cap, x 0.5..1 jitter.
    def backoff(retry_number)
      [options[:max_retry_delay], options[:initial_retry_delay] * (2**(retry_number - 1))].min * (0.5 + (rand / 2))
    end

    # Connection errors, 409 in progress, 429 and 5xx; never another 4xx.
    def self.retryable?(error)
      return true if error.is_a?(APIConnectionError)
      return error.code == ErrorCode::IDEMPOTENCY_KEY_IN_USE if error.http_status == 409

      error.http_status == 429 || (!error.http_status.nil? && error.http_status >= 500)
    end

    private

    def answer(method, path, response)
      raise ErrorFactory.from_response(response.status, response.headers, response.body) unless (200..299).cover?(response.status)

      decoded = begin
        JSON.parse(response.body, freeze: true)
      rescue JSON::ParserError
        nil
      end
      return decoded if decoded.is_a?(Hash)

      raise APIError.new("payee: the #{response.status} answer to #{method} #{path} is not a JSON object", type: "api",
                                                                                                          http_status: response.status, request_id: response.headers["x-amzn-requestid"], headers: response.headers)
    end
  end
end
