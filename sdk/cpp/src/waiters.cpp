// The waiters: poll until a wanted status, shaped as AWS SDK waiters are (max_wait, min_delay
// doubling to max_delay with jitter), or give up with what was seen last.

#include <algorithm>
#include <cmath>

#include "payee/client.hpp"

namespace payee {

namespace {

WaitOptions sane(WaitOptions wait) {
  if (wait.max_wait.count() <= 0) wait.max_wait = WaitOptions{}.max_wait;
  if (wait.min_delay.count() <= 0) wait.min_delay = WaitOptions{}.min_delay;
  if (wait.max_delay.count() <= 0) wait.max_delay = WaitOptions{}.max_delay;
  wait.max_delay = std::max(wait.max_delay, wait.min_delay);
  return wait;
}

std::string millis(milliseconds d) { return std::to_string(d.count()) + " ms"; }

}  // namespace

bool Client::poll(const WaitOptions& options, const std::function<bool()>& check) const {
  const WaitOptions wait = sane(options);
  const Clock& clock = Client::options().clock;
  const auto start = clock.now();
  for (int attempt = 0;; ++attempt) {
    // A failed read ends the wait at once: its own retries have been spent on it.
    if (check()) return true;
    auto left = wait.max_wait - std::chrono::duration_cast<milliseconds>(clock.now() - start);
    if (left.count() <= 0) return false;
    clock.sleep(std::min(backoff(wait.min_delay, wait.max_delay, attempt), left));
  }
}

Payment Client::wait_for(const std::string& pay_no, const std::vector<PaymentStatus>& statuses, const WaitOptions& wait) const {
  std::optional<Payment> last;
  const auto start = Client::options().clock.now();
  bool done = poll(wait, [&] {
    last = get_payment(pay_no);
    return statuses.empty() ? is_final(last->status) : std::find(statuses.begin(), statuses.end(), last->status) != statuses.end();
  });
  if (done) return std::move(*last);
  auto waited = std::chrono::duration_cast<milliseconds>(Client::options().clock.now() - start);
  ErrorInfo info{"wait_timeout"};
  info.pay_no = pay_no;
  std::string status(to_string(last->status));
  throw WaitTimeoutError("payee: wait timed out after " + millis(waited) + ": " + pay_no + " is still " + status, std::move(info),
                         std::move(last), std::nullopt);
}

Payment Client::create_and_wait(const CreatePaymentRequest& request, const std::vector<PaymentStatus>& statuses, const WaitOptions& wait,
                                const RequestOptions& options) const {
  Payment created = create_payment(request, options);
  bool wanted = statuses.empty() ? is_final(created.status) : std::find(statuses.begin(), statuses.end(), created.status) != statuses.end();
  if (wanted || created.status == PaymentStatus::failed) return created;
  return wait_for(created.pay_no, statuses, wait);
}

Refund Client::refund_and_wait(const std::string& pay_no, const CreateRefundRequest& request, const WaitOptions& wait,
                               const RequestOptions& options) const {
  Refund last = create_refund(pay_no, request, options);
  if (is_final(last.status)) return last;
  const std::string refund_no = last.refund_no;
  const auto start = Client::options().clock.now();
  bool done = poll(wait, [&] {
    RefundList list = list_refunds(pay_no);
    auto it = std::find_if(list.data.begin(), list.data.end(), [&](const Refund& r) { return r.refund_no == refund_no; });
    if (it == list.data.end()) {
      ErrorInfo info("not_found");
      info.code = code::resource_missing;
      info.param = "refundNo";
      info.pay_no = pay_no;
      info.http_status = 200;
      throw NotFoundError("payee: refund " + refund_no + " is not among payment " + pay_no + "'s refunds", std::move(info));
    }
    last = *it;
    return is_final(last.status);
  });
  if (done) return last;
  auto waited = std::chrono::duration_cast<milliseconds>(Client::options().clock.now() - start);
  ErrorInfo info{"wait_timeout"};
  info.pay_no = pay_no;
  throw WaitTimeoutError("payee: wait timed out after " + millis(waited) + ": refund " + refund_no + " of " + pay_no + " is still " +
                             std::string(to_string(last.status)),
                         std::move(info), std::nullopt, last);
}

}  // namespace payee
