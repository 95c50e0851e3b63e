#pragma once
// Every failure of an SDK call is a payee::Error: one class per error.type of the API, plus the
// SDK's own for answers the API did not type (rate limit, any other non-2xx), no answer at all
// (connection), a refused notification (signature) and a waiter's deadline (wait timeout).
// No exception of libcurl, nlohmann/json or OpenSSL leaves the SDK raw.

#include <array>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "payee/models.hpp"

namespace payee {

// The error codes (error.code, or a FAILED payment's or refund's failure code) the API's document
// names: one list, and a constant for each.
#define PAYEE_ERROR_CODES(X)                                                                        \
  X(account_not_found) X(api_key_expired) X(combine_partner_unsupported) X(combined_not_supported)  \
  X(currency_mismatch) X(currency_not_supported) X(duplicate_out_trade_no) X(group_not_closable)    \
  X(idempotency_key_in_use) X(idempotency_key_reused) X(insufficient_funds) X(invalid_client)       \
  X(invalid_json) X(ledger_disabled) X(method_not_supported) X(no_notify_url) X(not_captured)       \
  X(not_paid) X(parameter_conflict) X(parameter_invalid) X(parameter_missing) X(parameter_unknown)  \
  X(pay_config_ambiguous) X(pay_config_invalid) X(pay_config_mismatch) X(pay_config_not_found)      \
  X(payer_client_ip_required) X(payer_openid_required) X(payment_changed) X(payment_not_closable)   \
  X(payment_not_refundable) X(provider_refused) X(provider_unavailable)                             \
  X(refund_exceeds_refundable) X(resource_missing) X(scene_method_unavailable) X(scene_not_found)   \
  X(service_unavailable) X(statement_not_supported) X(transfer_not_refundable)                      \
  X(unknown_api_version) X(unsupported_content_type)

namespace code {
#define PAYEE_CODE_CONSTANT(name) inline constexpr std::string_view name = #name;
PAYEE_ERROR_CODES(PAYEE_CODE_CONSTANT)
#undef PAYEE_CODE_CONSTANT
}  // namespace code

#define PAYEE_CODE_ITEM(name) code::name,
/// Every code:: constant.
inline constexpr std::string_view error_codes[] = {PAYEE_ERROR_CODES(PAYEE_CODE_ITEM)};
#undef PAYEE_CODE_ITEM

/// What an Error carries besides its message.
struct ErrorInfo {
  ErrorInfo() = default;
  explicit ErrorInfo(std::string type) : type(std::move(type)) {}
  std::string type;  ///< error.type, or rate_limit, api, connection, signature, wait_timeout
  std::string code;  ///< error.code, e.g. "parameter_invalid"; empty for the SDK's own errors
  std::string param;       ///< the offending field, for invalid_request
  std::string pay_no;      ///< the existing payment of a 409 duplicate_out_trade_no
  std::string request_id;  ///< error.requestId, or API Gateway's request id
  int http_status = 0;     ///< 0 when no HTTP answer came
  std::optional<std::chrono::milliseconds> retry_after;  ///< the server's Retry-After
};

/// The base of every SDK error.
class Error : public std::runtime_error {
 public:
  Error(const std::string& message, ErrorInfo info) : std::runtime_error(message), info_(std::move(info)) {}
  const std::string& type() const noexcept { return info_.type; }
  const std::string& code() const noexcept { return info_.code; }
  const std::string& param() const noexcept { return info_.param; }
  const std::string& pay_no() const noexcept { return info_.pay_no; }
  const std::string& request_id() const noexcept { return info_.request_id; }
  int http_status() const noexcept { return info_.http_status; }
  std::optional<std::chrono::milliseconds> retry_after() const noexcept { return info_.retry_after; }
  const ErrorInfo& info() const noexcept { return info_; }
  /// Whether the same request may succeed later: a connection failure, 429, 5xx, and 409
  /// idempotency_key_in_use (the first request with this key still runs).
  bool retryable() const noexcept;

 private:
  ErrorInfo info_;
};

#define PAYEE_ERROR_CLASS(Name, Base) \
  class Name : public Base {          \
   public:                            \
    using Base::Base;                 \
  };

PAYEE_ERROR_CLASS(InvalidRequestError, Error)       ///< 400 invalid_request: error.param names the field
PAYEE_ERROR_CLASS(AuthenticationError, Error)       ///< 401/403: the key is missing, unknown or expired
PAYEE_ERROR_CLASS(NotFoundError, Error)             ///< 404 not_found
PAYEE_ERROR_CLASS(ConflictError, Error)             ///< 409 conflict: duplicate outTradeNo, not closable, ...
PAYEE_ERROR_CLASS(IdempotencyError, Error)          ///< 409/422 idempotency: the key is in use or came with another body
PAYEE_ERROR_CLASS(RateLimitError, Error)            ///< 429: over the key's usage plan
PAYEE_ERROR_CLASS(ProviderUnavailableError, Error)  ///< 503 provider: the outcome at the provider is unknown
PAYEE_ERROR_CLASS(ServiceUnavailableError, Error)   ///< 503 unavailable: payee's storage did not answer
PAYEE_ERROR_CLASS(ApiError, Error)                  ///< 500 internal, or an answer the API does not document
PAYEE_ERROR_CLASS(ConnectionError, Error)           ///< no HTTP answer: refused, reset, timed out
PAYEE_ERROR_CLASS(SignatureVerificationError, Error)  ///< a notification that does not verify
#undef PAYEE_ERROR_CLASS

/// A waiter (wait_for, create_and_wait, refund_and_wait) whose max_wait passed before a wanted
/// status: it carries what it saw last.
class WaitTimeoutError : public Error {
 public:
  WaitTimeoutError(const std::string& message, ErrorInfo info, std::optional<Payment> payment, std::optional<Refund> refund)
      : Error(message, std::move(info)), payment_(std::move(payment)), refund_(std::move(refund)) {}
  /// The payment last seen (wait_for, create_and_wait).
  const std::optional<Payment>& payment() const noexcept { return payment_; }
  /// The refund last seen (refund_and_wait).
  const std::optional<Refund>& refund() const noexcept { return refund_; }

 private:
  std::optional<Payment> payment_;
  std::optional<Refund> refund_;
};

namespace detail {
/// The error class of an API answer: the body's error.type, or the status for an untyped one.
[[noreturn]] void throw_api_error(const std::string& message, ErrorInfo info);
}  // namespace detail

}  // namespace payee
