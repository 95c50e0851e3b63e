// manifest.json states what this SDK covers of docs/openapi.json (sdk/CONTRIBUTING.md §2); the
// root's `npm run sdk:contract` compares it with the document. This test keeps it true of the
// code: the models, enum values, query parameters and error codes are computed here from the
// SDK's own field and enum tables, the operations name methods that must compile, and each error
// type is thrown as the class the manifest names.
// After changing the SDK: PAYEE_UPDATE_MANIFEST=1 build/payee-tests --gtest_filter='Manifest*'

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include <payee/payee.hpp>

namespace {

using nlohmann::json;
using Fields = std::map<std::string, std::set<std::string>>;

// The document's component schemas the SDK models, by the schema's name.
template <class T> const char* schema_name() { return nullptr; }
template <> const char* schema_name<payee::CreatePaymentRequest>() { return "CreatePaymentRequest"; }
template <> const char* schema_name<payee::CreateRefundRequest>() { return "CreateRefundRequest"; }
template <> const char* schema_name<payee::ErrorBody>() { return "Error"; }
template <> const char* schema_name<payee::CreateGroupRequest>() { return "CreateGroupRequest"; }
template <> const char* schema_name<payee::Group>() { return "Group"; }
template <> const char* schema_name<payee::GroupList>() { return "GroupList"; }
template <> const char* schema_name<payee::GroupSyncResult>() { return "GroupSyncResult"; }
template <> const char* schema_name<payee::Account>() { return "Account"; }
template <> const char* schema_name<payee::AccountBalance>() { return "AccountBalance"; }
template <> const char* schema_name<payee::AccountList>() { return "AccountList"; }
template <> const char* schema_name<payee::CreateAccountRequest>() { return "CreateAccountRequest"; }
template <> const char* schema_name<payee::FlowList>() { return "FlowList"; }
template <> const char* schema_name<payee::DailyReport>() { return "DailyReport"; }
template <> const char* schema_name<payee::GroupNotification>() { return "GroupNotification"; }
template <> const char* schema_name<payee::Notification>() { return "Notification"; }
template <> const char* schema_name<payee::NotificationList>() { return "NotificationList"; }
template <> const char* schema_name<payee::Payment>() { return "Payment"; }
template <> const char* schema_name<payee::PaymentEventList>() { return "PaymentEventList"; }
template <> const char* schema_name<payee::PaymentList>() { return "PaymentList"; }
template <> const char* schema_name<payee::PaymentNotification>() { return "PaymentNotification"; }
template <> const char* schema_name<payee::ReconciliationList>() { return "ReconciliationList"; }
template <> const char* schema_name<payee::Refund>() { return "Refund"; }
template <> const char* schema_name<payee::RefundList>() { return "RefundList"; }
template <> const char* schema_name<payee::SyncResult>() { return "SyncResult"; }

template <class T> struct strip { using type = T; };
template <class T> struct strip<std::optional<T>> { using type = T; };
template <class T> struct vector_item { using type = void; };
template <class T> struct vector_item<std::vector<T>> { using type = T; };

template <class M>
void fields_of(const std::string& self, const std::string& prefix, Fields& out);

/// One field's paths as sdk/conformance/surface.ts writes them: `a.b`, `list[].c`, enum values
/// after `: `, a field holding another component by its name (`data: Payment[]`).
template <class T>
void field_of(const std::string& self, const std::string& path, Fields& out) {
  using F = typename strip<T>::type;
  using Item = typename vector_item<F>::type;
  out[path];
  if constexpr (payee::meta::is_model_v<F>) {
    if (schema_name<F>() && self != schema_name<F>()) {
      out[path] = {schema_name<F>()};
    } else {
      fields_of<F>(self, path + ".", out);
    }
  } else if constexpr (!std::is_void_v<Item>) {
    if constexpr (payee::meta::is_model_v<Item>) {
      if (schema_name<Item>()) {
        out[path] = {std::string(schema_name<Item>()) + "[]"};
      } else {
        fields_of<Item>(self, path + "[].", out);
      }
    }
  } else if constexpr (payee::meta::is_enum_described_v<F>) {
    for (const auto& [value, name] : payee::meta::EnumValues<F>::values) out[path].insert(std::string(name));
  }
}

template <class M>
void fields_of(const std::string& self, const std::string& prefix, Fields& out) {
  payee::meta::for_each_field<M>([&](auto field) {
    using T = std::decay_t<decltype(std::declval<M>().*(field.member))>;
    field_of<T>(self, prefix + field.name, out);
  });
}

template <class M>
json model() {
  Fields fields;
  fields_of<M>(schema_name<M>(), "", fields);
  json list = json::array();
  for (const auto& [path, values] : fields) {
    std::string line = path;
    for (auto it = values.begin(); it != values.end(); ++it) line += (it == values.begin() ? ": " : "|") + *it;
    list.push_back(line);
  }
  return list;
}

/// The query parameters a params type sends: each field set, and those sent even when unset are required.
template <class P>
json query_of(P full) {
  std::set<std::string> required;
  for (const auto& [name, value] : P{}.query()) required.insert(name);
  std::set<std::string> names;
  for (const auto& [name, value] : full.query()) names.insert(required.count(name) ? name + " (required)" : name);
  return json(names);
}

// Each operation's methods: a name that is no method of payee::Client does not compile.
#define METHOD(name) (static_cast<void>(&payee::Client::name), "Client::" #name)
const std::map<std::string, std::vector<std::string>> operations = {
    {"createPayment", {METHOD(create_payment), METHOD(create_payment_async), METHOD(create_and_wait), METHOD(create_and_wait_async)}},
    {"getPayment", {METHOD(get_payment), METHOD(get_payment_async), METHOD(wait_for), METHOD(wait_for_async)}},
    {"listPayments",
     {METHOD(list_payments), METHOD(list_payments_async), METHOD(list_payments_page), METHOD(list_payments_page_async),
      METHOD(get_payment_by_out_trade_no), METHOD(get_payment_by_out_trade_no_async)}},
    {"listPaymentEvents", {METHOD(list_payment_events), METHOD(list_payment_events_async)}},
    {"closePayment", {METHOD(close_payment), METHOD(close_payment_async)}},
    {"syncPayment", {METHOD(sync_payment), METHOD(sync_payment_async)}},
    {"createRefund", {METHOD(create_refund), METHOD(create_refund_async), METHOD(refund_and_wait), METHOD(refund_and_wait_async)}},
    {"listRefunds", {METHOD(list_refunds), METHOD(list_refunds_async)}},
    {"listNotifications", {METHOD(list_notifications), METHOD(list_notifications_async)}},
    {"resendNotification", {METHOD(resend_notification), METHOD(resend_notification_async)}},
    {"getReconciliation", {METHOD(get_reconciliation), METHOD(get_reconciliation_async)}},
    {"getOpenApi", {METHOD(get_openapi), METHOD(get_openapi_async)}},
    {"createGroup", {METHOD(create_group), METHOD(create_group_async)}},
    {"getGroup", {METHOD(get_group), METHOD(get_group_async)}},
    {"listGroups", {METHOD(list_groups), METHOD(list_groups_async), METHOD(list_groups_page), METHOD(list_groups_page_async)}},
    {"closeGroup", {METHOD(close_group), METHOD(close_group_async)}},
    {"syncGroup", {METHOD(sync_group), METHOD(sync_group_async)}},
    {"createAccount", {METHOD(create_account), METHOD(create_account_async)}},
    {"getAccount", {METHOD(get_account), METHOD(get_account_async)}},
    {"listAccounts", {METHOD(list_accounts), METHOD(list_accounts_async), METHOD(list_accounts_page), METHOD(list_accounts_page_async)}},
    {"listAccountFlows",
     {METHOD(list_account_flows), METHOD(list_account_flows_async), METHOD(list_account_flows_page), METHOD(list_account_flows_page_async)}},
    {"getAccountBalance", {METHOD(get_account_balance), METHOD(get_account_balance_async)}},
    {"getDailyReport", {METHOD(get_daily_report), METHOD(get_daily_report_async)}},
};
#undef METHOD

/// The class each API error type is thrown as: checked by throwing it.
template <class E>
std::string thrown_as(payee::ApiErrorType type, const char* name) {
  payee::ErrorInfo info(std::string(payee::to_string(type)));
  try {
    payee::detail::throw_api_error("x", info);
  } catch (const E& e) {
    if (typeid(e) == typeid(E)) return name;
  } catch (...) {
  }
  return std::string("not ") + name;
}

json error_types() {
  using T = payee::ApiErrorType;
  return {
      {"invalid_request", thrown_as<payee::InvalidRequestError>(T::invalid_request, "InvalidRequestError")},
      {"authentication", thrown_as<payee::AuthenticationError>(T::authentication, "AuthenticationError")},
      {"not_found", thrown_as<payee::NotFoundError>(T::not_found, "NotFoundError")},
      {"conflict", thrown_as<payee::ConflictError>(T::conflict, "ConflictError")},
      {"idempotency", thrown_as<payee::IdempotencyError>(T::idempotency, "IdempotencyError")},
      {"provider", thrown_as<payee::ProviderUnavailableError>(T::provider, "ProviderUnavailableError")},
      {"unavailable", thrown_as<payee::ServiceUnavailableError>(T::unavailable, "ServiceUnavailableError")},
      {"internal", thrown_as<payee::ApiError>(T::internal, "ApiError")},
  };
}

json manifest_of_code() {
  json ops = json::object();
  for (const auto& [op, methods] : operations) {
    std::string names;
    for (const auto& m : methods) names += (names.empty() ? "" : ", ") + m;
    ops[op] = names;
  }
  payee::ListPaymentsParams list{"c", "o", 1, "cur", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"};
  payee::ReconciliationParams reconciliation{"2026-01-01", "p", "c"};
  payee::PageParams pages{1, "cur"};
  std::set<std::string> codes(std::begin(payee::error_codes), std::end(payee::error_codes));
  return {
      {"language", "cpp"},
      {"package", "payee"},
      {"adapter", {{"command", {"sh", "conformance/adapter.sh"}}}},
      {"operations", ops},
      {"errorTypes", error_types()},
      {"models",
       {
           {"CreatePaymentRequest", model<payee::CreatePaymentRequest>()},
           {"CreateRefundRequest", model<payee::CreateRefundRequest>()},
           {"CreateGroupRequest", model<payee::CreateGroupRequest>()},
           {"Group", model<payee::Group>()},
           {"GroupList", model<payee::GroupList>()},
           {"GroupSyncResult", model<payee::GroupSyncResult>()},
           {"Account", model<payee::Account>()},
           {"AccountBalance", model<payee::AccountBalance>()},
           {"AccountList", model<payee::AccountList>()},
           {"CreateAccountRequest", model<payee::CreateAccountRequest>()},
           {"FlowList", model<payee::FlowList>()},
           {"DailyReport", model<payee::DailyReport>()},
           {"Error", model<payee::ErrorBody>()},
           {"GroupNotification", model<payee::GroupNotification>()},
           {"Notification", model<payee::Notification>()},
           {"NotificationList", model<payee::NotificationList>()},
           {"Payment", model<payee::Payment>()},
           {"PaymentEventList", model<payee::PaymentEventList>()},
           {"PaymentList", model<payee::PaymentList>()},
           {"PaymentNotification", model<payee::PaymentNotification>()},
           {"ReconciliationList", model<payee::ReconciliationList>()},
           {"Refund", model<payee::Refund>()},
           {"RefundList", model<payee::RefundList>()},
           {"SyncResult", model<payee::SyncResult>()},
           {"listPayments.query", query_of(list)},
           {"getReconciliation.query", query_of(reconciliation)},
           {"listGroups.query", query_of(pages)},
           {"listAccounts.query", query_of(pages)},
           {"getDailyReport.query", query_of(payee::DailyReportParams{"2026-01-01", "2026-01-02", payee::GroupBy::method, "c"})},
           {"listAccountFlows.query", query_of(pages)},
           {"getAccountBalance.query", query_of(payee::AccountBalanceParams{"2026-01-01T00:00:00Z"})},
       }},
      {"errorCodes", json(codes)},
  };
}

TEST(Manifest, IsTrueOfTheCode) {
  const std::string path = std::string(PAYEE_SDK_DIR) + "/manifest.json";
  const json want = manifest_of_code();
  const char* update = std::getenv("PAYEE_UPDATE_MANIFEST");
  if (update && std::string(update) == "1") std::ofstream(path) << want.dump(2) << "\n";
  std::ifstream in(path);
  ASSERT_TRUE(in.good()) << path;
  const json got = json::parse(in);
  EXPECT_EQ(got, want) << "manifest.json does not say what the code does; after checking the SDK against docs/openapi.json, run "
                          "PAYEE_UPDATE_MANIFEST=1 build/payee-tests --gtest_filter='Manifest*'. The code says:\n"
                       << want.dump(2);
}

TEST(Manifest, ErrorCodeConstantsAreTheirOwnNames) {
  EXPECT_EQ(payee::code::idempotency_key_in_use, "idempotency_key_in_use");
  EXPECT_EQ(std::size(payee::error_codes), std::set<std::string_view>(std::begin(payee::error_codes), std::end(payee::error_codes)).size());
}

}  // namespace
