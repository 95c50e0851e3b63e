// One method per merchant operation of docs/openapi.json, the auto-pager, and their std::future twins.

#include "payee/client.hpp"
#include "internal.hpp"

namespace payee {

namespace {

std::string payment_path(const std::string& pay_no, const char* rest = "") { return "/v1/payments/" + detail::percent_encode(pay_no) + rest; }

std::string group_path(const std::string& group_no, const char* rest = "") { return "/v1/groups/" + detail::percent_encode(group_no) + rest; }

std::string account_path(const std::string& account_id, const char* rest = "") {
  return "/v1/accounts/" + detail::percent_encode(account_id) + rest;
}

const std::vector<std::pair<std::string, std::string>> no_query;

}  // namespace

template <class T>
T Client::call_as(const std::string& method, const std::string& path, const std::vector<std::pair<std::string, std::string>>& query,
                  const nlohmann::json* body, const RequestOptions& options) const {
  nlohmann::json answer = call(method, path, query, body, options);
  try {
    return answer.get<T>();
  } catch (const nlohmann::json::exception& e) {
    ErrorInfo info{"api"};
    info.http_status = 200;
    throw ApiError("payee: the answer to " + method + " " + path + " is not the document's shape: " + e.what(), std::move(info));
  }
}

Payment Client::create_payment(const CreatePaymentRequest& request, const RequestOptions& options) const {
  nlohmann::json body = request;
  return call_as<Payment>("POST", "/v1/payments", no_query, &body, options);
}

Payment Client::get_payment(const std::string& pay_no, const RequestOptions& options) const {
  return call_as<Payment>("GET", payment_path(pay_no), no_query, nullptr, options);
}

std::optional<Payment> Client::get_payment_by_out_trade_no(const std::string& out_trade_no, const RequestOptions& options) const {
  ListPaymentsParams params;
  params.out_trade_no = out_trade_no;
  PaymentList page = list_payments_page(params, options);
  if (page.data.empty()) return std::nullopt;
  return std::move(page.data.front());
}

PaymentList Client::list_payments_page(const ListPaymentsParams& params, const RequestOptions& options) const {
  return call_as<PaymentList>("GET", "/v1/payments", params.query(), nullptr, options);
}

PaymentPager Client::list_payments(const ListPaymentsParams& params, const RequestOptions& options) const {
  return PaymentPager([self = *this, options](const ListPaymentsParams& p) { return self.list_payments_page(p, options); }, params);
}

PaymentEventList Client::list_payment_events(const std::string& pay_no, const RequestOptions& options) const {
  return call_as<PaymentEventList>("GET", payment_path(pay_no, "/events"), no_query, nullptr, options);
}

Payment Client::close_payment(const std::string& pay_no, const RequestOptions& options) const {
  return call_as<Payment>("POST", payment_path(pay_no, "/close"), no_query, nullptr, options);
}

SyncResult Client::sync_payment(const std::string& pay_no, const RequestOptions& options) const {
  return call_as<SyncResult>("POST", payment_path(pay_no, "/sync"), no_query, nullptr, options);
}

Refund Client::create_refund(const std::string& pay_no, const CreateRefundRequest& request, const RequestOptions& options) const {
  nlohmann::json body = request;
  return call_as<Refund>("POST", payment_path(pay_no, "/refunds"), no_query, &body, options);
}

RefundList Client::list_refunds(const std::string& pay_no, const RequestOptions& options) const {
  return call_as<RefundList>("GET", payment_path(pay_no, "/refunds"), no_query, nullptr, options);
}

NotificationList Client::list_notifications(const std::string& pay_no, const RequestOptions& options) const {
  return call_as<NotificationList>("GET", payment_path(pay_no, "/notifications"), no_query, nullptr, options);
}

Notification Client::resend_notification(const std::string& pay_no, const RequestOptions& options) const {
  return call_as<Notification>("POST", payment_path(pay_no, "/notifications/resend"), no_query, nullptr, options);
}

Group Client::create_group(const CreateGroupRequest& request, const RequestOptions& options) const {
  nlohmann::json body = request;
  return call_as<Group>("POST", "/v1/groups", no_query, &body, options);
}

Group Client::get_group(const std::string& group_no, const RequestOptions& options) const {
  return call_as<Group>("GET", group_path(group_no), no_query, nullptr, options);
}

GroupList Client::list_groups_page(const ListGroupsParams& params, const RequestOptions& options) const {
  return call_as<GroupList>("GET", "/v1/groups", params.query(), nullptr, options);
}

GroupPager Client::list_groups(const ListGroupsParams& params, const RequestOptions& options) const {
  return GroupPager([self = *this, options](const ListGroupsParams& p) { return self.list_groups_page(p, options); }, params);
}

Group Client::close_group(const std::string& group_no, const RequestOptions& options) const {
  return call_as<Group>("POST", group_path(group_no, "/close"), no_query, nullptr, options);
}

GroupSyncResult Client::sync_group(const std::string& group_no, const RequestOptions& options) const {
  return call_as<GroupSyncResult>("POST", group_path(group_no, "/sync"), no_query, nullptr, options);
}

Account Client::create_account(const CreateAccountRequest& request, const RequestOptions& options) const {
  nlohmann::json body = request;
  return call_as<Account>("POST", "/v1/accounts", no_query, &body, options);
}

Account Client::get_account(const std::string& account_id, const RequestOptions& options) const {
  return call_as<Account>("GET", account_path(account_id), no_query, nullptr, options);
}

AccountList Client::list_accounts_page(const ListAccountsParams& params, const RequestOptions& options) const {
  return call_as<AccountList>("GET", "/v1/accounts", params.query(), nullptr, options);
}

AccountPager Client::list_accounts(const ListAccountsParams& params, const RequestOptions& options) const {
  return AccountPager([self = *this, options](const ListAccountsParams& p) { return self.list_accounts_page(p, options); }, params);
}

FlowList Client::list_account_flows_page(const std::string& account_id, const ListAccountFlowsParams& params,
                                         const RequestOptions& options) const {
  return call_as<FlowList>("GET", account_path(account_id, "/flows"), params.query(), nullptr, options);
}

FlowPager Client::list_account_flows(const std::string& account_id, const ListAccountFlowsParams& params,
                                     const RequestOptions& options) const {
  return FlowPager(
      [self = *this, account_id, options](const ListAccountFlowsParams& p) { return self.list_account_flows_page(account_id, p, options); },
      params);
}

AccountBalance Client::get_account_balance(const std::string& account_id, const AccountBalanceParams& params,
                                           const RequestOptions& options) const {
  return call_as<AccountBalance>("GET", account_path(account_id, "/balance"), params.query(), nullptr, options);
}

DailyReport Client::get_daily_report(const DailyReportParams& params, const RequestOptions& options) const {
  return call_as<DailyReport>("GET", "/v1/reports/daily", params.query(), nullptr, options);
}

ReconciliationList Client::get_reconciliation(const ReconciliationParams& params, const RequestOptions& options) const {
  return call_as<ReconciliationList>("GET", "/v1/reports/reconciliation", params.query(), nullptr, options);
}

nlohmann::json Client::get_openapi(const RequestOptions& options) const {
  return call("GET", "/v1/openapi.json", no_query, nullptr, options);
}

// The std::future twins: each runs its blocking call on a thread of its own, with a copy of the
// client (copies share the connections) so that the future may outlive this one.

#define PAYEE_ASYNC(...) std::async(std::launch::async, [self = *this, __VA_ARGS__]

std::future<Payment> Client::create_payment_async(CreatePaymentRequest request, RequestOptions options) const {
  return PAYEE_ASYNC(request = std::move(request), options = std::move(options)) { return self.create_payment(request, options); });
}
std::future<Payment> Client::get_payment_async(std::string pay_no, RequestOptions options) const {
  return PAYEE_ASYNC(pay_no = std::move(pay_no), options = std::move(options)) { return self.get_payment(pay_no, options); });
}
std::future<std::optional<Payment>> Client::get_payment_by_out_trade_no_async(std::string out_trade_no, RequestOptions options) const {
  return PAYEE_ASYNC(out_trade_no = std::move(out_trade_no), options = std::move(options)) {
    return self.get_payment_by_out_trade_no(out_trade_no, options);
  });
}
std::future<PaymentList> Client::list_payments_page_async(ListPaymentsParams params, RequestOptions options) const {
  return PAYEE_ASYNC(params = std::move(params), options = std::move(options)) { return self.list_payments_page(params, options); });
}
std::future<std::vector<Payment>> Client::list_payments_async(ListPaymentsParams params, RequestOptions options) const {
  return PAYEE_ASYNC(params = std::move(params), options = std::move(options)) { return self.list_payments(params, options).all(); });
}
std::future<PaymentEventList> Client::list_payment_events_async(std::string pay_no, RequestOptions options) const {
  return PAYEE_ASYNC(pay_no = std::move(pay_no), options = std::move(options)) { return self.list_payment_events(pay_no, options); });
}
std::future<Payment> Client::close_payment_async(std::string pay_no, RequestOptions options) const {
  return PAYEE_ASYNC(pay_no = std::move(pay_no), options = std::move(options)) { return self.close_payment(pay_no, options); });
}
std::future<SyncResult> Client::sync_payment_async(std::string pay_no, RequestOptions options) const {
  return PAYEE_ASYNC(pay_no = std::move(pay_no), options = std::move(options)) { return self.sync_payment(pay_no, options); });
}
std::future<Refund> Client::create_refund_async(std::string pay_no, CreateRefundRequest request, RequestOptions options) const {
  return PAYEE_ASYNC(pay_no = std::move(pay_no), request = std::move(request), options = std::move(options)) {
    return self.create_refund(pay_no, request, options);
  });
}
std::future<RefundList> Client::list_refunds_async(std::string pay_no, RequestOptions options) const {
  return PAYEE_ASYNC(pay_no = std::move(pay_no), options = std::move(options)) { return self.list_refunds(pay_no, options); });
}
std::future<NotificationList> Client::list_notifications_async(std::string pay_no, RequestOptions options) const {
  return PAYEE_ASYNC(pay_no = std::move(pay_no), options = std::move(options)) { return self.list_notifications(pay_no, options); });
}
std::future<Notification> Client::resend_notification_async(std::string pay_no, RequestOptions options) const {
  return PAYEE_ASYNC(pay_no = std::move(pay_no), options = std::move(options)) { return self.resend_notification(pay_no, options); });
}
std::future<Group> Client::create_group_async(CreateGroupRequest request, RequestOptions options) const {
  return PAYEE_ASYNC(request = std::move(request), options = std::move(options)) { return self.create_group(request, options); });
}
std::future<Group> Client::get_group_async(std::string group_no, RequestOptions options) const {
  return PAYEE_ASYNC(group_no = std::move(group_no), options = std::move(options)) { return self.get_group(group_no, options); });
}
std::future<GroupList> Client::list_groups_page_async(ListGroupsParams params, RequestOptions options) const {
  return PAYEE_ASYNC(params = std::move(params), options = std::move(options)) { return self.list_groups_page(params, options); });
}
std::future<std::vector<GroupSummary>> Client::list_groups_async(ListGroupsParams params, RequestOptions options) const {
  return PAYEE_ASYNC(params = std::move(params), options = std::move(options)) { return self.list_groups(params, options).all(); });
}
std::future<Group> Client::close_group_async(std::string group_no, RequestOptions options) const {
  return PAYEE_ASYNC(group_no = std::move(group_no), options = std::move(options)) { return self.close_group(group_no, options); });
}
std::future<GroupSyncResult> Client::sync_group_async(std::string group_no, RequestOptions options) const {
  return PAYEE_ASYNC(group_no = std::move(group_no), options = std::move(options)) { return self.sync_group(group_no, options); });
}
std::future<Account> Client::create_account_async(CreateAccountRequest request, RequestOptions options) const {
  return PAYEE_ASYNC(request = std::move(request), options = std::move(options)) { return self.create_account(request, options); });
}
std::future<Account> Client::get_account_async(std::string account_id, RequestOptions options) const {
  return PAYEE_ASYNC(account_id = std::move(account_id), options = std::move(options)) { return self.get_account(account_id, options); });
}
std::future<AccountList> Client::list_accounts_page_async(ListAccountsParams params, RequestOptions options) const {
  return PAYEE_ASYNC(params = std::move(params), options = std::move(options)) { return self.list_accounts_page(params, options); });
}
std::future<std::vector<Account>> Client::list_accounts_async(ListAccountsParams params, RequestOptions options) const {
  return PAYEE_ASYNC(params = std::move(params), options = std::move(options)) { return self.list_accounts(params, options).all(); });
}
std::future<FlowList> Client::list_account_flows_page_async(std::string account_id, ListAccountFlowsParams params,
                                                            RequestOptions options) const {
  return PAYEE_ASYNC(account_id = std::move(account_id), params = std::move(params), options = std::move(options)) {
    return self.list_account_flows_page(account_id, params, options);
  });
}
std::future<std::vector<Flow>> Client::list_account_flows_async(std::string account_id, ListAccountFlowsParams params,
                                                                RequestOptions options) const {
  return PAYEE_ASYNC(account_id = std::move(account_id), params = std::move(params), options = std::move(options)) {
    return self.list_account_flows(account_id, params, options).all();
  });
}
std::future<AccountBalance> Client::get_account_balance_async(std::string account_id, AccountBalanceParams params,
                                                              RequestOptions options) const {
  return PAYEE_ASYNC(account_id = std::move(account_id), params = std::move(params), options = std::move(options)) {
    return self.get_account_balance(account_id, params, options);
  });
}
std::future<DailyReport> Client::get_daily_report_async(DailyReportParams params, RequestOptions options) const {
  return PAYEE_ASYNC(params = std::move(params), options = std::move(options)) { return self.get_daily_report(params, options); });
}
std::future<ReconciliationList> Client::get_reconciliation_async(ReconciliationParams params, RequestOptions options) const {
  return PAYEE_ASYNC(params = std::move(params), options = std::move(options)) { return self.get_reconciliation(params, options); });
}
std::future<nlohmann::json> Client::get_openapi_async(RequestOptions options) const {
  return PAYEE_ASYNC(options = std::move(options)) { return self.get_openapi(options); });
}
std::future<Payment> Client::wait_for_async(std::string pay_no, std::vector<PaymentStatus> statuses, WaitOptions wait) const {
  return PAYEE_ASYNC(pay_no = std::move(pay_no), statuses = std::move(statuses), wait) { return self.wait_for(pay_no, statuses, wait); });
}
std::future<Payment> Client::create_and_wait_async(CreatePaymentRequest request, std::vector<PaymentStatus> statuses, WaitOptions wait,
                                                   RequestOptions options) const {
  return PAYEE_ASYNC(request = std::move(request), statuses = std::move(statuses), wait, options = std::move(options)) {
    return self.create_and_wait(request, statuses, wait, options);
  });
}
std::future<Refund> Client::refund_and_wait_async(std::string pay_no, CreateRefundRequest request, WaitOptions wait,
                                                  RequestOptions options) const {
  return PAYEE_ASYNC(pay_no = std::move(pay_no), request = std::move(request), wait, options = std::move(options)) {
    return self.refund_and_wait(pay_no, request, wait, options);
  });
}

#undef PAYEE_ASYNC

}  // namespace payee
