# frozen_string_literal: true

module Payee
  # A client of payee's merchant API.
  #
  #   payee = Payee::Client.new(api_key: "pk_...", base_url: "http://127.0.0.1:4010/live")
  #   payment = payee.payments.create(method: "alipay.qr", out_trade_no: "A1001", subject: "T-shirt",
  #                                   amount: 1999, currency: "CNY")
  #
  # +api_key+ and +base_url+ default to the environment's PAYEE_KEY and PAYEE_URL. Failed calls are
  # retried +max_retries+ times (a lost connection, 409 idempotency_key_in_use, 429, 5xx) with
  # exponential backoff and jitter, or as Retry-After asks; every POST carries one Idempotency-Key
  # for all its attempts. Durations are seconds. A client is safe to share between threads.
  class Client
    attr_reader :payments, :refunds, :notifications, :reports, :groups, :accounts

    # +http_client+: NetHttpClient by default (pass one with a block configuring each Net::HTTP),
    # or any object with its #request; +clock+: what retries and waiters sleep on; +app_info+:
    # appended to the User-Agent, e.g. "my-shop/1.2".
    def initialize(api_key: ENV.fetch("PAYEE_KEY", nil), base_url: ENV.fetch("PAYEE_URL", nil), max_retries: 2, timeout: 80.0,
                   initial_retry_delay: 0.5, max_retry_delay: 5.0, http_client: nil, clock: nil, app_info: nil)
      raise ArgumentError, "payee: no API key: pass api_key: or set PAYEE_KEY" if api_key.nil? || api_key.empty?
      if base_url.nil? || base_url.empty?
        raise ArgumentError, "payee: no base URL: pass base_url: (the stack's ApiUrl, e.g. http://127.0.0.1:4010/live) or set PAYEE_URL"
      end
      raise ArgumentError, "payee: max_retries must be 0 or more and timeout more than 0" if max_retries.negative? || !timeout.positive?

      @options = { api_key: api_key, base_url: base_url.chomp("/"), max_retries: max_retries, timeout: timeout,
                   initial_retry_delay: initial_retry_delay, max_retry_delay: max_retry_delay,
                   http_client: http_client || NetHttpClient.new, clock: clock || SystemClock.new, app_info: app_info }.freeze
      build
    end

    # A client with other settings for some calls (max_retries:, timeout:, api_key:), sharing this one's connections.
    def with_options(**changes)
      unknown = changes.keys - %i[api_key max_retries timeout]
      raise ArgumentError, "payee: with_options takes api_key:, max_retries:, timeout:, not #{unknown.join(', ')}" unless unknown.empty?

      copy = dup
      copy.instance_variable_set(:@options, @options.merge(changes).freeze)
      copy.send(:build)
      copy
    end

    # The OpenAPI 3.1 document the API serves: the contract this SDK follows (a Hash).
    def openapi
      @transport.request("GET", "/v1/openapi.json")
    end

    private

    def build
      @transport = Transport.new(@options)
      @payments = Payments.new(@transport)
      @refunds = Refunds.new(@transport)
      @notifications = Notifications.new(@transport)
      @reports = Reports.new(@transport)
      @groups = Groups.new(@transport)
      @accounts = Accounts.new(@transport)
    end
  end
end
