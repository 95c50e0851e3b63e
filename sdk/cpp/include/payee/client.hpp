#pragma once
// payee::Client calls payee's merchant API. Every call blocks until it has an answer, retrying
// what is safe to retry (a lost connection or timeout, 429, 5xx, 409 idempotency_key_in_use) with
// exponential backoff and jitter or exactly what Retry-After asks, and sends each POST with one
// Idempotency-Key reused on every retry, so a retried create never makes two payments. Each
// method has an `_async` twin returning a std::future. A Client is cheap to copy (copies share
// their connections) and safe to use from several threads at once.

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "payee/errors.hpp"
#include "payee/http.hpp"
#include "payee/models.hpp"
#include "payee/version.hpp"

namespace payee {

using std::chrono::milliseconds;

/// The clock retries and waiters read and sleep on; tests give their own.
struct Clock {
  std::function<std::chrono::steady_clock::time_point()> now;
  std::function<void(milliseconds)> sleep;
  /// The real clock.
  static Clock system();
};

struct ClientOptions {
  std::string base_url;  ///< up to the stage, e.g. http://127.0.0.1:4010/live; default: $PAYEE_URL
  std::string api_key;   ///< the merchant's key (x-api-key); default: $PAYEE_KEY
  milliseconds timeout{80'000};  ///< each attempt, connect to last byte
  int max_retries = 2;           ///< retries after a failed attempt; 0 turns them off
  milliseconds min_retry_delay{500};    ///< the first backoff; it doubles up to max_retry_delay
  milliseconds max_retry_delay{5'000};
  std::shared_ptr<HttpTransport> transport;  ///< default: make_curl_transport()
  std::string app_info;                      ///< appended to User-Agent, e.g. "my-shop/1.2"
  Clock clock = Clock::system();
  std::function<double()> jitter;  ///< a factor source in [0, 1); default: uniform random
};

/// Per-call settings, overriding the client's for one call.
struct RequestOptions {
  /// The call's Idempotency-Key instead of a generated one: use your own order or refund id, so
  /// that a retry after your own crash replays the first answer.
  std::optional<std::string> idempotency_key;
  std::optional<int> max_retries;
  std::optional<milliseconds> timeout;
};

/// A waiter's pace, shaped as AWS SDK waiters are: poll, wait min_delay, twice as long after each
/// next poll up to max_delay (each × a random 0.5–1, never past the deadline), and give up with
/// WaitTimeoutError once max_wait has passed.
struct WaitOptions {
  milliseconds max_wait{300'000};
  milliseconds min_delay{1'000};
  milliseconds max_delay{15'000};
};

/// Every item a list query selects, newest first, read page by page as the loop goes on:
/// `for (const payee::Payment& p : client.list_payments()) …`. A failed page read throws from the
/// loop's begin or increment; breaking out of the loop reads no further page.
template <class Page, class Params>
class Pager {
 public:
  using Item = typename decltype(Page::data)::value_type;
  using Fetch = std::function<Page(const Params&)>;

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Item;
    using difference_type = std::ptrdiff_t;
    using pointer = const Item*;
    using reference = const Item&;
    iterator() = default;
    reference operator*() const { return pager_->page_.data[pager_->index_]; }
    pointer operator->() const { return &**this; }
    iterator& operator++() {
      if (!pager_->advance()) pager_ = nullptr;
      return *this;
    }
    bool operator==(const iterator& other) const { return pager_ == other.pager_; }
    bool operator!=(const iterator& other) const { return !(*this == other); }

   private:
    friend class Pager;
    explicit iterator(Pager* pager) : pager_(pager) {}
    Pager* pager_ = nullptr;  // null at the end
  };

  Pager(Fetch fetch, Params params) : fetch_(std::move(fetch)), params_(std::move(params)) {}
  iterator begin() {
    if (started_) return index_ < page_.data.size() ? iterator(this) : iterator();
    return advance() ? iterator(this) : iterator();
  }
  iterator end() { return iterator(); }
  /// Every remaining item at once.
  std::vector<Item> all() {
    std::vector<Item> out;
    for (const Item& item : *this) out.push_back(item);
    return out;
  }

 private:
  // To the next item, reading the next page when needed; false at the end.
  bool advance() {
    if (started_) ++index_;
    while (!started_ || index_ >= page_.data.size()) {
      if (started_ && (!page_.next_cursor || page_.next_cursor->empty())) return false;
      if (started_) params_.cursor = page_.next_cursor;
      page_ = fetch_(params_);
      started_ = true;
      index_ = 0;
    }
    return true;
  }
  Fetch fetch_;
  Params params_;
  Page page_;
  std::size_t index_ = 0;
  bool started_ = false;
};

using PaymentPager = Pager<PaymentList, ListPaymentsParams>;
using GroupPager = Pager<GroupList, ListGroupsParams>;
using AccountPager = Pager<AccountList, ListAccountsParams>;
using FlowPager = Pager<FlowList, ListAccountFlowsParams>;

class Client {
 public:
  /// Throws std::invalid_argument without a base URL or API key (options or environment).
  explicit Client(ClientOptions options = {});

  /// POST /v1/payments: PENDING with the action to show the buyer, or FAILED when the provider
  /// refused at once.
  Payment create_payment(const CreatePaymentRequest& request, const RequestOptions& options = {}) const;
  /// GET /v1/payments/{payNo}.
  Payment get_payment(const std::string& pay_no, const RequestOptions& options = {}) const;
  /// The payment of your order number, or std::nullopt when there is none.
  std::optional<Payment> get_payment_by_out_trade_no(const std::string& out_trade_no, const RequestOptions& options = {}) const;
  /// GET /v1/payments: one page, newest first.
  PaymentList list_payments_page(const ListPaymentsParams& params = {}, const RequestOptions& options = {}) const;
  /// GET /v1/payments, page after page (auto-pagination).
  PaymentPager list_payments(const ListPaymentsParams& params = {}, const RequestOptions& options = {}) const;
  /// The payment's audit trail: each provider event payee accepted.
  PaymentEventList list_payment_events(const std::string& pay_no, const RequestOptions& options = {}) const;
  /// Closes an unpaid payment, at the provider first: one the buyer paid meanwhile comes back SUCCEEDED.
  Payment close_payment(const std::string& pay_no, const RequestOptions& options = {}) const;
  /// Asks the provider about the payment now.
  SyncResult sync_payment(const std::string& pay_no, const RequestOptions& options = {}) const;
  /// Refunds part or all of a paid payment, with an Idempotency-Key as create_payment.
  Refund create_refund(const std::string& pay_no, const CreateRefundRequest& request, const RequestOptions& options = {}) const;
  RefundList list_refunds(const std::string& pay_no, const RequestOptions& options = {}) const;
  /// The payment's notifications and their delivery attempts, oldest first.
  NotificationList list_notifications(const std::string& pay_no, const RequestOptions& options = {}) const;
  /// A new notification (new id) of the payment as it is now; without a notifyUrl: ConflictError no_notify_url.
  Notification resend_notification(const std::string& pay_no, const RequestOptions& options = {}) const;
  /// POST /v1/groups: several payments made in one call (batch), or paid by the buyer at once
  /// (combined), with an Idempotency-Key as create_payment.
  Group create_group(const CreateGroupRequest& request, const RequestOptions& options = {}) const;
  /// GET /v1/groups/{groupNo}: the group and its members' payments as they are now.
  Group get_group(const std::string& group_no, const RequestOptions& options = {}) const;
  /// GET /v1/groups: one page, newest first.
  GroupList list_groups_page(const ListGroupsParams& params = {}, const RequestOptions& options = {}) const;
  /// GET /v1/groups, page after page (auto-pagination).
  GroupPager list_groups(const ListGroupsParams& params = {}, const RequestOptions& options = {}) const;
  /// Closes every unpaid member; a group none of whose members can close: ConflictError group_not_closable.
  Group close_group(const std::string& group_no, const RequestOptions& options = {}) const;
  /// Asks the providers about every member now (their answers are applied asynchronously).
  GroupSyncResult sync_group(const std::string& group_no, const RequestOptions& options = {}) const;
  /// POST /v1/accounts: a ledger account (with the ledger off: ConflictError ledger_disabled).
  Account create_account(const CreateAccountRequest& request, const RequestOptions& options = {}) const;
  /// GET /v1/accounts/{accountId}: the account and its balances now.
  Account get_account(const std::string& account_id, const RequestOptions& options = {}) const;
  /// GET /v1/accounts: one page.
  AccountList list_accounts_page(const ListAccountsParams& params = {}, const RequestOptions& options = {}) const;
  /// GET /v1/accounts, page after page (auto-pagination).
  AccountPager list_accounts(const ListAccountsParams& params = {}, const RequestOptions& options = {}) const;
  /// GET /v1/accounts/{accountId}/flows: one page, newest first.
  FlowList list_account_flows_page(const std::string& account_id, const ListAccountFlowsParams& params = {},
                                   const RequestOptions& options = {}) const;
  /// GET /v1/accounts/{accountId}/flows, page after page (auto-pagination).
  FlowPager list_account_flows(const std::string& account_id, const ListAccountFlowsParams& params = {},
                               const RequestOptions& options = {}) const;
  /// GET /v1/accounts/{accountId}/balance: the posted balance now, or at params.at.
  AccountBalance get_account_balance(const std::string& account_id, const AccountBalanceParams& params = {},
                                     const RequestOptions& options = {}) const;
  /// GET /v1/reports/daily: each day's figures (created, succeeded, closed, failed, refunded; success
  /// rate, average ticket, time to pay, callback latency) per channel, method, pay config or currency.
  DailyReport get_daily_report(const DailyReportParams& params, const RequestOptions& options = {}) const;
  /// A day's statement reconciliation reports.
  ReconciliationList get_reconciliation(const ReconciliationParams& params, const RequestOptions& options = {}) const;
  /// The API's OpenAPI 3.1 document, the contract this SDK follows.
  nlohmann::json get_openapi(const RequestOptions& options = {}) const;

  /// Follows the payment until its status is one of `statuses` (the final ones when empty);
  /// past wait.max_wait: WaitTimeoutError with the payment last seen.
  Payment wait_for(const std::string& pay_no, const std::vector<PaymentStatus>& statuses = {}, const WaitOptions& wait = {}) const;
  /// create_payment, then wait_for (a payment refused at once, FAILED, is returned as it is).
  Payment create_and_wait(const CreatePaymentRequest& request, const std::vector<PaymentStatus>& statuses = {},
                          const WaitOptions& wait = {}, const RequestOptions& options = {}) const;
  /// create_refund, then follows the refund until SUCCEEDED or FAILED (WaitTimeoutError past max_wait).
  Refund refund_and_wait(const std::string& pay_no, const CreateRefundRequest& request, const WaitOptions& wait = {},
                         const RequestOptions& options = {}) const;

  // The same calls on a thread of their own; the future's get() returns or throws as the call.
  std::future<Payment> create_payment_async(CreatePaymentRequest request, RequestOptions options = {}) const;
  std::future<Payment> get_payment_async(std::string pay_no, RequestOptions options = {}) const;
  std::future<std::optional<Payment>> get_payment_by_out_trade_no_async(std::string out_trade_no, RequestOptions options = {}) const;
  std::future<PaymentList> list_payments_page_async(ListPaymentsParams params = {}, RequestOptions options = {}) const;
  /// Every payment the query selects (all pages).
  std::future<std::vector<Payment>> list_payments_async(ListPaymentsParams params = {}, RequestOptions options = {}) const;
  std::future<PaymentEventList> list_payment_events_async(std::string pay_no, RequestOptions options = {}) const;
  std::future<Payment> close_payment_async(std::string pay_no, RequestOptions options = {}) const;
  std::future<SyncResult> sync_payment_async(std::string pay_no, RequestOptions options = {}) const;
  std::future<Refund> create_refund_async(std::string pay_no, CreateRefundRequest request, RequestOptions options = {}) const;
  std::future<RefundList> list_refunds_async(std::string pay_no, RequestOptions options = {}) const;
  std::future<NotificationList> list_notifications_async(std::string pay_no, RequestOptions options = {}) const;
  std::future<Notification> resend_notification_async(std::string pay_no, RequestOptions options = {}) const;
  std::future<Group> create_group_async(CreateGroupRequest request, RequestOptions options = {}) const;
  std::future<Group> get_group_async(std::string group_no, RequestOptions options = {}) const;
  std::future<GroupList> list_groups_page_async(ListGroupsParams params = {}, RequestOptions options = {}) const;
  /// Every group the query selects (all pages).
  std::future<std::vector<GroupSummary>> list_groups_async(ListGroupsParams params = {}, RequestOptions options = {}) const;
  std::future<Group> close_group_async(std::string group_no, RequestOptions options = {}) const;
  std::future<GroupSyncResult> sync_group_async(std::string group_no, RequestOptions options = {}) const;
  std::future<Account> create_account_async(CreateAccountRequest request, RequestOptions options = {}) const;
  std::future<Account> get_account_async(std::string account_id, RequestOptions options = {}) const;
  std::future<AccountList> list_accounts_page_async(ListAccountsParams params = {}, RequestOptions options = {}) const;
  /// Every account (all pages).
  std::future<std::vector<Account>> list_accounts_async(ListAccountsParams params = {}, RequestOptions options = {}) const;
  std::future<FlowList> list_account_flows_page_async(std::string account_id, ListAccountFlowsParams params = {},
                                                      RequestOptions options = {}) const;
  /// Every flow of the account (all pages).
  std::future<std::vector<Flow>> list_account_flows_async(std::string account_id, ListAccountFlowsParams params = {},
                                                          RequestOptions options = {}) const;
  std::future<AccountBalance> get_account_balance_async(std::string account_id, AccountBalanceParams params = {},
                                                        RequestOptions options = {}) const;
  std::future<DailyReport> get_daily_report_async(DailyReportParams params, RequestOptions options = {}) const;
  std::future<ReconciliationList> get_reconciliation_async(ReconciliationParams params, RequestOptions options = {}) const;
  std::future<nlohmann::json> get_openapi_async(RequestOptions options = {}) const;
  std::future<Payment> wait_for_async(std::string pay_no, std::vector<PaymentStatus> statuses = {}, WaitOptions wait = {}) const;
  std::future<Payment> create_and_wait_async(CreatePaymentRequest request, std::vector<PaymentStatus> statuses = {},
                                             WaitOptions wait = {}, RequestOptions options = {}) const;
  std::future<Refund> refund_and_wait_async(std::string pay_no, CreateRefundRequest request, WaitOptions wait = {},
                                            RequestOptions options = {}) const;

  /// The settings in force (defaults and environment applied).
  const ClientOptions& options() const;

 private:
  struct State;
  std::shared_ptr<const State> state_;
  /// One API call with the retries; the 2xx answer's body parsed.
  nlohmann::json call(const std::string& method, const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& query, const nlohmann::json* body,
                      const RequestOptions& options) const;
  template <class T>
  T call_as(const std::string& method, const std::string& path, const std::vector<std::pair<std::string, std::string>>& query,
            const nlohmann::json* body, const RequestOptions& options) const;
  /// Polls `check` until it reports done or max_wait passes (then false).
  bool poll(const WaitOptions& wait, const std::function<bool()>& check) const;
  milliseconds backoff(milliseconds first, milliseconds cap, int attempt) const;
};

}  // namespace payee
