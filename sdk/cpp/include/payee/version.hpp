#pragma once

namespace payee {

/// This SDK's version, sent in User-Agent and Payee-Client.
inline constexpr const char* version = "0.1.0";
/// The Payee-Version the SDK's models are written for (the document's info.version).
inline constexpr const char* api_version = "2026-11-24";

}  // namespace payee
