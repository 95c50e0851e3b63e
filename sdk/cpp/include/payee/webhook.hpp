#pragma once
// Notifications payee POSTs to your notifyUrl carry Payee-Signature: t=<unix seconds>,v1=<hex
// HMAC-SHA256 of t + "." + the raw body, keyed with your notify secret>. Verify the bytes you
// received, before any JSON parsing; answer a SignatureVerificationError with a non-2xx status.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "payee/models.hpp"

namespace payee {

inline constexpr std::string_view signature_header = "Payee-Signature";
inline constexpr std::chrono::seconds default_tolerance{300};

/// Checks the header against the secret and returns the notification. A timestamp more than
/// `tolerance` from `now` (unix seconds; default: the system clock) is refused, so a captured
/// notification cannot be replayed later. While a secret is rotated, try each in turn.
/// Throws SignatureVerificationError.
PaymentNotification verify_notification(std::string_view raw_body, std::string_view header, std::string_view secret,
                                        std::chrono::seconds tolerance = default_tolerance,
                                        std::optional<std::int64_t> now = std::nullopt);

/// verify_notification's check alone, for receivers that parse the body themselves.
void verify_signature(std::string_view raw_body, std::string_view header, std::string_view secret,
                      std::chrono::seconds tolerance = default_tolerance, std::optional<std::int64_t> now = std::nullopt);

/// The Payee-Signature header payee would send for raw_body at unix time t: for testing your receiver.
std::string sign_notification(std::string_view raw_body, std::string_view secret, std::int64_t t);

}  // namespace payee
