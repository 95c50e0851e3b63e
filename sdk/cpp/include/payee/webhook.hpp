#pragma once
// Notifications payee POSTs to your notifyUrl carry Payee-Signature: t=<unix seconds>,v1=<hex
// HMAC-SHA256 of t + "." + the raw body, keyed with your notify secret>. Verify the bytes you
// received, before any JSON parsing; answer a SignatureVerificationError with a non-2xx status.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "payee/models.hpp"

namespace payee {

inline constexpr std::string_view signature_header = "Payee-Signature";
inline constexpr std::chrono::seconds default_tolerance{300};

/// A verified notification: a GroupNotification when its type starts with "group." (group.paid,
/// group.closed), a PaymentNotification otherwise. std::visit it, or std::get_if the kind you handle.
using VerifiedNotification = std::variant<PaymentNotification, GroupNotification>;

/// Checks the header against the secret and returns the notification, typed by its type. A
/// timestamp more than `tolerance` from `now` (unix seconds; default: the system clock) is
/// refused, so a captured notification cannot be replayed later. While a secret is rotated, try
/// each in turn. Throws SignatureVerificationError.
VerifiedNotification verify_notification(std::string_view raw_body, std::string_view header, std::string_view secret,
                                         std::chrono::seconds tolerance = default_tolerance,
                                         std::optional<std::int64_t> now = std::nullopt);

/// verify_notification's check alone, for receivers that parse the body themselves.
void verify_signature(std::string_view raw_body, std::string_view header, std::string_view secret,
                      std::chrono::seconds tolerance = default_tolerance, std::optional<std::int64_t> now = std::nullopt);

/// The Payee-Signature header payee would send for raw_body at unix time t: for testing your receiver.
std::string sign_notification(std::string_view raw_body, std::string_view secret, std::int64_t t);

}  // namespace payee
