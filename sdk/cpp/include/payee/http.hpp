#pragma once
// The SDK sends HTTP through an HttpTransport: libcurl's by default (make_curl_transport), or
// yours, e.g. to add a proxy, TLS settings or instrumentation. A transport either answers (any
// status) or throws payee::ConnectionError when no answer came; the client wraps anything else
// it throws into a ConnectionError too.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace payee {

struct HttpRequest {
  std::string method;  ///< GET or POST
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  ///< empty: no body
  std::chrono::milliseconds timeout{0};  ///< connect to last byte; 0: none
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  ///< names in lower case
  std::string body;
  /// The header's value, or "" when absent; name in any case.
  std::string header(std::string_view name) const;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  /// Sends the request once. Safe to call from several threads at once.
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

/// libcurl, keeping its connections alive between calls (a pool of easy handles, one per call
/// in flight).
std::shared_ptr<HttpTransport> make_curl_transport();

/// libcurl's version, for User-Agent.
std::string curl_version_text();

}  // namespace payee
