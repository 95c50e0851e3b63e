// Payee-Signature: HMAC-SHA256 (OpenSSL) over t + "." + the raw body, compared in constant time.

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <cstdlib>
#include <vector>

#include "payee/errors.hpp"
#include "payee/webhook.hpp"

namespace payee {

namespace {

[[noreturn]] void refuse(const std::string& message) { throw SignatureVerificationError("payee: " + message, ErrorInfo{"signature"}); }

std::vector<unsigned char> mac(std::string_view raw_body, std::string_view secret, std::string_view t) {
  std::string message;
  message.reserve(t.size() + 1 + raw_body.size());
  message.append(t).append(".").append(raw_body);
  std::vector<unsigned char> out(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(message.data()),
           message.size(), out.data(), &length) == nullptr) {
    refuse("OpenSSL could not compute HMAC-SHA256");
  }
  out.resize(length);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

/// 64 lower-case hex digits as 32 bytes; nothing for anything else (it cannot match).
std::optional<std::vector<unsigned char>> hex32(std::string_view text) {
  if (text.size() != 64) return std::nullopt;
  std::vector<unsigned char> out;
  for (std::size_t i = 0; i < 64; i += 2) {
    auto digit = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
    int hi = digit(text[i]), lo = digit(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<unsigned char>(hi * 16 + lo));
  }
  return out;
}

}  // namespace

void verify_signature(std::string_view raw_body, std::string_view header, std::string_view secret, std::chrono::seconds tolerance,
                      std::optional<std::int64_t> now) {
  if (tolerance.count() <= 0) tolerance = default_tolerance;
  if (trim(header).empty()) refuse("no Payee-Signature header");
  std::string_view t;
  std::vector<std::vector<unsigned char>> signatures;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view part = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    auto eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = trim(part.substr(0, eq)), value = trim(part.substr(eq + 1));
    if (key == "t") t = value;
    if (key == "v1") {
      if (auto sig = hex32(value)) signatures.push_back(std::move(*sig));
    }
  }
  if (t.empty() || t.size() > 18 || t.find_first_not_of("0123456789") != std::string_view::npos) refuse("the header has no timestamp t");
  if (signatures.empty()) refuse("the header has no v1 signature");
  const std::int64_t at = std::strtoll(std::string(t).c_str(), nullptr, 10);
  const std::int64_t clock = now.value_or(std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  if (std::llabs(clock - at) > tolerance.count()) {
    refuse("the timestamp is more than " + std::to_string(tolerance.count()) + " s from now (replayed, or a clock out of sync)");
  }
  const std::vector<unsigned char> expected = mac(raw_body, secret, t);
  for (const auto& sig : signatures) {
    if (sig.size() == expected.size() && CRYPTO_memcmp(sig.data(), expected.data(), expected.size()) == 0) return;
  }
  refuse("no v1 signature matches the body and secret");
}

VerifiedNotification verify_notification(std::string_view raw_body, std::string_view header, std::string_view secret,
                                         std::chrono::seconds tolerance, std::optional<std::int64_t> now) {
  verify_signature(raw_body, header, secret, tolerance, now);
  try {
    const auto body = nlohmann::json::parse(raw_body);
    const auto type = body.is_object() ? body.value("type", std::string()) : std::string();
    if (type.rfind("group.", 0) == 0) return body.get<GroupNotification>();
    return body.get<PaymentNotification>();
  } catch (const nlohmann::json::exception& e) {
    refuse(std::string("the signed body is not a notification: ") + e.what());
  }
}

std::string sign_notification(std::string_view raw_body, std::string_view secret, std::int64_t t) {
  const std::string ts = std::to_string(t);
  static const char* hex = "0123456789abcdef";
  std::string header = "t=" + ts + ",v1=";
  for (unsigned char b : mac(raw_body, secret, ts)) {
    header += hex[b >> 4];
    header += hex[b & 15];
  }
  return header;
}

}  // namespace payee
