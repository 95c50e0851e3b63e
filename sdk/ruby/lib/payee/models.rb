# frozen_string_literal: true

module Payee
  PaymentStatus = Enum.define("CREATED", "PENDING", "SUCCEEDED", "PARTIALLY_REFUNDED", "REFUNDED", "CLOSED", "FAILED")
  RefundStatus = Enum.define("PENDING", "PROCESSING", "SUCCEEDED", "FAILED")
  NotificationStatus = Enum.define("PENDING", "DELIVERED", "FAILED")
  # balance.transfer: between two ledger accounts of the merchant's (settles at create, no pay config).
  PaymentMethod = Enum.define("alipay.qr", "alipay.page", "alipay.wap", "alipay.app", "wechat.native", "wechat.jsapi",
                              "wechat.h5", "wechat.app", "unionpay.web", "unionpay.app", "paypal.checkout", "balance.transfer")
  ActionType = Enum.define("qr_code", "redirect", "form", "app_params", "jsapi_params")
  EventOutcome = Enum.define("applied", "ignored")
  ProviderPaymentStatus = Enum.define("NOT_FOUND", "PENDING", "SUCCEEDED", "CLOSED", "REFUNDED")
  RefundSyncOutcome = Enum.define("succeeded", "failed", "processing", "resubmitted", "unavailable", "settled")
  DifferenceKind = Enum.define("missing_locally", "missing_at_provider", "amount_differs", "status_differs", "ledger_differs")
  GroupMode = Enum.define("batch", "combined")
  GroupStatus = Enum.define("open", "paid", "partially_paid", "closed", "mixed")
  AccountType = Enum.define("asset", "liability")
  FlowKind = Enum.define("pending", "post", "void", "posted")
  FlowDirection = Enum.define("debit", "credit")
  ReportGroupBy = Enum.define("channel", "method", "payId", "currency")

  # Statuses a payment does not leave by itself (a refund may still move a paid one on).
  FINAL_PAYMENT_STATUSES = %w[SUCCEEDED PARTIALLY_REFUNDED REFUNDED CLOSED FAILED].freeze
  FINAL_REFUND_STATUSES = %w[SUCCEEDED FAILED].freeze

  # What to show the buyer: a QR code's content, a URL, a form, or parameters (a Hash for jsapi_params).
  class PaymentAction < Model
    field :type, required: true, enum: ActionType
    field :value, Object, required: true
  end

  # Why a payment or refund failed, as the provider said (or why a group member has no payment).
  class Failure < Model
    field :code, required: true
    field :message, required: true
  end

  # A detail line: what moves from one account to another (the lines add up to the amount).
  class DetailLine < Model
    field :account_out, required: true
    field :account_rec, required: true
    field :amount, Integer, required: true
    field :memo
  end

  # A payment: amounts in minor units (1999 = 19.99 CNY), times as ISO 8601 strings.
  class Payment < Model
    field :pay_no, required: true
    field :status, required: true, enum: PaymentStatus
    field :method, required: true
    field :channel, required: true
    field :pay_id, required: true
    field :out_trade_no, required: true
    field :subject, required: true
    field :amount, Integer, required: true
    field :order_amount, Integer, required: true
    field :currency, required: true
    field :refundable_amount, Integer, required: true
    field :action, PaymentAction
    field :provider_trade_no
    field :failure, Failure
    field :notify_url
    field :return_url
    field :metadata, Hash
    field :details, [DetailLine]
    field :expires_at, required: true
    field :created_at, required: true
    field :updated_at, required: true
    field :paid_at
  end

  # One page of payments, newest first; +next_cursor+ is set when more follow.
  class PaymentList < Model
    field :data, [Payment], required: true
    field :next_cursor
  end

  # A provider event payee accepted for a payment (the audit trail).
  class PaymentEvent < Model
    field :event_id, required: true
    field :channel, required: true
    field :provider_status, required: true
    field :status, required: true, enum: PaymentStatus
    field :outcome, required: true, enum: EventOutcome
    field :from_status, required: true, enum: PaymentStatus
    field :to_status, enum: PaymentStatus
    field :reason
    field :amount, Integer, required: true
    field :currency, required: true
    field :provider_trade_no
    field :paid_at
    field :notified_at
    field :recorded_at, required: true
  end

  class PaymentEventList < Model
    field :data, [PaymentEvent], required: true
  end

  # What the provider says about a payment, normalised (sync).
  class ProviderState < Model
    field :status, required: true, enum: ProviderPaymentStatus
    field :provider_status
    field :provider_trade_no
    field :amount, Integer
    field :currency
    field :paid_at
  end

  class RefundOutcome < Model
    field :refund_no, required: true
    field :outcome, required: true, enum: RefundSyncOutcome
  end

  # The payment as it is now and the provider's answer, which payee applies asynchronously.
  class SyncResult < Model
    field :payment, Payment, required: true
    field :provider, ProviderState, required: true
    field :event_id
    field :refunds, [RefundOutcome]
  end

  class Refund < Model
    field :refund_no, required: true
    field :pay_no, required: true
    field :status, required: true, enum: RefundStatus
    field :amount, Integer, required: true
    field :currency, required: true
    field :reason
    field :provider_refund_no
    field :failure, Failure
    field :created_at, required: true
    field :updated_at, required: true
  end

  class RefundList < Model
    field :data, [Refund], required: true
  end

  class NotificationAttempt < Model
    field :n, Integer, required: true
    field :at, required: true
    field :status_code, Integer
    field :error
    field :latency_ms, Integer, required: true
  end

  # A notification of a payment to its notifyUrl, with every delivery attempt.
  class Notification < Model
    field :notification_id, required: true
    field :pay_no, required: true
    field :type, required: true
    field :url, required: true
    field :status, required: true, enum: NotificationStatus
    field :attempts, [NotificationAttempt], required: true
    field :next_attempt_at
    field :created_at, required: true
    field :updated_at, required: true
  end

  class NotificationList < Model
    field :data, [Notification], required: true
  end

  # What payee POSTs to a payment's notifyUrl (verify it with Payee::Webhook.verify_notification).
  class PaymentNotification < Model
    field :id, required: true
    field :type, required: true
    field :created_at, required: true
    field :data, Payment, required: true
  end

  class ProviderSide < Model
    field :amount, Integer
    field :currency, required: true
    field :status, required: true
    field :refunded_amount, Integer, required: true
    field :at, required: true
  end

  class LocalSide < Model
    field :amount, Integer, required: true
    field :currency, required: true
    field :status, required: true
    field :refunded_amount, Integer, required: true
    field :paid_at
  end

  # What a payment's detail lines posted to the ledger (ledger_differs).
  class LedgerSide < Model
    field :posted, Integer, required: true
  end

  class ReconciliationDifference < Model
    field :kind, required: true, enum: DifferenceKind
    field :pay_no, required: true
    field :provider_trade_no
    field :provider, ProviderSide
    field :local, LocalSide
    field :ledger, LedgerSide
  end

  # The daily ledger proof: the day's paid ledger payments, their amounts, what their lines posted, what the statement says.
  class LedgerProof < Model
    field :payments, Integer, required: true
    field :paid, Integer, required: true
    field :posted, Integer, required: true
    field :statement, Integer, required: true
  end

  class ReconciliationReport < Model
    field :pay_id, required: true
    field :channel, required: true
    field :day, required: true
    field :checked_at, required: true
    field :statement_lines, Integer, required: true
    field :local_payments, Integer, required: true
    field :differences, [ReconciliationDifference], required: true
    field :ledger, LedgerProof
  end

  # The statement reconciliation reports of a day.
  class ReconciliationList < Model
    field :day, required: true
    field :data, [ReconciliationReport], required: true
  end

  # A group member: its payment, or why it has none yet.
  class GroupMember < Model
    field :out_trade_no, required: true
    field :pay_no, required: true
    field :payment, Payment
    field :error, Failure
  end

  # A group of payments paid one by one (batch) or in one checkout (combined).
  class Group < Model
    field :group_no, required: true
    field :mode, required: true, enum: GroupMode
    field :status, required: true, enum: GroupStatus
    field :method
    field :notify_url
    field :metadata, Hash
    field :member_count, Integer, required: true
    field :created_at, required: true
    field :updated_at, required: true
    field :action, PaymentAction
    field :members, [GroupMember], required: true
  end

  # What payee POSTs to a group's notifyUrl when the group is paid or closed (Webhook.verify_notification):
  # data is the Group with its members.
  class GroupNotification < Model
    field :id, required: true
    field :type, required: true
    field :created_at, required: true
    field :data, Group, required: true
  end

  # A group as a list shows it (get has its members).
  class GroupSummary < Model
    field :group_no, required: true
    field :mode, required: true, enum: GroupMode
    field :status, required: true, enum: GroupStatus
    field :method
    field :notify_url
    field :metadata, Hash
    field :member_count, Integer, required: true
    field :created_at, required: true
    field :updated_at, required: true
  end

  class GroupList < Model
    field :data, [GroupSummary], required: true
    field :next_cursor
  end

  class GroupMemberSync < Model
    field :pay_no, required: true
    field :provider, enum: ProviderPaymentStatus
    field :event_id
    field :error, Failure
  end

  # The group as it is now and the provider's answer for each member, applied asynchronously.
  class GroupSyncResult < Model
    field :group, Group, required: true
    field :members, [GroupMemberSync], required: true
  end

  # Who pays: the WeChat openid (wechat.jsapi) or the buyer's IP (wechat.h5).
  class Payer < Request
    field :openid
    field :client_ip
  end

  # The body of POST /v1/payments.
  class CreatePaymentRequest < Request
    field :method, required: true, enum: PaymentMethod
    field :out_trade_no, required: true
    field :subject, required: true
    field :amount, Integer, required: true
    field :order_amount, Integer
    field :currency, required: true
    field :notify_url
    field :return_url
    field :expires_in, Integer
    field :payer, Payer
    field :pay_id
    field :scene
    field :metadata, Hash
    field :details, [DetailLine]
  end

  # The body of POST /v1/payments/{payNo}/refunds.
  class CreateRefundRequest < Request
    field :amount, Integer, required: true
    field :reason
  end

  # One member of a group to create: a payment's own fields (method, payer and URLs come from the group).
  class GroupMemberRequest < Request
    field :method, enum: PaymentMethod
    field :out_trade_no, required: true
    field :subject, required: true
    field :amount, Integer, required: true
    field :order_amount, Integer
    field :currency, required: true
    field :pay_id
    field :metadata, Hash
    field :details, [DetailLine]
  end

  # The body of POST /v1/groups: 1 to 50 members.
  class CreateGroupRequest < Request
    field :mode, required: true, enum: GroupMode
    field :method, enum: PaymentMethod
    field :notify_url
    field :return_url
    field :expires_in, Integer
    field :payer, Payer
    field :pay_id
    field :scene
    field :metadata, Hash
    field :members, [GroupMemberRequest], required: true
  end

  # An account's balance in minor units: posted, pending both ways, and what is available
  # (posted - pending_outgoing: what the overdraft rule is checked against).
  class Balance < Model
    field :posted, Integer, required: true
    field :pending_incoming, Integer, required: true
    field :pending_outgoing, Integer, required: true
    field :available, Integer, required: true
    field :posted_debits, Integer, required: true
    field :posted_credits, Integer, required: true
    field :pending_debits, Integer, required: true
    field :pending_credits, Integer, required: true
  end

  # A ledger account and its balance. +overdraft_limit+: how far below zero the available balance
  # may go; nil: no limit.
  class Account < Model
    field :account_id, required: true
    field :currency, required: true
    field :type, required: true, enum: AccountType
    field :name
    field :overdraft_limit, Integer, nullable: true
    field :shards, Integer, required: true
    field :balance, Balance, required: true
    field :created_at, required: true
  end

  class AccountList < Model
    field :data, [Account], required: true
    field :next_cursor
  end

  # An account's posted balance at a moment.
  class AccountBalance < Model
    field :account_id, required: true
    field :currency, required: true
    field :at, required: true
    field :posted, Integer, required: true
  end

  # A movement of money between two accounts, as one of them sees it (+line+: the payment's detail line).
  class Flow < Model
    field :flow_id, required: true
    field :kind, required: true, enum: FlowKind
    field :direction, required: true, enum: FlowDirection
    field :amount, Integer, required: true
    field :currency, required: true
    field :account_out, required: true
    field :account_rec, required: true
    field :pay_no, required: true
    field :refund_no
    field :line, Integer, required: true
    field :pending_flow_id
    field :memo
    field :at, required: true
  end

  class FlowList < Model
    field :data, [Flow], required: true
    field :next_cursor
  end

  # The body of POST /v1/accounts. +overdraft_limit+: absent is the API's 0 (never below zero),
  # nil is no limit (needed for more than 1 shard).
  class CreateAccountRequest < Request
    field :currency, required: true
    field :type, required: true, enum: AccountType
    field :name
    field :overdraft_limit, Integer, nullable: true
    field :shards, Integer
  end

  # How many payments (or refunds) and their amount in minor units.
  class Tally < Model
    field :count, Integer, required: true
    field :amount, Integer, required: true
  end

  # A duration's percentiles over +count+ samples (none without samples).
  class Latency < Model
    field :count, Integer, required: true
    field :p50_ms, Integer
    field :p95_ms, Integer
  end

  # One China day (UTC+8), one value (+group+) of the report's dimension and one +currency+ (ISO
  # 4217: every amount of the row is in it; a group paid in two currencies has a row for each).
  class DailyReportRow < Model
    field :day, required: true
    field :group, required: true
    field :currency, required: true
    field :created, Tally, required: true
    field :succeeded, Tally, required: true
    field :closed, Tally, required: true
    field :failed, Tally, required: true
    field :refunded, Tally, required: true
    field :success_rate, Numeric
    field :average_ticket, Integer
    field :time_to_pay, Latency, required: true
    field :callback_latency, Latency, required: true
  end

  # Payment figures per China day from +from+ to +to+ (at most 31 days), one row per day, group and currency.
  class DailyReport < Model
    field :from, required: true
    field :to, required: true
    field :group_by, required: true, enum: ReportGroupBy
    field :data, [DailyReportRow], required: true
  end
end
