// The request path every call shares: headers, the Idempotency-Key, retries and backoff, and
// the mapping of an answer to a model or to an Error.

#include <curl/curl.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <thread>

#include "payee/client.hpp"
#include "internal.hpp"

namespace payee {

struct Client::State {
  ClientOptions options;
  std::string user_agent;
};

Clock Clock::system() {
  return Clock{[] { return std::chrono::steady_clock::now(); }, [](milliseconds d) { std::this_thread::sleep_for(d); }};
}

namespace {

// The longest Retry-After a call sleeps through; a longer one is the caller's to decide
// (Error::retry_after).
constexpr milliseconds max_retry_after{60'000};

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

double random_unit() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

/// A random UUID (version 4), from OpenSSL's generator.
std::string new_idempotency_key() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) {
    for (auto& byte : b) byte = static_cast<unsigned char>(random_unit() * 256);
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char text[37];
  std::snprintf(text, sizeof text, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4],
                b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return text;
}

/// Retry-After: delay seconds or an HTTP date; nothing when absent or unreadable.
std::optional<milliseconds> retry_after_of(const std::string& value) {
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return milliseconds(std::stoll(value.substr(0, 12)) * 1000);
  }
  time_t at = curl_getdate(value.c_str(), nullptr);
  if (at < 0) return std::nullopt;
  auto left = std::chrono::system_clock::from_time_t(at) - std::chrono::system_clock::now();
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(left));
}

std::string status_text(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "HTTP " + std::to_string(status);
  }
}

/// The Error of a non-2xx answer: the API's error body, or API Gateway's {"message": …} and
/// anything else by its status (403 a refused key, 429 the usage plan's throttle).
[[noreturn]] void throw_answer(const HttpRequest& request, const HttpResponse& response) {
  ErrorInfo info;
  info.http_status = response.status;
  info.retry_after = retry_after_of(response.header("retry-after"));
  std::string message;
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  const nlohmann::json* error = body.is_object() && body.contains("error") && body["error"].is_object() ? &body["error"] : nullptr;
  if (error && error->contains("type") && (*error)["type"].is_string()) {
    auto text = [&](const char* name) {
      auto it = error->find(name);
      return it != error->end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    info.type = text("type");
    info.code = text("code");
    info.param = text("param");
    info.pay_no = text("payNo");
    info.request_id = text("requestId");
    message = text("message");
  } else {
    info.type = response.status == 403 ? "authentication" : response.status == 404 ? "not_found" : response.status == 429 ? "rate_limit" : "api";
    info.request_id = response.header("x-amzn-requestid");
    for (const char* name : {"message", "Message"}) {
      if (message.empty() && body.is_object() && body.contains(name) && body[name].is_string()) message = body[name].get<std::string>();
    }
    if (message.empty()) message = status_text(response.status);
  }
  std::string path = request.url.substr(0, request.url.find('?'));
  std::string text = "payee: " + std::to_string(response.status) + " " + info.type + (info.code.empty() ? "" : "/" + info.code) + ": " +
                     message + " (" + request.method + " " + path + ")" + (info.request_id.empty() ? "" : " [request " + info.request_id + "]");
  detail::throw_api_error(text, std::move(info));
}

}  // namespace

Client::Client(ClientOptions options) {
  if (options.base_url.empty()) options.base_url = env("PAYEE_URL");
  if (options.api_key.empty()) options.api_key = env("PAYEE_KEY");
  while (!options.base_url.empty() && options.base_url.back() == '/') options.base_url.pop_back();
  if (options.base_url.empty()) throw std::invalid_argument("payee: no base URL (ClientOptions::base_url or PAYEE_URL)");
  if (options.api_key.empty()) throw std::invalid_argument("payee: no API key (ClientOptions::api_key or PAYEE_KEY)");
  options.max_retries = std::max(options.max_retries, 0);
  options.max_retry_delay = std::max(options.max_retry_delay, options.min_retry_delay);
  if (!options.transport) options.transport = make_curl_transport();
  if (!options.jitter) options.jitter = random_unit;
  if (!options.clock.now || !options.clock.sleep) options.clock = Clock::system();
  auto state = std::make_shared<State>();
  state->user_agent = std::string("payee-cpp/") + version + " (C++" + std::to_string(__cplusplus / 100 % 100) + "; " + curl_version_text() +
                      ")" + (options.app_info.empty() ? "" : " " + options.app_info);
  state->options = std::move(options);
  state_ = std::move(state);
}

const ClientOptions& Client::options() const { return state_->options; }

milliseconds Client::backoff(milliseconds first, milliseconds cap, int attempt) const {
  double d = std::min(static_cast<double>(first.count()) * std::pow(2.0, attempt), static_cast<double>(cap.count()));
  return milliseconds(static_cast<long long>(d * (0.5 + 0.5 * state_->options.jitter())));
}

nlohmann::json Client::call(const std::string& method, const std::string& path,
                            const std::vector<std::pair<std::string, std::string>>& query, const nlohmann::json* body,
                            const RequestOptions& options) const {
  const ClientOptions& o = state_->options;
  HttpRequest request;
  request.method = method;
  request.url = o.base_url + path;
  for (std::size_t i = 0; i < query.size(); ++i) {
    request.url += (i == 0 ? "?" : "&") + detail::percent_encode(query[i].first) + "=" + detail::percent_encode(query[i].second);
  }
  request.timeout = options.timeout.value_or(o.timeout);
  request.headers = {{"x-api-key", o.api_key}, {"Accept", "application/json"}, {"User-Agent", state_->user_agent},
                     {"Payee-Client", std::string("cpp/") + version}, {"Payee-Version", api_version}};
  if (body) {
    request.body = body->dump();
    request.headers.emplace_back("Content-Type", "application/json");
  }
  // One key for every attempt: the API replays the first answer instead of acting twice.
  if (method == "POST") request.headers.emplace_back("Idempotency-Key", options.idempotency_key.value_or(new_idempotency_key()));
  const int max_retries = std::max(options.max_retries.value_or(o.max_retries), 0);

  for (int attempt = 0;; ++attempt) {
    try {
      HttpResponse response;
      try {
        response = o.transport->send(request);
      } catch (const Error&) {
        throw;
      } catch (const std::exception& e) {
        throw ConnectionError("payee: " + method + " " + path + " got no answer: " + e.what(), ErrorInfo{"connection"});
      }
      if (response.status < 200 || response.status >= 300) throw_answer(request, response);
      try {
        return response.body.empty() ? nlohmann::json() : nlohmann::json::parse(response.body);
      } catch (const nlohmann::json::exception& e) {
        ErrorInfo info{"api"};
        info.http_status = response.status;
        throw ApiError("payee: decoding the answer to " + method + " " + path + ": " + e.what(), std::move(info));
      }
    } catch (const Error& e) {
      if (!e.retryable() || attempt >= max_retries || (e.retry_after() && *e.retry_after() > max_retry_after)) throw;
      // The server knows best when it can answer: its Retry-After is waited exactly.
      o.clock.sleep(e.retry_after() ? *e.retry_after() : backoff(o.min_retry_delay, o.max_retry_delay, attempt));
    }
  }
}

namespace detail {

std::string percent_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace detail
}  // namespace payee
