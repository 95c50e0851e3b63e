// The C++ SDK's conformance adapter (sdk/CONTRIBUTING.md §3): one request per line on stdin, the
// SDK call it names, its result or the SDK's error as one line on stdout. It uses only the SDK's
// public API (and libcurl itself for the benchmark's raw side).

#include <curl/curl.h>
#include <cxxabi.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <typeinfo>
#include <vector>

#include <payee/payee.hpp>

using nlohmann::json;
using std::chrono::milliseconds;

namespace {

struct Configured {
  std::shared_ptr<payee::Client> client;
  std::string base_url;
  std::string api_key;
};

std::map<std::string, Configured> clients;

std::string text(const json& args, const char* name) {
  auto it = args.find(name);
  return it != args.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::string> optional_text(const json& args, const char* name) {
  auto it = args.find(name);
  if (it == args.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

long long number(const json& args, const char* name, long long fallback = 0) {
  auto it = args.find(name);
  return it != args.end() && it->is_number() ? it->get<long long>() : fallback;
}

const json& params_of(const json& args) {
  static const json empty = json::object();
  auto it = args.find("params");
  return it != args.end() && it->is_object() ? *it : empty;
}

Configured& configured(const json& args) {
  std::string name = args.value("client", "default");
  auto it = clients.find(name);
  if (it == clients.end()) throw std::runtime_error("no client \"" + name + "\": configure it first");
  return it->second;
}

payee::RequestOptions request_options(const json& args) {
  payee::RequestOptions options;
  options.idempotency_key = optional_text(args, "idempotencyKey");
  return options;
}

payee::WaitOptions wait_options(const json& args) {
  payee::WaitOptions wait;
  wait.max_wait = milliseconds(number(args, "maxWaitMs"));
  wait.min_delay = milliseconds(number(args, "minDelayMs"));
  wait.max_delay = milliseconds(number(args, "maxDelayMs"));
  return wait;
}

std::vector<payee::PaymentStatus> statuses_of(const json& args) {
  std::vector<payee::PaymentStatus> out;
  if (args.contains("statuses") && args["statuses"].is_array()) {
    for (const auto& s : args["statuses"]) out.push_back(s.get<payee::PaymentStatus>());
  }
  return out;
}

payee::ListPaymentsParams list_params(const json& p) {
  payee::ListPaymentsParams params;
  params.company_id = optional_text(p, "companyId");
  params.out_trade_no = optional_text(p, "outTradeNo");
  if (p.contains("limit") && p["limit"].is_number()) params.limit = p["limit"].get<int>();
  params.cursor = optional_text(p, "cursor");
  params.created_from = optional_text(p, "createdFrom");
  params.created_to = optional_text(p, "createdTo");
  return params;
}

payee::PageParams page_params(const json& p) {
  payee::PageParams params;
  if (p.contains("limit") && p["limit"].is_number()) params.limit = p["limit"].get<int>();
  params.cursor = optional_text(p, "cursor");
  return params;
}

std::optional<std::int64_t> now_of(const json& args) {
  if (args.contains("now") && args["now"].is_number()) return args["now"].get<std::int64_t>();
  return std::nullopt;
}

std::chrono::seconds tolerance_of(const json& args) { return std::chrono::seconds(number(args, "toleranceSeconds", 300)); }

/// Runs `calls` tasks, `concurrency` threads at once, each thread with its own state from
/// make_worker; returns the milliseconds it took.
template <class MakeWorker>
double timed(int calls, int concurrency, MakeWorker make_worker) {
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::string failure;
  std::mutex failure_mutex;
  auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int i = 0; i < concurrency; ++i) {
    threads.emplace_back([&] {
      auto task = make_worker();
      while (!failed && next.fetch_add(1) < calls) {
        try {
          task();
        } catch (const std::exception& e) {
          std::lock_guard<std::mutex> lock(failure_mutex);
          failure = e.what();
          failed = true;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  if (failed) throw std::runtime_error("bench: " + failure);
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

size_t collect(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

/// getPayment through the SDK against the same GET through libcurl as a careful caller sets it
/// up (a kept-alive easy handle per thread), its body parsed as plain JSON: after an untimed
/// warm-up of each, rounds alternating which goes first.
json bench(const Configured& c, const json& args) {
  const std::string pay_no = text(args, "payNo");
  const int calls = static_cast<int>(number(args, "calls")), concurrency = static_cast<int>(number(args, "concurrency", 1)),
            rounds = static_cast<int>(number(args, "rounds", 1));
  const std::string url = c.base_url + "/v1/payments/" + pay_no;
  const std::string key_header = "x-api-key: " + c.api_key;
  auto raw = [&] {
    struct Handle {
      CURL* curl = curl_easy_init();
      curl_slist* headers = nullptr;
      ~Handle() {
        curl_slist_free_all(headers);
        curl_easy_cleanup(curl);
      }
    };
    auto h = std::make_shared<Handle>();
    h->headers = curl_slist_append(nullptr, key_header.c_str());
    curl_easy_setopt(h->curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, h->headers);
    curl_easy_setopt(h->curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, collect);
    return [h] {
      std::string body;
      curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, &body);
      CURLcode rc = curl_easy_perform(h->curl);
      long status = 0;
      curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &status);
      if (rc != CURLE_OK || status != 200) throw std::runtime_error("raw GET: " + std::string(curl_easy_strerror(rc)) + " " + std::to_string(status));
      json payment = json::parse(body);
      (void)payment;
    };
  };
  auto sdk = [&] {
    return [&] { (void)c.client->get_payment(pay_no); };
  };
  timed(concurrency * 4, concurrency, raw);
  timed(concurrency * 4, concurrency, sdk);
  double raw_ms = 0, sdk_ms = 0;
  for (int i = 0; i < rounds; ++i) {
    int share = calls / rounds + (i < calls % rounds ? 1 : 0);
    if (i % 2 == 0) {
      raw_ms += timed(share, concurrency, raw);
      sdk_ms += timed(share, concurrency, sdk);
    } else {
      sdk_ms += timed(share, concurrency, sdk);
      raw_ms += timed(share, concurrency, raw);
    }
  }
  return {{"rawMs", raw_ms}, {"sdkMs", sdk_ms}, {"variant", "sync (" + std::to_string(concurrency) + " threads)"}};
}

/// The call `op` names, blocking (sync) or through the SDK's std::future twin (future).
json run(const std::string& op, const json& args) {
  const std::string variant = args.value("variant", "sync");
  if (variant != "sync" && variant != "future") throw std::runtime_error("no variant " + variant);
  const bool future = variant == "future";
  if (op == "configure") {
    payee::ClientOptions options;
    options.base_url = text(args, "baseUrl");
    options.api_key = text(args, "apiKey");
    if (args.contains("maxRetries") && args["maxRetries"].is_number()) options.max_retries = args["maxRetries"].get<int>();
    if (number(args, "timeoutMs") > 0) options.timeout = milliseconds(number(args, "timeoutMs"));
    clients[args.value("client", "default")] = Configured{std::make_shared<payee::Client>(options), options.base_url, options.api_key};
    return nullptr;
  }
  if (op == "verifyNotification") {
    const auto verified = payee::verify_notification(text(args, "rawBody"), text(args, "header"), text(args, "secret"), tolerance_of(args), now_of(args));
    return std::visit([](const auto& n) { return nlohmann::json(n); }, verified);
  }
  if (op == "verifySignature") {
    payee::verify_signature(text(args, "rawBody"), text(args, "header"), text(args, "secret"), tolerance_of(args), now_of(args));
    return nullptr;
  }
  Configured& c = configured(args);
  const payee::Client& client = *c.client;
  const std::string pay_no = text(args, "payNo");
  if (op == "createPayment") {
    auto request = params_of(args).get<payee::CreatePaymentRequest>();
    return future ? json(client.create_payment_async(request, request_options(args)).get()) : json(client.create_payment(request, request_options(args)));
  }
  if (op == "createAndWait") {
    auto request = params_of(args).get<payee::CreatePaymentRequest>();
    return future ? json(client.create_and_wait_async(request, statuses_of(args), wait_options(args), request_options(args)).get())
                  : json(client.create_and_wait(request, statuses_of(args), wait_options(args), request_options(args)));
  }
  if (op == "getPayment") return future ? json(client.get_payment_async(pay_no).get()) : json(client.get_payment(pay_no));
  if (op == "listPayments") {
    auto params = list_params(params_of(args));
    return future ? json(client.list_payments_page_async(params).get()) : json(client.list_payments_page(params));
  }
  if (op == "listAllPayments") {
    auto params = list_params(params_of(args));
    if (future) return client.list_payments_async(params).get();
    json all = json::array();
    for (const payee::Payment& p : client.list_payments(params)) all.push_back(p);
    return all;
  }
  if (op == "getPaymentByOutTradeNo") {
    auto found = future ? client.get_payment_by_out_trade_no_async(text(args, "outTradeNo")).get()
                        : client.get_payment_by_out_trade_no(text(args, "outTradeNo"));
    return found ? json(*found) : json(nullptr);
  }
  if (op == "listPaymentEvents") return future ? json(client.list_payment_events_async(pay_no).get()) : json(client.list_payment_events(pay_no));
  if (op == "closePayment") return future ? json(client.close_payment_async(pay_no).get()) : json(client.close_payment(pay_no));
  if (op == "syncPayment") return future ? json(client.sync_payment_async(pay_no).get()) : json(client.sync_payment(pay_no));
  if (op == "createRefund" || op == "refundAndWait") {
    auto request = params_of(args).get<payee::CreateRefundRequest>();
    if (op == "createRefund") {
      return future ? json(client.create_refund_async(pay_no, request, request_options(args)).get())
                    : json(client.create_refund(pay_no, request, request_options(args)));
    }
    return future ? json(client.refund_and_wait_async(pay_no, request, wait_options(args), request_options(args)).get())
                  : json(client.refund_and_wait(pay_no, request, wait_options(args), request_options(args)));
  }
  if (op == "listRefunds") return future ? json(client.list_refunds_async(pay_no).get()) : json(client.list_refunds(pay_no));
  if (op == "listNotifications") return future ? json(client.list_notifications_async(pay_no).get()) : json(client.list_notifications(pay_no));
  if (op == "resendNotification") return future ? json(client.resend_notification_async(pay_no).get()) : json(client.resend_notification(pay_no));
  if (op == "getReconciliation") {
    const json& p = params_of(args);
    payee::ReconciliationParams params;
    params.day = text(p, "day");
    params.pay_id = optional_text(p, "payId");
    params.company_id = optional_text(p, "companyId");
    return future ? json(client.get_reconciliation_async(params).get()) : json(client.get_reconciliation(params));
  }
  if (op == "getDailyReport") {
    const json& p = params_of(args);
    payee::DailyReportParams params{text(p, "from"), text(p, "to"), std::nullopt, optional_text(p, "companyId")};
    if (p.contains("groupBy") && p["groupBy"].is_string()) params.group_by = p["groupBy"].get<payee::GroupBy>();
    return future ? json(client.get_daily_report_async(params).get()) : json(client.get_daily_report(params));
  }
  if (op == "getOpenApi") return future ? client.get_openapi_async().get() : client.get_openapi();
  if (op == "waitFor") {
    return future ? json(client.wait_for_async(pay_no, statuses_of(args), wait_options(args)).get())
                  : json(client.wait_for(pay_no, statuses_of(args), wait_options(args)));
  }
  const std::string group_no = text(args, "groupNo");
  if (op == "createGroup") {
    auto request = params_of(args).get<payee::CreateGroupRequest>();
    return future ? json(client.create_group_async(request, request_options(args)).get()) : json(client.create_group(request, request_options(args)));
  }
  if (op == "getGroup") return future ? json(client.get_group_async(group_no).get()) : json(client.get_group(group_no));
  if (op == "listGroups" || op == "listAllGroups") {
    auto params = page_params(params_of(args));
    if (op == "listGroups") return future ? json(client.list_groups_page_async(params).get()) : json(client.list_groups_page(params));
    return future ? json(client.list_groups_async(params).get()) : json(client.list_groups(params).all());
  }
  if (op == "closeGroup") return future ? json(client.close_group_async(group_no).get()) : json(client.close_group(group_no));
  if (op == "syncGroup") return future ? json(client.sync_group_async(group_no).get()) : json(client.sync_group(group_no));
  const std::string account_id = text(args, "accountId");
  if (op == "createAccount") {
    auto request = params_of(args).get<payee::CreateAccountRequest>();
    return future ? json(client.create_account_async(request, request_options(args)).get())
                  : json(client.create_account(request, request_options(args)));
  }
  if (op == "getAccount") return future ? json(client.get_account_async(account_id).get()) : json(client.get_account(account_id));
  if (op == "listAccounts" || op == "listAllAccounts") {
    auto params = page_params(params_of(args));
    if (op == "listAccounts") return future ? json(client.list_accounts_page_async(params).get()) : json(client.list_accounts_page(params));
    return future ? json(client.list_accounts_async(params).get()) : json(client.list_accounts(params).all());
  }
  if (op == "listAccountFlows" || op == "listAllAccountFlows") {
    auto params = page_params(params_of(args));
    if (op == "listAccountFlows") {
      return future ? json(client.list_account_flows_page_async(account_id, params).get()) : json(client.list_account_flows_page(account_id, params));
    }
    return future ? json(client.list_account_flows_async(account_id, params).get()) : json(client.list_account_flows(account_id, params).all());
  }
  if (op == "getAccountBalance") {
    payee::AccountBalanceParams params{optional_text(args, "at")};
    return future ? json(client.get_account_balance_async(account_id, params).get()) : json(client.get_account_balance(account_id, params));
  }
  if (op == "bench") return bench(c, args);
  throw std::runtime_error("unknown op " + op);
}

std::string class_name(const std::exception& e) {
  int status = 0;
  char* name = abi::__cxa_demangle(typeid(e).name(), nullptr, nullptr, &status);
  std::string out = status == 0 && name ? name : typeid(e).name();
  std::free(name);
  return out;
}

json error_of(const payee::Error& e) {
  json error = {{"kind", e.type()}, {"class", class_name(e)}, {"message", e.what()}};
  if (e.http_status()) error["status"] = e.http_status();
  for (auto [name, value] : {std::pair{"code", &e.code()}, {"param", &e.param()}, {"payNo", &e.pay_no()}, {"requestId", &e.request_id()}}) {
    if (!value->empty()) error[name] = *value;
  }
  if (e.retry_after()) error["retryAfterMs"] = e.retry_after()->count();
  if (auto* timeout = dynamic_cast<const payee::WaitTimeoutError*>(&e)) {
    if (timeout->payment()) error["last"] = *timeout->payment();
    if (timeout->refund()) error["last"] = *timeout->refund();
  }
  return error;
}

}  // namespace

int main() {
  std::ios::sync_with_stdio(false);
  std::cout << json{{"ready", {{"sdk", "cpp"}, {"version", payee::version}, {"variants", {"sync", "future"}}}}}.dump() << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    json request = json::parse(line, nullptr, false);
    if (request.is_discarded()) {
      std::cerr << "conformance adapter: a line that is not a request: " << line << std::endl;
      return 1;
    }
    json answer = {{"id", request["id"]}};
    const json args = request.contains("args") && request["args"].is_object() ? request["args"] : json::object();
    try {
      answer["result"] = run(request.value("op", ""), args);
      answer["ok"] = true;
    } catch (const payee::Error& e) {
      answer["ok"] = false;
      answer["error"] = error_of(e);
    } catch (const std::exception& e) {
      answer["ok"] = false;
      answer["error"] = {{"kind", "adapter"}, {"class", class_name(e)}, {"message", e.what()}};
    }
    std::cout << answer.dump(-1, ' ', false, json::error_handler_t::replace) << std::endl;
  }
  return 0;
}
