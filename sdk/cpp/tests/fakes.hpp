#pragma once
// A scripted transport and a clock that only moves when slept on: the unit tests' seams.

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <payee/payee.hpp>

namespace payee::testing {

/// Answers each request with the next scripted step: an HttpResponse, or a function (which may
/// throw, as a lost connection does). Records every request.
class ScriptedTransport : public HttpTransport {
 public:
  using Step = std::function<HttpResponse(const HttpRequest&)>;
  void answer(int status, std::string body, std::map<std::string, std::string> headers = {}) {
    steps.push_back([=](const HttpRequest&) { return HttpResponse{status, headers, body}; });
  }
  void drop() {
    steps.push_back([](const HttpRequest& r) -> HttpResponse { throw ConnectionError("payee: " + r.url + " got no answer", ErrorInfo("connection")); });
  }
  HttpResponse send(const HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mutex);
    requests.push_back(request);
    if (steps.empty()) throw std::logic_error("no scripted answer for " + request.method + " " + request.url);
    Step step = steps.front();
    steps.pop_front();
    return step(request);
  }
  std::string header(std::size_t i, const std::string& name) const {
    for (const auto& [n, v] : requests.at(i).headers) {
      if (n == name) return v;
    }
    return "";
  }
  std::deque<Step> steps;
  std::vector<HttpRequest> requests;
  std::mutex mutex;
};

/// A clock that starts at 0 and moves only by what is slept; each sleep recorded.
struct FakeClock {
  std::chrono::steady_clock::time_point at{};
  std::vector<std::chrono::milliseconds> slept;
  Clock clock() {
    return Clock{[this] { return at; }, [this](std::chrono::milliseconds d) {
                   slept.push_back(d);
                   at += d;
                 }};
  }
};

inline std::string payment_json(const std::string& pay_no = "P01", const std::string& status = "PENDING") {
  return std::string(R"({"payNo":")") + pay_no + R"(","status":")" + status +
         R"(","method":"alipay.qr","channel":"alipay","payId":"pc1","outTradeNo":"A1","subject":"T-shirt","amount":1999,)"
         R"("orderAmount":1999,"currency":"CNY","refundableAmount":0,"action":{"type":"qr_code","value":"https://qr.example/1"},)"
         R"("expiresAt":"2026-11-24T10:15:00.000Z","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z"})";
}

}  // namespace payee::testing
