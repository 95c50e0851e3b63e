#include "payee/models.hpp"

namespace payee {

bool is_final(PaymentStatus status) {
  return status != PaymentStatus::created && status != PaymentStatus::pending && status != PaymentStatus::unknown;
}

bool is_final(RefundStatus status) { return status == RefundStatus::succeeded || status == RefundStatus::failed; }

namespace {
void add(std::vector<std::pair<std::string, std::string>>& q, const char* name, const std::optional<std::string>& value) {
  if (value && !value->empty()) q.emplace_back(name, *value);
}
}  // namespace

std::vector<std::pair<std::string, std::string>> ListPaymentsParams::query() const {
  std::vector<std::pair<std::string, std::string>> q;
  add(q, "companyId", company_id);
  add(q, "outTradeNo", out_trade_no);
  if (limit) q.emplace_back("limit", std::to_string(*limit));
  add(q, "cursor", cursor);
  add(q, "createdFrom", created_from);
  add(q, "createdTo", created_to);
  return q;
}

std::vector<std::pair<std::string, std::string>> PageParams::query() const {
  std::vector<std::pair<std::string, std::string>> q;
  if (limit) q.emplace_back("limit", std::to_string(*limit));
  add(q, "cursor", cursor);
  return q;
}

std::vector<std::pair<std::string, std::string>> AccountBalanceParams::query() const {
  std::vector<std::pair<std::string, std::string>> q;
  add(q, "at", at);
  return q;
}

std::vector<std::pair<std::string, std::string>> DailyReportParams::query() const {
  std::vector<std::pair<std::string, std::string>> q{{"from", from}, {"to", to}};
  if (group_by) q.emplace_back("groupBy", std::string(to_string(*group_by)));
  add(q, "companyId", company_id);
  return q;
}

std::vector<std::pair<std::string, std::string>> ReconciliationParams::query() const {
  std::vector<std::pair<std::string, std::string>> q{{"day", day}};
  add(q, "payId", pay_id);
  add(q, "companyId", company_id);
  return q;
}

}  // namespace payee
