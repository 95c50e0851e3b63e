#pragma once
// Models mirror the component schemas of the API's OpenAPI document (docs/openapi.json): one
// struct per schema, with the schema's name and its fields in snake_case. Amounts are integer
// minor units of `currency` (CNY 2 digits, JPY 0, KWD 3); timestamps are the API's ISO 8601
// strings (UTC). A field the document does not require is a std::optional, empty when the API
// leaves it out. Each enum has an `unknown` enumerator for a value newer than this SDK.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "payee/detail/meta.hpp"

namespace payee {

using meta::field;
using Metadata = std::map<std::string, std::string>;

/// A payment's place in payee's status machine.
enum class PaymentStatus { created, pending, succeeded, partially_refunded, refunded, closed, failed, unknown };

/// Whether the buyer can no longer pay: paid (and perhaps refunded since), closed or refused.
bool is_final(PaymentStatus status);

/// How the buyer pays: a provider and one of its products.
enum class Method {
  alipay_qr, alipay_page, alipay_wap, alipay_app,
  wechat_native, wechat_jsapi, wechat_h5, wechat_app,
  unionpay_web, unionpay_app, paypal_checkout,
  balance_transfer,  ///< from a ledger account's balance (detail lines name the accounts)
  unknown
};

/// What Action::value holds: a string for every type but jsapi_params, whose value is an object.
enum class ActionType { qr_code, redirect, form, app_params, jsapi_params, unknown };

enum class EventOutcome { applied, ignored, unknown };

/// What the provider answered a sync with.
enum class ProviderStatus { not_found, pending, succeeded, closed, refunded, unknown };

enum class RefundOutcome { succeeded, failed, processing, resubmitted, unavailable, settled, unknown };

enum class RefundStatus { pending, processing, succeeded, failed, unknown };

/// Whether a refund reached SUCCEEDED or FAILED.
bool is_final(RefundStatus status);

enum class NotificationStatus { pending, delivered, failed, unknown };

enum class DifferenceKind { missing_locally, missing_at_provider, amount_differs, status_differs, ledger_differs, unknown };

/// error.type of the API's error body; the SDK's error classes are named for each (errors.hpp).
enum class ApiErrorType { invalid_request, authentication, not_found, conflict, idempotency, provider, unavailable, internal, unknown };

/// Method-specific buyer fields: wechat.jsapi needs openid, wechat.h5 client_ip.
struct Payer {
  std::optional<std::string> openid;
  std::optional<std::string> client_ip;
  static constexpr auto fields() { return std::make_tuple(field("openid", &Payer::openid), field("clientIp", &Payer::client_ip)); }
};

/// A line moving part of a payment's amount from account_out to account_rec (the ledger's
/// debit and credit); a payment's lines add up to its amount.
struct DetailLine {
  std::string account_out;
  std::string account_rec;
  std::int64_t amount = 0;
  std::optional<std::string> memo;
  static constexpr auto fields() {
    return std::make_tuple(field("accountOut", &DetailLine::account_out), field("accountRec", &DetailLine::account_rec),
                           field("amount", &DetailLine::amount), field("memo", &DetailLine::memo));
  }
};

/// The body of POST /v1/payments.
struct CreatePaymentRequest {
  Method method = Method::unknown;
  std::string out_trade_no;  ///< your order number, unique per company
  std::string subject;
  std::int64_t amount = 0;   ///< what the buyer pays
  std::string currency;
  std::optional<std::int64_t> order_amount;  ///< what the order is worth; the API defaults it to amount
  std::optional<std::string> notify_url;
  std::optional<std::string> return_url;
  std::optional<std::int64_t> expires_in;    ///< the payment's lifetime in seconds (60 … 604800)
  std::optional<Payer> payer;
  std::optional<std::string> pay_id;  ///< picks the pay config; scene picks it through a scene; at most one
  std::optional<std::string> scene;
  std::optional<Metadata> metadata;
  std::optional<std::vector<DetailLine>> details;  ///< 1-20 lines adding up to amount
  static constexpr auto fields() {
    using R = CreatePaymentRequest;
    return std::make_tuple(field("method", &R::method), field("outTradeNo", &R::out_trade_no), field("subject", &R::subject),
                           field("amount", &R::amount), field("currency", &R::currency), field("orderAmount", &R::order_amount),
                           field("notifyUrl", &R::notify_url), field("returnUrl", &R::return_url), field("expiresIn", &R::expires_in),
                           field("payer", &R::payer), field("payId", &R::pay_id), field("scene", &R::scene), field("metadata", &R::metadata),
                           field("details", &R::details));
  }
};

/// What to show the buyer: a QR code's content, a URL, an HTML form, app parameters (strings), or
/// the parameters of WeChat's JSAPI (an object).
struct Action {
  using Value = std::variant<std::string, std::map<std::string, std::string>>;
  ActionType type = ActionType::unknown;
  Value value;
  static constexpr auto fields() { return std::make_tuple(field("type", &Action::type), field("value", &Action::value)); }
};

/// A code and a message: the provider's refusal, or why a group member has no payment.
struct Failure {
  std::string code;
  std::string message;
  static constexpr auto fields() { return std::make_tuple(field("code", &Failure::code), field("message", &Failure::message)); }
};

/// A payment as the API returns it.
struct Payment {
  std::string pay_no;
  PaymentStatus status = PaymentStatus::unknown;
  std::string method;  ///< a string, not a Method: an answer may name a method newer than this SDK
  std::string channel;
  std::string pay_id;
  std::string out_trade_no;
  std::string subject;
  std::int64_t amount = 0;
  std::int64_t order_amount = 0;
  std::string currency;
  std::int64_t refundable_amount = 0;
  std::optional<Action> action;
  std::optional<std::string> provider_trade_no;
  std::optional<Failure> failure;
  std::optional<std::string> notify_url;
  std::optional<std::string> return_url;
  std::optional<Metadata> metadata;
  std::optional<std::vector<DetailLine>> details;  ///< the detail lines given at create
  std::string expires_at;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> paid_at;
  static constexpr auto fields() {
    using P = Payment;
    return std::make_tuple(field("payNo", &P::pay_no), field("status", &P::status), field("method", &P::method), field("channel", &P::channel),
                           field("payId", &P::pay_id), field("outTradeNo", &P::out_trade_no), field("subject", &P::subject),
                           field("amount", &P::amount), field("orderAmount", &P::order_amount), field("currency", &P::currency),
                           field("refundableAmount", &P::refundable_amount), field("action", &P::action),
                           field("providerTradeNo", &P::provider_trade_no), field("failure", &P::failure), field("notifyUrl", &P::notify_url),
                           field("returnUrl", &P::return_url), field("metadata", &P::metadata), field("details", &P::details),
                           field("expiresAt", &P::expires_at),
                           field("createdAt", &P::created_at), field("updatedAt", &P::updated_at), field("paidAt", &P::paid_at));
  }
};

/// One page of GET /v1/payments; next_cursor is empty on the last page.
struct PaymentList {
  std::vector<Payment> data;
  std::optional<std::string> next_cursor;
  static constexpr auto fields() { return std::make_tuple(field("data", &PaymentList::data), field("nextCursor", &PaymentList::next_cursor)); }
};

/// The query of GET /v1/payments; empty fields are left out.
struct ListPaymentsParams {
  std::optional<std::string> company_id;    ///< a descendant company's payments instead of the caller's
  std::optional<std::string> out_trade_no;  ///< the one payment with this order number
  std::optional<int> limit;                 ///< page size, 1-100 (API default 20)
  std::optional<std::string> cursor;        ///< the previous page's next_cursor
  std::optional<std::string> created_from;  ///< ISO 8601; at most 366 days before created_to
  std::optional<std::string> created_to;    ///< ISO 8601, exclusive; the API defaults it to now
  /// The query string's name-value pairs, in this order.
  std::vector<std::pair<std::string, std::string>> query() const;
};

/// A provider event payee accepted for the payment (its audit trail).
struct PaymentEvent {
  std::string event_id;
  std::string channel;
  std::string provider_status;
  PaymentStatus status = PaymentStatus::unknown;
  EventOutcome outcome = EventOutcome::unknown;
  PaymentStatus from_status = PaymentStatus::unknown;
  std::optional<PaymentStatus> to_status;
  std::optional<std::string> reason;
  std::int64_t amount = 0;
  std::string currency;
  std::optional<std::string> provider_trade_no;
  std::optional<std::string> paid_at;
  std::optional<std::string> notified_at;
  std::string recorded_at;
  static constexpr auto fields() {
    using E = PaymentEvent;
    return std::make_tuple(field("eventId", &E::event_id), field("channel", &E::channel), field("providerStatus", &E::provider_status),
                           field("status", &E::status), field("outcome", &E::outcome), field("fromStatus", &E::from_status),
                           field("toStatus", &E::to_status), field("reason", &E::reason), field("amount", &E::amount),
                           field("currency", &E::currency), field("providerTradeNo", &E::provider_trade_no), field("paidAt", &E::paid_at),
                           field("notifiedAt", &E::notified_at), field("recordedAt", &E::recorded_at));
  }
};

struct PaymentEventList {
  std::vector<PaymentEvent> data;
  static constexpr auto fields() { return std::make_tuple(field("data", &PaymentEventList::data)); }
};

/// The provider's view of a payment, as a sync read it.
struct ProviderView {
  ProviderStatus status = ProviderStatus::unknown;
  std::optional<std::string> provider_status;
  std::optional<std::string> provider_trade_no;
  std::optional<std::int64_t> amount;
  std::optional<std::string> currency;
  std::optional<std::string> paid_at;
  static constexpr auto fields() {
    using V = ProviderView;
    return std::make_tuple(field("status", &V::status), field("providerStatus", &V::provider_status),
                           field("providerTradeNo", &V::provider_trade_no), field("amount", &V::amount), field("currency", &V::currency),
                           field("paidAt", &V::paid_at));
  }
};

struct SyncedRefund {
  std::string refund_no;
  RefundOutcome outcome = RefundOutcome::unknown;
  static constexpr auto fields() { return std::make_tuple(field("refundNo", &SyncedRefund::refund_no), field("outcome", &SyncedRefund::outcome)); }
};

/// The answer of POST /v1/payments/{payNo}/sync: the provider's answer is applied through the
/// same queue as callbacks, so `payment` may not show it yet.
struct SyncResult {
  Payment payment;
  ProviderView provider;
  std::optional<std::string> event_id;
  std::optional<std::vector<SyncedRefund>> refunds;
  static constexpr auto fields() {
    using S = SyncResult;
    return std::make_tuple(field("payment", &S::payment), field("provider", &S::provider), field("eventId", &S::event_id),
                           field("refunds", &S::refunds));
  }
};

/// The body of POST /v1/payments/{payNo}/refunds.
struct CreateRefundRequest {
  std::int64_t amount = 0;  ///< at most the payment's refundable_amount
  std::optional<std::string> reason;
  static constexpr auto fields() { return std::make_tuple(field("amount", &CreateRefundRequest::amount), field("reason", &CreateRefundRequest::reason)); }
};

struct Refund {
  std::string refund_no;
  std::string pay_no;
  RefundStatus status = RefundStatus::unknown;
  std::int64_t amount = 0;
  std::string currency;
  std::optional<std::string> reason;
  std::optional<std::string> provider_refund_no;
  std::optional<Failure> failure;
  std::string created_at;
  std::string updated_at;
  static constexpr auto fields() {
    using R = Refund;
    return std::make_tuple(field("refundNo", &R::refund_no), field("payNo", &R::pay_no), field("status", &R::status),
                           field("amount", &R::amount), field("currency", &R::currency), field("reason", &R::reason),
                           field("providerRefundNo", &R::provider_refund_no), field("failure", &R::failure),
                           field("createdAt", &R::created_at), field("updatedAt", &R::updated_at));
  }
};

struct RefundList {
  std::vector<Refund> data;
  static constexpr auto fields() { return std::make_tuple(field("data", &RefundList::data)); }
};

/// One delivery attempt of a notification.
struct Attempt {
  int n = 0;
  std::string at;
  std::optional<int> status_code;
  std::optional<std::string> error;
  std::int64_t latency_ms = 0;
  static constexpr auto fields() {
    return std::make_tuple(field("n", &Attempt::n), field("at", &Attempt::at), field("statusCode", &Attempt::status_code),
                           field("error", &Attempt::error), field("latencyMs", &Attempt::latency_ms));
  }
};

/// A notification of the payment to the merchant's notifyUrl and its delivery attempts.
struct Notification {
  std::string notification_id;
  std::string pay_no;
  std::string type;  ///< payment.succeeded, payment.closed, ... (an open list)
  std::string url;
  NotificationStatus status = NotificationStatus::unknown;
  std::vector<Attempt> attempts;
  std::optional<std::string> next_attempt_at;
  std::string created_at;
  std::string updated_at;
  static constexpr auto fields() {
    using N = Notification;
    return std::make_tuple(field("notificationId", &N::notification_id), field("payNo", &N::pay_no), field("type", &N::type),
                           field("url", &N::url), field("status", &N::status), field("attempts", &N::attempts),
                           field("nextAttemptAt", &N::next_attempt_at), field("createdAt", &N::created_at), field("updatedAt", &N::updated_at));
  }
};

struct NotificationList {
  std::vector<Notification> data;
  static constexpr auto fields() { return std::make_tuple(field("data", &NotificationList::data)); }
};

/// The body payee POSTs to a payment's notifyUrl (verify it with payee::verify_notification).
struct PaymentNotification {
  std::string id;
  std::string type;
  std::string created_at;
  Payment data;
  static constexpr auto fields() {
    using N = PaymentNotification;
    return std::make_tuple(field("id", &N::id), field("type", &N::type), field("createdAt", &N::created_at), field("data", &N::data));
  }
};

/// batch: independent payments made in one call; combined: the buyer pays every member at once.
enum class GroupMode { batch, combined, unknown };

/// From the members: open (none settled), paid (all paid), partially_paid, closed, mixed.
enum class GroupStatus { open, paid, partially_paid, closed, mixed, unknown };

/// One member payment of a CreateGroupRequest.
struct GroupMemberRequest {
  std::optional<Method> method;  ///< batch only; defaults to the group's
  std::string out_trade_no;
  std::string subject;
  std::int64_t amount = 0;
  std::optional<std::int64_t> order_amount;
  std::string currency;
  std::optional<std::string> pay_id;  ///< batch only; defaults to the group's
  std::optional<Metadata> metadata;
  std::optional<std::vector<DetailLine>> details;
  static constexpr auto fields() {
    using M = GroupMemberRequest;
    return std::make_tuple(field("method", &M::method), field("outTradeNo", &M::out_trade_no), field("subject", &M::subject),
                           field("amount", &M::amount), field("orderAmount", &M::order_amount), field("currency", &M::currency),
                           field("payId", &M::pay_id), field("metadata", &M::metadata), field("details", &M::details));
  }
};

/// The body of POST /v1/groups.
struct CreateGroupRequest {
  GroupMode mode = GroupMode::unknown;
  std::optional<Method> method;  ///< every member's (required in combined mode)
  std::optional<std::string> notify_url;
  std::optional<std::string> return_url;
  std::optional<std::int64_t> expires_in;
  std::optional<Payer> payer;
  std::optional<std::string> pay_id;
  std::optional<std::string> scene;
  std::optional<Metadata> metadata;
  std::vector<GroupMemberRequest> members;  ///< 1-50
  static constexpr auto fields() {
    using R = CreateGroupRequest;
    return std::make_tuple(field("mode", &R::mode), field("method", &R::method), field("notifyUrl", &R::notify_url),
                           field("returnUrl", &R::return_url), field("expiresIn", &R::expires_in), field("payer", &R::payer),
                           field("payId", &R::pay_id), field("scene", &R::scene), field("metadata", &R::metadata),
                           field("members", &R::members));
  }
};

/// A group without its members, as GET /v1/groups lists it.
struct GroupSummary {
  std::string group_no;
  GroupMode mode = GroupMode::unknown;
  GroupStatus status = GroupStatus::unknown;
  std::optional<std::string> method;
  std::optional<std::string> notify_url;
  std::optional<Metadata> metadata;
  int member_count = 0;
  std::string created_at;
  std::string updated_at;
  static constexpr auto fields() {
    using G = GroupSummary;
    return std::make_tuple(field("groupNo", &G::group_no), field("mode", &G::mode), field("status", &G::status), field("method", &G::method),
                           field("notifyUrl", &G::notify_url), field("metadata", &G::metadata), field("memberCount", &G::member_count),
                           field("createdAt", &G::created_at), field("updatedAt", &G::updated_at));
  }
};

/// A member of a group: its payment as it is now, or why it has none.
struct GroupMember {
  std::string out_trade_no;
  std::string pay_no;
  std::optional<Payment> payment;
  std::optional<Failure> error;
  static constexpr auto fields() {
    return std::make_tuple(field("outTradeNo", &GroupMember::out_trade_no), field("payNo", &GroupMember::pay_no),
                           field("payment", &GroupMember::payment), field("error", &GroupMember::error));
  }
};

/// A group with its members (and, combined, the one action that pays them all).
struct Group : GroupSummary {
  std::optional<Action> action;
  std::vector<GroupMember> members;
  static constexpr auto fields() {
    return std::tuple_cat(GroupSummary::fields(), std::make_tuple(field("action", &Group::action), field("members", &Group::members)));
  }
};

/// The body payee POSTs to a group's notifyUrl when the group is paid or closed (verify it with
/// payee::verify_notification): data is the group with its members.
struct GroupNotification {
  std::string id;
  std::string type;
  std::string created_at;
  Group data;
  static constexpr auto fields() {
    using N = GroupNotification;
    return std::make_tuple(field("id", &N::id), field("type", &N::type), field("createdAt", &N::created_at), field("data", &N::data));
  }
};

/// One page of GET /v1/groups; next_cursor is empty on the last page.
struct GroupList {
  std::vector<GroupSummary> data;
  std::optional<std::string> next_cursor;
  static constexpr auto fields() { return std::make_tuple(field("data", &GroupList::data), field("nextCursor", &GroupList::next_cursor)); }
};

/// The query of a list that only pages: groups, accounts, an account's flows.
struct PageParams {
  std::optional<int> limit;           ///< page size (the API's default when unset)
  std::optional<std::string> cursor;  ///< the previous page's next_cursor
  std::vector<std::pair<std::string, std::string>> query() const;
};
using ListGroupsParams = PageParams;
using ListAccountsParams = PageParams;
using ListAccountFlowsParams = PageParams;

/// What a provider answered about one member.
struct GroupMemberSync {
  std::string pay_no;
  std::optional<ProviderStatus> provider;
  std::optional<std::string> event_id;
  std::optional<Failure> error;
  static constexpr auto fields() {
    return std::make_tuple(field("payNo", &GroupMemberSync::pay_no), field("provider", &GroupMemberSync::provider),
                           field("eventId", &GroupMemberSync::event_id), field("error", &GroupMemberSync::error));
  }
};

/// The answer of POST /v1/groups/{groupNo}/sync.
struct GroupSyncResult {
  Group group;
  std::vector<GroupMemberSync> members;
  static constexpr auto fields() { return std::make_tuple(field("group", &GroupSyncResult::group), field("members", &GroupSyncResult::members)); }
};

/// liability: what payee owes its holder (a wallet), grows with credits; asset: grows with debits.
enum class AccountType { asset, liability, unknown };

/// A ledger account's balances, in minor units of its currency.
struct Balance {
  std::int64_t posted = 0;            ///< in the account type's own sense
  std::int64_t pending_incoming = 0;  ///< pending flows that will raise posted when their payments succeed
  std::int64_t pending_outgoing = 0;  ///< pending flows that will lower it; already held from available
  std::int64_t available = 0;         ///< posted - pending_outgoing: what the overdraft rule is checked against
  std::int64_t posted_debits = 0;
  std::int64_t posted_credits = 0;
  std::int64_t pending_debits = 0;
  std::int64_t pending_credits = 0;
  static constexpr auto fields() {
    using B = Balance;
    return std::make_tuple(field("posted", &B::posted), field("pendingIncoming", &B::pending_incoming),
                           field("pendingOutgoing", &B::pending_outgoing), field("available", &B::available),
                           field("postedDebits", &B::posted_debits), field("postedCredits", &B::posted_credits),
                           field("pendingDebits", &B::pending_debits), field("pendingCredits", &B::pending_credits));
  }
};

/// A ledger account.
struct Account {
  std::string account_id;
  std::string currency;
  AccountType type = AccountType::unknown;
  std::optional<std::string> name;
  std::optional<std::int64_t> overdraft_limit;  ///< how far below zero available may go; std::nullopt: no limit
  int shards = 1;
  Balance balance;
  std::string created_at;
  static constexpr auto fields() {
    using A = Account;
    return std::make_tuple(field("accountId", &A::account_id), field("currency", &A::currency), field("type", &A::type),
                           field("name", &A::name), field("overdraftLimit", &A::overdraft_limit), field("shards", &A::shards),
                           field("balance", &A::balance), field("createdAt", &A::created_at));
  }
};

/// The body of POST /v1/accounts.
struct CreateAccountRequest {
  std::string currency;
  AccountType type = AccountType::unknown;
  std::optional<std::string> name;
  /// Unset: the API's default, 0 (never below zero); set to std::optional<std::int64_t>() (null): no limit.
  std::optional<std::optional<std::int64_t>> overdraft_limit;
  std::optional<int> shards;  ///< balance items the account is spread over, 1-32 (default 1)
  static constexpr auto fields() {
    using R = CreateAccountRequest;
    return std::make_tuple(field("currency", &R::currency), field("type", &R::type), field("name", &R::name),
                           field("overdraftLimit", &R::overdraft_limit), field("shards", &R::shards));
  }
};

/// One page of GET /v1/accounts.
struct AccountList {
  std::vector<Account> data;
  std::optional<std::string> next_cursor;
  static constexpr auto fields() { return std::make_tuple(field("data", &AccountList::data), field("nextCursor", &AccountList::next_cursor)); }
};

/// The posted balance of an account at a time.
struct AccountBalance {
  std::string account_id;
  std::string currency;
  std::string at;
  std::int64_t posted = 0;
  static constexpr auto fields() {
    return std::make_tuple(field("accountId", &AccountBalance::account_id), field("currency", &AccountBalance::currency),
                           field("at", &AccountBalance::at), field("posted", &AccountBalance::posted));
  }
};

/// The query of GET /v1/accounts/{accountId}/balance.
struct AccountBalanceParams {
  std::optional<std::string> at;  ///< ISO 8601: the posted balance as it was then; default now
  std::vector<std::pair<std::string, std::string>> query() const;
};

/// pending: held at create; post: its payment succeeded; void: its payment did not; posted: at once.
enum class FlowKind { pending, post, void_, posted, unknown };

/// This account's side of a flow.
enum class FlowDirection { debit, credit, unknown };

/// A movement of an account's balance.
struct Flow {
  std::string flow_id;
  FlowKind kind = FlowKind::unknown;
  FlowDirection direction = FlowDirection::unknown;
  std::int64_t amount = 0;
  std::string currency;
  std::string account_out;  ///< the debited account
  std::string account_rec;  ///< the credited account
  std::string pay_no;
  std::optional<std::string> refund_no;
  int line = 0;  ///< the payment's detail line, from 0
  std::optional<std::string> pending_flow_id;  ///< the pending flow a post or void resolves
  std::optional<std::string> memo;
  std::string at;
  static constexpr auto fields() {
    using F = Flow;
    return std::make_tuple(field("flowId", &F::flow_id), field("kind", &F::kind), field("direction", &F::direction), field("amount", &F::amount),
                           field("currency", &F::currency), field("accountOut", &F::account_out), field("accountRec", &F::account_rec),
                           field("payNo", &F::pay_no), field("refundNo", &F::refund_no), field("line", &F::line),
                           field("pendingFlowId", &F::pending_flow_id), field("memo", &F::memo), field("at", &F::at));
  }
};

/// One page of an account's flows, newest first.
struct FlowList {
  std::vector<Flow> data;
  std::optional<std::string> next_cursor;
  static constexpr auto fields() { return std::make_tuple(field("data", &FlowList::data), field("nextCursor", &FlowList::next_cursor)); }
};

/// One dimension of GET /v1/reports/daily's rows.
enum class GroupBy { channel, method, pay_id, currency, unknown };

/// How many payments and their sum in minor units of the row's currency.
struct CountAmount {
  std::int64_t count = 0;
  std::int64_t amount = 0;
  static constexpr auto fields() { return std::make_tuple(field("count", &CountAmount::count), field("amount", &CountAmount::amount)); }
};

/// A duration's median and 95th percentile (upper bounds of histogram buckets), of `count` measured.
struct Percentiles {
  std::int64_t count = 0;
  std::optional<std::int64_t> p50_ms;
  std::optional<std::int64_t> p95_ms;
  static constexpr auto fields() {
    return std::make_tuple(field("count", &Percentiles::count), field("p50Ms", &Percentiles::p50_ms), field("p95Ms", &Percentiles::p95_ms));
  }
};

/// One China day (UTC+8), one value of the report's group_by and one currency.
struct DailyRow {
  std::string day;
  std::string group;
  std::string currency;  ///< ISO 4217: every amount of the row is in it; a group paid in two has a row for each
  CountAmount created;
  CountAmount succeeded;
  CountAmount closed;
  CountAmount failed;
  CountAmount refunded;  ///< refunds that succeeded
  std::optional<double> success_rate;          ///< succeeded / created (absent without creates)
  std::optional<std::int64_t> average_ticket;  ///< succeeded amount / succeeded count
  Percentiles time_to_pay;                     ///< from create to paid
  Percentiles callback_latency;                ///< from the provider's notification to payee applying it
  static constexpr auto fields() {
    using R = DailyRow;
    return std::make_tuple(field("day", &R::day), field("group", &R::group), field("currency", &R::currency), field("created", &R::created),
                           field("succeeded", &R::succeeded),
                           field("closed", &R::closed), field("failed", &R::failed), field("refunded", &R::refunded),
                           field("successRate", &R::success_rate), field("averageTicket", &R::average_ticket),
                           field("timeToPay", &R::time_to_pay), field("callbackLatency", &R::callback_latency));
  }
};

/// GET /v1/reports/daily: the figures of each day from `from` to `to`, per value of group_by and currency.
struct DailyReport {
  std::string from;
  std::string to;
  GroupBy group_by = GroupBy::unknown;
  std::vector<DailyRow> data;
  static constexpr auto fields() {
    return std::make_tuple(field("from", &DailyReport::from), field("to", &DailyReport::to), field("groupBy", &DailyReport::group_by),
                           field("data", &DailyReport::data));
  }
};

/// The query of GET /v1/reports/daily.
struct DailyReportParams {
  std::string from;  ///< the first China day, yyyy-mm-dd, included; required
  std::string to;    ///< the last, included (at most 31 days); required
  std::optional<GroupBy> group_by;        ///< default channel
  std::optional<std::string> company_id;  ///< a descendant company's figures instead of the caller's
  std::vector<std::pair<std::string, std::string>> query() const;
};

/// The query of GET /v1/reports/reconciliation.
struct ReconciliationParams {
  std::string day;                        ///< yyyy-mm-dd, the statement's day; required
  std::optional<std::string> pay_id;      ///< only this pay config
  std::optional<std::string> company_id;  ///< a descendant company's reports instead of the caller's
  std::vector<std::pair<std::string, std::string>> query() const;
};

/// A statement line as the provider has it.
struct StatementSide {
  std::optional<std::int64_t> amount;
  std::string currency;
  std::string status;
  std::int64_t refunded_amount = 0;
  std::string at;
  static constexpr auto fields() {
    using S = StatementSide;
    return std::make_tuple(field("amount", &S::amount), field("currency", &S::currency), field("status", &S::status),
                           field("refundedAmount", &S::refunded_amount), field("at", &S::at));
  }
};

/// The payment as payee has it.
struct LocalSide {
  std::int64_t amount = 0;
  std::string currency;
  std::string status;
  std::int64_t refunded_amount = 0;
  std::optional<std::string> paid_at;
  static constexpr auto fields() {
    using L = LocalSide;
    return std::make_tuple(field("amount", &L::amount), field("currency", &L::currency), field("status", &L::status),
                           field("refundedAmount", &L::refunded_amount), field("paidAt", &L::paid_at));
  }
};

/// What the payment's detail lines posted to the ledger (ledger_differs).
struct LedgerSide {
  std::int64_t posted = 0;
  static constexpr auto fields() { return std::make_tuple(field("posted", &LedgerSide::posted)); }
};

struct Difference {
  DifferenceKind kind = DifferenceKind::unknown;
  std::string pay_no;
  std::optional<std::string> provider_trade_no;
  std::optional<StatementSide> provider;
  std::optional<LocalSide> local;
  std::optional<LedgerSide> ledger;
  static constexpr auto fields() {
    using D = Difference;
    return std::make_tuple(field("kind", &D::kind), field("payNo", &D::pay_no), field("providerTradeNo", &D::provider_trade_no),
                           field("provider", &D::provider), field("local", &D::local), field("ledger", &D::ledger));
  }
};

/// The daily ledger proof: the day's paid ledger payments, their amounts, what their detail lines
/// posted and what the statement says they were paid (minor units).
struct LedgerProof {
  std::int64_t payments = 0;
  std::int64_t paid = 0;
  std::int64_t posted = 0;
  std::int64_t statement = 0;
  static constexpr auto fields() {
    using P = LedgerProof;
    return std::make_tuple(field("payments", &P::payments), field("paid", &P::paid), field("posted", &P::posted), field("statement", &P::statement));
  }
};

/// One pay config's statement of the day checked against payee's payments.
struct ReconciliationReport {
  std::string pay_id;
  std::string channel;
  std::string day;
  std::string checked_at;
  int statement_lines = 0;
  int local_payments = 0;
  std::vector<Difference> differences;
  /// Absent when no payment of the day posts to the ledger.
  std::optional<LedgerProof> ledger;
  static constexpr auto fields() {
    using R = ReconciliationReport;
    return std::make_tuple(field("payId", &R::pay_id), field("channel", &R::channel), field("day", &R::day),
                           field("checkedAt", &R::checked_at), field("statementLines", &R::statement_lines),
                           field("localPayments", &R::local_payments), field("differences", &R::differences),
                           field("ledger", &R::ledger));
  }
};

struct ReconciliationList {
  std::string day;
  std::vector<ReconciliationReport> data;
  static constexpr auto fields() { return std::make_tuple(field("day", &ReconciliationList::day), field("data", &ReconciliationList::data)); }
};

/// The API's error body (the document's Error schema), read into the error classes of errors.hpp.
struct ErrorDetail {
  ApiErrorType type = ApiErrorType::unknown;
  std::string code;
  std::string message;
  std::optional<std::string> param;
  std::optional<std::string> pay_no;
  std::optional<std::string> request_id;
  static constexpr auto fields() {
    using E = ErrorDetail;
    return std::make_tuple(field("type", &E::type), field("code", &E::code), field("message", &E::message), field("param", &E::param),
                           field("payNo", &E::pay_no), field("requestId", &E::request_id));
  }
};

struct ErrorBody {
  ErrorDetail error;
  static constexpr auto fields() { return std::make_tuple(field("error", &ErrorBody::error)); }
};

}  // namespace payee

