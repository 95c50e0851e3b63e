#pragma once
// Helpers the SDK's sources share, not part of its API.

#include <string>

namespace payee::detail {

/// Percent-encodes all but RFC 3986's unreserved characters (a path segment, a query value).
std::string percent_encode(const std::string& text);

}  // namespace payee::detail
