// The default transport: libcurl easy handles, kept in a pool between calls so that each keeps
// its connection to payee alive (a handle per call in flight, never shared by two at once).

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <vector>

#include "payee/errors.hpp"
#include "payee/http.hpp"

namespace payee {

std::string HttpResponse::header(std::string_view name) const {
  std::string key(name);
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto it = headers.find(key);
  return it == headers.end() ? std::string() : it->second;
}

std::string curl_version_text() { return std::string("libcurl/") + curl_version_info(CURLVERSION_NOW)->version; }

namespace {

void init_curl_once() {
  // curl_global_init is not thread-safe in every libcurl build: once, before any handle.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    response->headers.clear();  // a new response (after a 100 Continue or a redirect)
    return size * count;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
  response->headers[name] = std::string(value);
  return size * count;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

class CurlTransport final : public HttpTransport {
 public:
  CurlTransport() { init_curl_once(); }
  ~CurlTransport() override {
    for (CURL* handle : idle_) curl_easy_cleanup(handle);
  }

  HttpResponse send(const HttpRequest& request) override {
    CURL* handle = take();
    HttpResponse response;
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    for (const auto& [name, value] : request.headers) {
      headers.reset(curl_slist_append(headers.release(), (name + ": " + value).c_str()));
    }
    // libcurl's defaults that payee did not ask for: a form Content-Type on a bodyless POST, and
    // Expect: 100-continue (an extra round trip) on a larger body.
    if (request.body.empty()) headers.reset(curl_slist_append(headers.release(), "Content-Type:"));
    headers.reset(curl_slist_append(headers.release(), "Expect:"));

    curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
    if (request.method == "GET") {
      curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
      curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.c_str());
    }
    if (request.timeout.count() > 0) curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &response);

    CURLcode result = curl_easy_perform(handle);
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    give_back(handle);
    if (result != CURLE_OK) {
      ErrorInfo info;
      info.type = "connection";
      throw ConnectionError("payee: " + request.method + " " + request.url + " got no answer: " + curl_easy_strerror(result),
                            std::move(info));
    }
    response.status = static_cast<int>(status);
    return response;
  }

 private:
  CURL* take() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        CURL* handle = idle_.back();
        idle_.pop_back();
        return handle;
      }
    }
    CURL* handle = curl_easy_init();
    if (handle == nullptr) throw ConnectionError("payee: libcurl could not make a handle", ErrorInfo{"connection"});
    return handle;
  }

  void give_back(CURL* handle) {
    curl_easy_reset(handle);  // options go, the connection stays
    std::lock_guard<std::mutex> lock(mutex_);
    idle_.push_back(handle);
  }

  std::mutex mutex_;
  std::vector<CURL*> idle_;
};

}  // namespace

std::shared_ptr<HttpTransport> make_curl_transport() { return std::make_shared<CurlTransport>(); }

}  // namespace payee
