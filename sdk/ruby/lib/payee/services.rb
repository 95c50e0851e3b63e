# frozen_string_literal: true

require "erb"

module Payee
  # @api private A group of the API's calls, sharing the client's transport.
  class Service
    def initialize(transport)
      @transport = transport
    end

    private

    # A path segment encoded, so that no payNo or groupNo reaches another route.
    def segment(value)
      ERB::Util.url_encode(value.to_s)
    end

    def payment_path(pay_no, rest = "")
      "/v1/payments/#{segment(pay_no)}#{rest}"
    end

    # A model of an API answer: a wrong shape is the API's fault, not the caller's.
    def answer(klass, data)
      klass.from_h(data)
    rescue ArgumentError => e
      raise APIError.new("payee: an answer the SDK does not understand: #{e.message}", type: "api")
    end

    # Every item of every page, read as the loop goes.
    def paginate
      Enumerator.new do |out|
        cursor = nil
        loop do
          page = yield cursor
          page.data.each { |item| out << item }
          cursor = page.next_cursor
          break if cursor.nil?
        end
      end
    end
  end

  # Payments: create, read, list, close, sync, and the waiters.
  class Payments < Service
    # Creates a payment: PENDING with the +action+ to show the buyer, or FAILED with the provider's
    # reason. Fields as keywords in snake_case (+out_trade_no:+); +idempotency_key:+ to make your
    # own retries safe.
    def create(idempotency_key: nil, **params)
      body = CreatePaymentRequest.new(**params)
      answer(Payment, @transport.request("POST", "/v1/payments", body: body, idempotency_key: idempotency_key))
    end

    def retrieve(pay_no)
      answer(Payment, @transport.request("GET", payment_path(pay_no)))
    end

    # The payment for your order number, or nil when there is none.
    def retrieve_by_out_trade_no(out_trade_no, company_id: nil)
      page = @transport.request("GET", "/v1/payments", query: { "outTradeNo" => out_trade_no, "companyId" => company_id })
      answer(PaymentList, page).data.first
    end

    # One page, newest first; +next_cursor+ is set when more follow.
    def list(limit: nil, cursor: nil, created_from: nil, created_to: nil, company_id: nil)
      query = { "limit" => limit, "cursor" => cursor, "createdFrom" => created_from, "createdTo" => created_to, "companyId" => company_id }
      answer(PaymentList, @transport.request("GET", "/v1/payments", query: query))
    end

    # Every payment the parameters select, page after page as the loop goes (an Enumerator).
    def list_all(limit: nil, created_from: nil, created_to: nil, company_id: nil)
      paginate { |cursor| list(limit: limit, cursor: cursor, created_from: created_from, created_to: created_to, company_id: company_id) }
    end

    # The payment's audit trail: each provider event payee accepted, oldest first.
    def events(pay_no)
      answer(PaymentEventList, @transport.request("GET", payment_path(pay_no, "/events")))
    end

    # Closes an unpaid payment: CLOSED, or SUCCEEDED when the buyer paid meanwhile.
    def close(pay_no)
      answer(Payment, @transport.request("POST", payment_path(pay_no, "/close")))
    end

    # Asks the provider now; what it says is applied asynchronously (follow with wait_for).
    def sync(pay_no)
      answer(SyncResult, @transport.request("POST", payment_path(pay_no, "/sync")))
    end

    # Creates the payment, then follows it until one of +statuses+ (default: any final one).
    # The deadline counts from the call. Raises WaitTimeoutError with +last+ at +max_wait+ seconds.
    def create_and_wait(statuses: FINAL_PAYMENT_STATUSES, max_wait: 60.0, min_delay: 0.5, max_delay: 5.0, idempotency_key: nil, **params)
      wait = Wait.new(@transport.clock, max_wait, min_delay, max_delay)
      wanted = wanted(statuses)
      created = create(idempotency_key: idempotency_key, **params)
      wait.poll(created, read: -> { retrieve(created.pay_no) }, done: ->(p) { wanted.include?(p.status) })
    end

    # Follows a payment until it reaches one of +statuses+.
    def wait_for(pay_no, statuses, max_wait: 60.0, min_delay: 0.5, max_delay: 5.0)
      wait = Wait.new(@transport.clock, max_wait, min_delay, max_delay)
      wanted = wanted(statuses)
      wait.poll(nil, read: -> { retrieve(pay_no) }, done: ->(p) { wanted.include?(p.status) })
    end

    # Refunds, then follows the refund until SUCCEEDED or FAILED.
    def refund_and_wait(pay_no, max_wait: 60.0, min_delay: 0.5, max_delay: 5.0, idempotency_key: nil, **params)
      wait = Wait.new(@transport.clock, max_wait, min_delay, max_delay)
      refunds = Refunds.new(@transport)
      created = refunds.create(pay_no, idempotency_key: idempotency_key, **params)
      read = -> { refunds.list(pay_no).data.find { |r| r.refund_no == created.refund_no } || created }
      wait.poll(created, read: read, done: ->(r) { FINAL_REFUND_STATUSES.include?(r.status) })
    end

    private

    def wanted(statuses)
      list = Array(statuses).map(&:to_s)
      raise ArgumentError, "payee: name at least one status to wait for" if list.empty?

      list
    end
  end

  # @api private Shaped like AWS SDK waiters: polls from min_delay, doubling (x 0.5..1 jitter) up
  # to max_delay, until done or max_wait seconds after it was made.
  class Wait
    def initialize(clock, max_wait, min_delay, max_delay)
      unless max_wait.positive? && min_delay.positive? && max_delay >= min_delay
        raise ArgumentError, "payee: a waiter needs max_wait > 0 and 0 < min_delay <= max_delay"
      end

      @clock = clock
      @max_wait = max_wait
      @min_delay = min_delay
      @max_delay = max_delay
      @deadline = clock.now + max_wait
    end

    def poll(first, read:, done:)
      last = first || read.call
      attempt = 0
      until done.call(last)
        left = @deadline - @clock.now
        if left <= 0
          what = last.is_a?(Payment) ? "payment #{last.pay_no}" : "refund #{last.refund_no}"
          raise WaitTimeoutError.new("payee: #{what} still #{last.status} after #{@max_wait} s", last: last)
        end
        @clock.sleep([[@max_delay, @min_delay * (2**attempt)].min * (0.5 + (rand / 2)), left].min)
        attempt += 1
        last = read.call
      end
      last
    end
  end

  class Refunds < Service
    # Refunds part or all of a paid payment: SUCCEEDED, PROCESSING (outcome later), FAILED or PENDING.
    def create(pay_no, idempotency_key: nil, **params)
      body = CreateRefundRequest.new(**params)
      answer(Refund, @transport.request("POST", payment_path(pay_no, "/refunds"), body: body, idempotency_key: idempotency_key))
    end

    def list(pay_no)
      answer(RefundList, @transport.request("GET", payment_path(pay_no, "/refunds")))
    end
  end

  class Notifications < Service
    # Every notification of the payment and each attempt to deliver it.
    def list(pay_no)
      answer(NotificationList, @transport.request("GET", payment_path(pay_no, "/notifications")))
    end

    # Sends the payment as it is now, as a new notification (409 no_notify_url without one).
    def resend(pay_no)
      answer(Notification, @transport.request("POST", payment_path(pay_no, "/notifications/resend")))
    end
  end

  class Reports < Service
    # The statement reconciliation reports of one day (yyyy-mm-dd).
    def reconciliation(day:, pay_id: nil, company_id: nil)
      query = { "day" => day, "payId" => pay_id, "companyId" => company_id }
      answer(ReconciliationList, @transport.request("GET", "/v1/reports/reconciliation", query: query))
    end

    # Payment figures per China day (UTC+8) +from+ .. +to+ (yyyy-mm-dd, both included, at most 31
    # days), one row per day, channel (or +group_by:+ "method", "payId", "currency") and currency:
    # amounts are never summed across currencies.
    def daily(from:, to:, group_by: nil, company_id: nil)
      query = { "from" => from, "to" => to, "groupBy" => group_by, "companyId" => company_id }
      answer(DailyReport, @transport.request("GET", "/v1/reports/daily", query: query))
    end
  end

  # Groups of payments: several orders paid one by one (batch) or in one checkout (combined).
  class Groups < Service
    # Creates the group and a payment for each member; a member whose payment could not be made
    # carries its +error+ (create again with the same idempotency_key to retry those).
    def create(idempotency_key: nil, **params)
      body = CreateGroupRequest.new(**params)
      answer(Group, @transport.request("POST", "/v1/groups", body: body, idempotency_key: idempotency_key))
    end

    def retrieve(group_no)
      answer(Group, @transport.request("GET", "/v1/groups/#{segment(group_no)}"))
    end

    # One page, newest first.
    def list(limit: nil, cursor: nil)
      answer(GroupList, @transport.request("GET", "/v1/groups", query: { "limit" => limit, "cursor" => cursor }))
    end

    # Every group, page after page as the loop goes (an Enumerator).
    def list_all(limit: nil)
      paginate { |cursor| list(limit: limit, cursor: cursor) }
    end

    # Closes every unpaid member's payment.
    def close(group_no)
      answer(Group, @transport.request("POST", "/v1/groups/#{segment(group_no)}/close"))
    end

    # Asks the provider about every member now; what it says is applied asynchronously.
    def sync(group_no)
      answer(GroupSyncResult, @transport.request("POST", "/v1/groups/#{segment(group_no)}/sync"))
    end
  end

  # The ledger: accounts, their balances and flows (payments' detail lines move money between them).
  class Accounts < Service
    # +overdraft_limit: nil+ for no limit; left out, the API's 0.
    def create(idempotency_key: nil, **params)
      body = CreateAccountRequest.new(**params)
      answer(Account, @transport.request("POST", "/v1/accounts", body: body, idempotency_key: idempotency_key))
    end

    def retrieve(account_id)
      answer(Account, @transport.request("GET", account_path(account_id)))
    end

    # One page of accounts.
    def list(limit: nil, cursor: nil)
      answer(AccountList, @transport.request("GET", "/v1/accounts", query: { "limit" => limit, "cursor" => cursor }))
    end

    # Every account, page after page as the loop goes (an Enumerator).
    def list_all(limit: nil)
      paginate { |cursor| list(limit: limit, cursor: cursor) }
    end

    # The posted balance now, or +at+ a moment (ISO 8601).
    def balance(account_id, at: nil)
      answer(AccountBalance, @transport.request("GET", account_path(account_id, "/balance"), query: { "at" => at }))
    end

    # One page of the account's flows.
    def list_flows(account_id, limit: nil, cursor: nil)
      answer(FlowList, @transport.request("GET", account_path(account_id, "/flows"), query: { "limit" => limit, "cursor" => cursor }))
    end

    # Every flow of the account, page after page as the loop goes (an Enumerator).
    def list_all_flows(account_id, limit: nil)
      paginate { |cursor| list_flows(account_id, limit: limit, cursor: cursor) }
    end

    private

    def account_path(account_id, rest = "")
      "/v1/accounts/#{segment(account_id)}#{rest}"
    end
  end
end