// The enums' API strings, one table each (to_string, enum_from_string and JSON read them).
namespace payee::meta {

#define PAYEE_ENUM_VALUES(E, ...)                                                             \
  template <>                                                                                 \
  struct EnumValues<E> {                                                                      \
    static constexpr std::pair<E, std::string_view> values[] = {__VA_ARGS__};                 \
  };

PAYEE_ENUM_VALUES(PaymentStatus, {PaymentStatus::created, "CREATED"}, {PaymentStatus::pending, "PENDING"},
                  {PaymentStatus::succeeded, "SUCCEEDED"}, {PaymentStatus::partially_refunded, "PARTIALLY_REFUNDED"},
                  {PaymentStatus::refunded, "REFUNDED"}, {PaymentStatus::closed, "CLOSED"}, {PaymentStatus::failed, "FAILED"})
PAYEE_ENUM_VALUES(Method, {Method::alipay_qr, "alipay.qr"}, {Method::alipay_page, "alipay.page"}, {Method::alipay_wap, "alipay.wap"},
                  {Method::alipay_app, "alipay.app"}, {Method::wechat_native, "wechat.native"}, {Method::wechat_jsapi, "wechat.jsapi"},
                  {Method::wechat_h5, "wechat.h5"}, {Method::wechat_app, "wechat.app"}, {Method::unionpay_web, "unionpay.web"},
                  {Method::unionpay_app, "unionpay.app"}, {Method::paypal_checkout, "paypal.checkout"},
                  {Method::balance_transfer, "balance.transfer"})
PAYEE_ENUM_VALUES(ActionType, {ActionType::qr_code, "qr_code"}, {ActionType::redirect, "redirect"}, {ActionType::form, "form"},
                  {ActionType::app_params, "app_params"}, {ActionType::jsapi_params, "jsapi_params"})
PAYEE_ENUM_VALUES(EventOutcome, {EventOutcome::applied, "applied"}, {EventOutcome::ignored, "ignored"})
PAYEE_ENUM_VALUES(ProviderStatus, {ProviderStatus::not_found, "NOT_FOUND"}, {ProviderStatus::pending, "PENDING"},
                  {ProviderStatus::succeeded, "SUCCEEDED"}, {ProviderStatus::closed, "CLOSED"}, {ProviderStatus::refunded, "REFUNDED"})
PAYEE_ENUM_VALUES(RefundOutcome, {RefundOutcome::succeeded, "succeeded"}, {RefundOutcome::failed, "failed"},
                  {RefundOutcome::processing, "processing"}, {RefundOutcome::resubmitted, "resubmitted"},
                  {RefundOutcome::unavailable, "unavailable"}, {RefundOutcome::settled, "settled"})
PAYEE_ENUM_VALUES(RefundStatus, {RefundStatus::pending, "PENDING"}, {RefundStatus::processing, "PROCESSING"},
                  {RefundStatus::succeeded, "SUCCEEDED"}, {RefundStatus::failed, "FAILED"})
PAYEE_ENUM_VALUES(NotificationStatus, {NotificationStatus::pending, "PENDING"}, {NotificationStatus::delivered, "DELIVERED"},
                  {NotificationStatus::failed, "FAILED"})
PAYEE_ENUM_VALUES(DifferenceKind, {DifferenceKind::missing_locally, "missing_locally"},
                  {DifferenceKind::missing_at_provider, "missing_at_provider"}, {DifferenceKind::amount_differs, "amount_differs"},
                  {DifferenceKind::status_differs, "status_differs"}, {DifferenceKind::ledger_differs, "ledger_differs"})
PAYEE_ENUM_VALUES(ApiErrorType, {ApiErrorType::invalid_request, "invalid_request"}, {ApiErrorType::authentication, "authentication"},
                  {ApiErrorType::not_found, "not_found"}, {ApiErrorType::conflict, "conflict"}, {ApiErrorType::idempotency, "idempotency"},
                  {ApiErrorType::provider, "provider"}, {ApiErrorType::unavailable, "unavailable"}, {ApiErrorType::internal, "internal"})

PAYEE_ENUM_VALUES(GroupMode, {GroupMode::batch, "batch"}, {GroupMode::combined, "combined"})
PAYEE_ENUM_VALUES(GroupStatus, {GroupStatus::open, "open"}, {GroupStatus::paid, "paid"}, {GroupStatus::partially_paid, "partially_paid"},
                  {GroupStatus::closed, "closed"}, {GroupStatus::mixed, "mixed"})

PAYEE_ENUM_VALUES(AccountType, {AccountType::asset, "asset"}, {AccountType::liability, "liability"})
PAYEE_ENUM_VALUES(FlowKind, {FlowKind::pending, "pending"}, {FlowKind::post, "post"}, {FlowKind::void_, "void"}, {FlowKind::posted, "posted"})
PAYEE_ENUM_VALUES(FlowDirection, {FlowDirection::debit, "debit"}, {FlowDirection::credit, "credit"})

PAYEE_ENUM_VALUES(GroupBy, {GroupBy::channel, "channel"}, {GroupBy::method, "method"}, {GroupBy::pay_id, "payId"}, {GroupBy::currency, "currency"})

#undef PAYEE_ENUM_VALUES

}  // namespace payee::meta

// Action's value is a string or (jsapi_params) an object of strings.
namespace nlohmann {
template <>
struct adl_serializer<payee::Action::Value> {
  static void to_json(json& j, const payee::Action::Value& value) {
    std::visit([&](const auto& v) { j = v; }, value);
  }
  static void from_json(const json& j, payee::Action::Value& value) {
    if (j.is_object()) {
      value = j.get<std::map<std::string, std::string>>();
    } else {
      value = j.get<std::string>();
    }
  }
};
}  // namespace nlohmann
