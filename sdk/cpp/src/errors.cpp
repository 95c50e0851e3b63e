#include "payee/errors.hpp"

namespace payee {

bool Error::retryable() const noexcept {
  if (info_.type == "connection") return true;
  if (info_.http_status == 429 || info_.http_status >= 500) return true;
  return info_.http_status == 409 && info_.code == code::idempotency_key_in_use;
}

namespace detail {

[[noreturn]] void throw_api_error(const std::string& message, ErrorInfo info) {
  const std::string& t = info.type;
  if (t == "invalid_request") throw InvalidRequestError(message, std::move(info));
  if (t == "authentication") throw AuthenticationError(message, std::move(info));
  if (t == "not_found") throw NotFoundError(message, std::move(info));
  if (t == "conflict") throw ConflictError(message, std::move(info));
  if (t == "idempotency") throw IdempotencyError(message, std::move(info));
  if (t == "rate_limit") throw RateLimitError(message, std::move(info));
  if (t == "provider") throw ProviderUnavailableError(message, std::move(info));
  if (t == "unavailable") throw ServiceUnavailableError(message, std::move(info));
  if (t == "connection") throw ConnectionError(message, std::move(info));
  if (t == "signature") throw SignatureVerificationError(message, std::move(info));
  throw ApiError(message, std::move(info));  // internal, api, and a type newer than this SDK
}

}  // namespace detail
}  // namespace payee
