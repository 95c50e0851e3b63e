// The request path: headers, retries and their timing, the Idempotency-Key, error mapping and
// pagination, against a scripted transport and a fake clock.

#include <gtest/gtest.h>

#include "fakes.hpp"

namespace {

using namespace std::chrono_literals;
using payee::testing::FakeClock;
using payee::testing::payment_json;
using payee::testing::ScriptedTransport;

struct ClientTest : ::testing::Test {
  std::shared_ptr<ScriptedTransport> transport = std::make_shared<ScriptedTransport>();
  FakeClock clock;
  double jitter = 1.0;  // the factor × 0.5–1 at its top: the backoff's full value

  payee::Client client(int max_retries = 2) {
    payee::ClientOptions o;
    o.base_url = "http://payee.test/live/";
    o.api_key = "key_1";
    o.max_retries = max_retries;
    o.transport = transport;
    o.clock = clock.clock();
    o.jitter = [this] { return jitter; };
    return payee::Client(o);
  }

  payee::CreatePaymentRequest order() {
    payee::CreatePaymentRequest r;
    r.method = payee::Method::alipay_qr;
    r.out_trade_no = "A1";
    r.subject = "T-shirt";
    r.amount = 1999;
    r.currency = "CNY";
    return r;
  }
};

const std::string service_unavailable = R"({"error":{"type":"unavailable","code":"service_unavailable","message":"try again","requestId":"r1"}})";

TEST_F(ClientTest, SendsTheHeadersAndTheBody) {
  transport->answer(201, payment_json());
  payee::Payment p = client().create_payment(order());
  EXPECT_EQ(p.pay_no, "P01");
  EXPECT_EQ(p.status, payee::PaymentStatus::pending);
  const payee::HttpRequest& r = transport->requests.at(0);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "http://payee.test/live/v1/payments");
  EXPECT_EQ(transport->header(0, "x-api-key"), "key_1");
  EXPECT_EQ(transport->header(0, "Payee-Version"), payee::api_version);
  EXPECT_EQ(transport->header(0, "Payee-Client"), std::string("cpp/") + payee::version);
  EXPECT_EQ(transport->header(0, "User-Agent").rfind(std::string("payee-cpp/") + payee::version + " (", 0), 0u);
  EXPECT_EQ(transport->header(0, "Content-Type"), "application/json");
  EXPECT_EQ(r.timeout, 80s);
  EXPECT_EQ(nlohmann::json::parse(r.body),
            (nlohmann::json{{"method", "alipay.qr"}, {"outTradeNo", "A1"}, {"subject", "T-shirt"}, {"amount", 1999}, {"currency", "CNY"}}));
  EXPECT_EQ(transport->header(0, "Idempotency-Key").size(), 36u);
}

TEST_F(ClientTest, AGetHasNoBodyAndNoKeyAndEncodesItsPathAndQuery) {
  transport->answer(200, payment_json());
  transport->answer(200, R"({"data":[]})");
  auto c = client();
  c.get_payment("P 1/x");
  payee::ListPaymentsParams params;
  params.out_trade_no = "A&B=1";
  params.limit = 5;
  c.list_payments_page(params);
  EXPECT_EQ(transport->requests[0].url, "http://payee.test/live/v1/payments/P%201%2Fx");
  EXPECT_EQ(transport->requests[0].body, "");
  EXPECT_EQ(transport->header(0, "Idempotency-Key"), "");
  EXPECT_EQ(transport->requests[1].url, "http://payee.test/live/v1/payments?outTradeNo=A%26B%3D1&limit=5");
}

TEST_F(ClientTest, RetriesA5xxWithTheSameKeyAndBackoffDoublingToTheCap) {
  for (int i = 0; i < 5; ++i) transport->answer(500, R"({"error":{"type":"internal","code":"x","message":"boom"}})");
  transport->answer(201, payment_json());
  auto c = client(5);
  EXPECT_EQ(c.create_payment(order()).pay_no, "P01");
  ASSERT_EQ(transport->requests.size(), 6u);
  for (std::size_t i = 1; i < 6; ++i) EXPECT_EQ(transport->header(i, "Idempotency-Key"), transport->header(0, "Idempotency-Key"));
  EXPECT_EQ(clock.slept, (std::vector<std::chrono::milliseconds>{500ms, 1000ms, 2000ms, 4000ms, 5000ms}));
}

TEST_F(ClientTest, JitterScalesEachBackoffByHalfToWhole) {
  jitter = 0.0;
  transport->drop();
  transport->drop();
  transport->answer(200, payment_json());
  client().get_payment("P01");
  EXPECT_EQ(clock.slept, (std::vector<std::chrono::milliseconds>{250ms, 500ms}));
}

TEST_F(ClientTest, HonoursRetryAfterExactly) {
  transport->answer(503, service_unavailable, {{"retry-after", "2"}});
  transport->answer(201, payment_json());
  client().create_payment(order());
  EXPECT_EQ(clock.slept, (std::vector<std::chrono::milliseconds>{2000ms}));
}

TEST_F(ClientTest, ARetryAfterBeyondAMinuteIsTheCallersToDecide) {
  transport->answer(503, service_unavailable, {{"retry-after", "120"}});
  try {
    client().create_payment(order());
    FAIL() << "no error";
  } catch (const payee::ServiceUnavailableError& e) {
    EXPECT_EQ(e.retry_after(), std::chrono::milliseconds(120'000));
  }
  EXPECT_EQ(transport->requests.size(), 1u);
}

TEST_F(ClientTest, GivesUpAfterMaxRetriesWithTheLastError) {
  for (int i = 0; i < 3; ++i) transport->answer(503, service_unavailable);
  EXPECT_THROW(client().get_payment("P01"), payee::ServiceUnavailableError);
  EXPECT_EQ(transport->requests.size(), 3u);
  transport->requests.clear();
  transport->answer(503, service_unavailable);
  payee::RequestOptions once;
  once.max_retries = 0;
  EXPECT_THROW(client().get_payment("P01", once), payee::ServiceUnavailableError);
  EXPECT_EQ(transport->requests.size(), 1u);
}

TEST_F(ClientTest, TheCallersKeyWinsOnEveryAttempt) {
  transport->drop();
  transport->answer(201, payment_json());
  payee::RequestOptions options;
  options.idempotency_key = "order-A1";
  client().create_payment(order(), options);
  EXPECT_EQ(transport->header(0, "Idempotency-Key"), "order-A1");
  EXPECT_EQ(transport->header(1, "Idempotency-Key"), "order-A1");
}

TEST_F(ClientTest, EachCallHasItsOwnKey) {
  transport->answer(201, payment_json());
  transport->answer(201, payment_json());
  auto c = client();
  c.create_payment(order());
  c.create_payment(order());
  EXPECT_NE(transport->header(0, "Idempotency-Key"), transport->header(1, "Idempotency-Key"));
}

TEST_F(ClientTest, RetriesIdempotencyKeyInUseAnd429ButNoOther4xx) {
  transport->answer(409, R"({"error":{"type":"idempotency","code":"idempotency_key_in_use","message":"running"}})");
  transport->answer(429, R"({"message":"Too Many Requests"})");
  transport->answer(201, payment_json());
  client().create_payment(order());
  EXPECT_EQ(transport->requests.size(), 3u);

  transport->requests.clear();
  transport->answer(409, R"({"error":{"type":"conflict","code":"duplicate_out_trade_no","message":"exists","payNo":"P00","requestId":"r9"}})");
  try {
    client().create_payment(order());
    FAIL() << "no error";
  } catch (const payee::ConflictError& e) {
    EXPECT_EQ(e.code(), payee::code::duplicate_out_trade_no);
    EXPECT_EQ(e.pay_no(), "P00");
    EXPECT_EQ(e.request_id(), "r9");
    EXPECT_EQ(e.http_status(), 409);
  }
  EXPECT_EQ(transport->requests.size(), 1u);
}

template <class E>
void expect_error(ScriptedTransport& transport, payee::Client& client, int status, const std::string& body, const std::string& type,
                  std::map<std::string, std::string> headers = {}) {
  transport.answer(status, body, headers);
  try {
    payee::RequestOptions once;
    once.max_retries = 0;
    client.get_payment("P01", once);
    ADD_FAILURE() << "no error for " << status << " " << body;
  } catch (const E& e) {
    EXPECT_EQ(e.type(), type) << body;
    EXPECT_EQ(e.http_status(), status);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "another class for " << status << " " << body << ": " << e.what();
  }
}

TEST_F(ClientTest, MapsEveryErrorTypeToItsClass) {
  auto c = client();
  auto body = [](const char* type) { return std::string(R"({"error":{"type":")") + type + R"(","code":"c","message":"m"}})"; };
  expect_error<payee::InvalidRequestError>(*transport, c, 400, body("invalid_request"), "invalid_request");
  expect_error<payee::AuthenticationError>(*transport, c, 401, body("authentication"), "authentication");
  expect_error<payee::NotFoundError>(*transport, c, 404, body("not_found"), "not_found");
  expect_error<payee::ConflictError>(*transport, c, 409, body("conflict"), "conflict");
  expect_error<payee::IdempotencyError>(*transport, c, 422, body("idempotency"), "idempotency");
  expect_error<payee::ProviderUnavailableError>(*transport, c, 503, body("provider"), "provider");
  expect_error<payee::ServiceUnavailableError>(*transport, c, 503, body("unavailable"), "unavailable");
  expect_error<payee::ApiError>(*transport, c, 500, body("internal"), "internal");
  // API Gateway's own answers, and anything else, by status.
  expect_error<payee::AuthenticationError>(*transport, c, 403, R"({"message":"Forbidden"})", "authentication");
  expect_error<payee::RateLimitError>(*transport, c, 429, R"({"message":"Too Many Requests"})", "rate_limit");
  expect_error<payee::ApiError>(*transport, c, 502, "<html>Bad Gateway</html>", "api", {{"x-amzn-requestid", "gw-1"}});
}

TEST_F(ClientTest, AnInvalidRequestNamesTheField) {
  transport->answer(400, R"({"error":{"type":"invalid_request","code":"parameter_invalid","param":"amount","message":"too small","requestId":"r2"}})");
  try {
    client().create_payment(order());
    FAIL() << "no error";
  } catch (const payee::Error& e) {
    EXPECT_EQ(e.param(), "amount");
    EXPECT_EQ(e.code(), payee::code::parameter_invalid);
    EXPECT_NE(std::string(e.what()).find("too small"), std::string::npos);
  }
}

TEST_F(ClientTest, ATransportsOwnExceptionIsAConnectionError) {
  for (int i = 0; i < 3; ++i) transport->steps.push_back([](const payee::HttpRequest&) -> payee::HttpResponse { throw std::runtime_error("socket"); });
  EXPECT_THROW(client().get_payment("P01"), payee::ConnectionError);
  EXPECT_EQ(transport->requests.size(), 3u);
}

TEST_F(ClientTest, AnAnswerNotOfTheDocumentsShapeIsAnApiError) {
  transport->answer(200, "not json");
  EXPECT_THROW(client().get_payment("P01"), payee::ApiError);
  transport->answer(200, R"({"payNo":7})");
  EXPECT_THROW(client().get_payment("P01"), payee::ApiError);
}

TEST_F(ClientTest, PaginatesUntilTheLastPage) {
  transport->answer(200, "{\"data\":[" + payment_json("P3") + "," + payment_json("P2") + "],\"nextCursor\":\"c1\"}");
  transport->answer(200, "{\"data\":[" + payment_json("P1") + "],\"nextCursor\":\"c2\"}");
  transport->answer(200, "{\"data\":[" + payment_json("P0") + "]}");
  payee::ListPaymentsParams params;
  params.limit = 2;
  std::vector<std::string> seen;
  for (const payee::Payment& p : client().list_payments(params)) seen.push_back(p.pay_no);
  EXPECT_EQ(seen, (std::vector<std::string>{"P3", "P2", "P1", "P0"}));
  ASSERT_EQ(transport->requests.size(), 3u);
  EXPECT_EQ(transport->requests[0].url, "http://payee.test/live/v1/payments?limit=2");
  EXPECT_EQ(transport->requests[1].url, "http://payee.test/live/v1/payments?limit=2&cursor=c1");
  EXPECT_EQ(transport->requests[2].url, "http://payee.test/live/v1/payments?limit=2&cursor=c2");
}

TEST_F(ClientTest, BreakingOutOfTheLoopReadsNoFurtherPage) {
  transport->answer(200, "{\"data\":[" + payment_json("P3") + "],\"nextCursor\":\"c1\"}");
  for (const payee::Payment& p : client().list_payments()) {
    EXPECT_EQ(p.pay_no, "P3");
    break;
  }
  EXPECT_EQ(transport->requests.size(), 1u);
}

TEST_F(ClientTest, AnEmptyListIsAnEmptyLoopAndNoPaymentByOutTradeNo) {
  transport->answer(200, R"({"data":[]})");
  transport->answer(200, R"({"data":[]})");
  auto c = client();
  EXPECT_TRUE(c.list_payments().all().empty());
  EXPECT_FALSE(c.get_payment_by_out_trade_no("none").has_value());
  EXPECT_EQ(transport->requests[1].url, "http://payee.test/live/v1/payments?outTradeNo=none");
}

TEST_F(ClientTest, CreatesAGroupWithOneKeyAndReadsItsMembers) {
  const std::string group = R"({"groupNo":"G1","mode":"batch","status":"open","memberCount":1,"createdAt":"t","updatedAt":"t",)"
                            R"("members":[{"outTradeNo":"A1","payNo":"P01","payment":)" + payment_json() + R"(},)"
                            R"({"outTradeNo":"A2","payNo":"P02","error":{"code":"duplicate_out_trade_no","message":"exists"}}]})";
  transport->answer(503, service_unavailable);
  transport->answer(201, group);
  payee::CreateGroupRequest request;
  request.mode = payee::GroupMode::batch;
  request.method = payee::Method::alipay_qr;
  payee::GroupMemberRequest member;
  member.out_trade_no = "A1";
  member.subject = "T-shirt";
  member.amount = 1999;
  member.currency = "CNY";
  member.details = std::vector<payee::DetailLine>{{"buyer", "shop:1", 1999, std::nullopt}};
  request.members = {member};
  payee::Group g = client().create_group(request);
  EXPECT_EQ(g.group_no, "G1");
  EXPECT_EQ(g.status, payee::GroupStatus::open);
  ASSERT_EQ(g.members.size(), 2u);
  EXPECT_EQ(g.members[0].payment->pay_no, "P01");
  EXPECT_EQ(g.members[1].error->code, payee::code::duplicate_out_trade_no);
  EXPECT_EQ(transport->requests[0].url, "http://payee.test/live/v1/groups");
  EXPECT_EQ(transport->header(0, "Idempotency-Key"), transport->header(1, "Idempotency-Key"));
  EXPECT_EQ(nlohmann::json::parse(transport->requests[0].body),
            nlohmann::json::parse(R"({"mode":"batch","method":"alipay.qr","members":[{"outTradeNo":"A1","subject":"T-shirt","amount":1999,)"
                                  R"("currency":"CNY","details":[{"accountOut":"buyer","accountRec":"shop:1","amount":1999}]}]})"));
}

TEST_F(ClientTest, PaginatesGroups) {
  const std::string summary = R"({"groupNo":"G2","mode":"combined","status":"paid","memberCount":2,"createdAt":"t","updatedAt":"t"})";
  transport->answer(200, "{\"data\":[" + summary + "],\"nextCursor\":\"g1\"}");
  transport->answer(200, R"({"data":[]})");
  auto all = client().list_groups().all();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].mode, payee::GroupMode::combined);
  EXPECT_EQ(transport->requests[1].url, "http://payee.test/live/v1/groups?cursor=g1");
}

TEST_F(ClientTest, AnAccountsOverdraftLimitIsLeftOutNullOrAValue) {
  const std::string account = R"({"accountId":"A1","currency":"CNY","type":"liability","overdraftLimit":null,"shards":1,)"
                              R"("balance":{"posted":5,"pendingIncoming":0,"pendingOutgoing":2,"available":3,"postedDebits":0,)"
                              R"("postedCredits":5,"pendingDebits":2,"pendingCredits":0},"createdAt":"t"})";
  for (int i = 0; i < 3; ++i) transport->answer(201, account);
  auto c = client();
  payee::CreateAccountRequest request;
  request.currency = "CNY";
  request.type = payee::AccountType::liability;
  payee::Account a = c.create_account(request);
  EXPECT_EQ(a.balance.available, 3);
  EXPECT_FALSE(a.overdraft_limit.has_value());
  request.overdraft_limit = std::optional<std::int64_t>();
  c.create_account(request);
  request.overdraft_limit = std::optional<std::int64_t>(100);
  c.create_account(request);
  EXPECT_EQ(nlohmann::json::parse(transport->requests[0].body), nlohmann::json::parse(R"({"currency":"CNY","type":"liability"})"));
  EXPECT_EQ(nlohmann::json::parse(transport->requests[1].body), nlohmann::json::parse(R"({"currency":"CNY","type":"liability","overdraftLimit":null})"));
  EXPECT_EQ(nlohmann::json::parse(transport->requests[2].body), nlohmann::json::parse(R"({"currency":"CNY","type":"liability","overdraftLimit":100})"));
  EXPECT_EQ(nlohmann::json::parse(transport->requests[1].body).get<payee::CreateAccountRequest>().overdraft_limit,
            std::optional<std::optional<std::int64_t>>(std::optional<std::int64_t>()));
}

TEST_F(ClientTest, PaginatesAnAccountsFlowsAndReadsItsBalanceAtATime) {
  const std::string flow = R"({"flowId":"F1","kind":"void","direction":"debit","amount":5,"currency":"CNY","accountOut":"A1",)"
                           R"("accountRec":"A2","payNo":"P01","line":0,"at":"t"})";
  transport->answer(200, "{\"data\":[" + flow + "],\"nextCursor\":\"f1\"}");
  transport->answer(200, "{\"data\":[" + flow + "]}");
  transport->answer(200, R"({"accountId":"A1","currency":"CNY","at":"2026-11-24T00:00:00Z","posted":7})");
  auto c = client();
  auto flows = c.list_account_flows("A1").all();
  ASSERT_EQ(flows.size(), 2u);
  EXPECT_EQ(flows[0].kind, payee::FlowKind::void_);
  EXPECT_EQ(transport->requests[1].url, "http://payee.test/live/v1/accounts/A1/flows?cursor=f1");
  EXPECT_EQ(c.get_account_balance("A1", {"2026-11-24T00:00:00Z"}).posted, 7);
  EXPECT_EQ(transport->requests[2].url, "http://payee.test/live/v1/accounts/A1/balance?at=2026-11-24T00%3A00%3A00Z");
}

TEST_F(ClientTest, ReadsTheDailyReport) {
  transport->answer(200, R"({"from":"2026-11-01","to":"2026-11-02","groupBy":"payId","data":[{"day":"2026-11-01","group":"cfg_1","currency":"CNY",)"
                         R"("created":{"count":4,"amount":400},"succeeded":{"count":3,"amount":300},"closed":{"count":1,"amount":100},)"
                         R"("failed":{"count":0,"amount":0},"refunded":{"count":0,"amount":0},"successRate":0.75,"averageTicket":100,)"
                         R"("timeToPay":{"count":3,"p50Ms":2000,"p95Ms":5000},"callbackLatency":{"count":0}}]})");
  payee::DailyReportParams params{"2026-11-01", "2026-11-02", payee::GroupBy::pay_id, std::nullopt};
  payee::DailyReport report = client().get_daily_report(params);
  EXPECT_EQ(transport->requests[0].url, "http://payee.test/live/v1/reports/daily?from=2026-11-01&to=2026-11-02&groupBy=payId");
  EXPECT_EQ(report.group_by, payee::GroupBy::pay_id);
  ASSERT_EQ(report.data.size(), 1u);
  EXPECT_EQ(report.data[0].currency, "CNY");
  EXPECT_EQ(report.data[0].success_rate, 0.75);
  EXPECT_EQ(report.data[0].time_to_pay.p95_ms, 5000);
  EXPECT_FALSE(report.data[0].callback_latency.p50_ms.has_value());
}

TEST_F(ClientTest, AFutureReturnsOrThrowsAsTheCall) {
  transport->answer(200, payment_json());
  transport->answer(404, R"({"error":{"type":"not_found","code":"resource_missing","message":"no"}})");
  auto c = client();
  EXPECT_EQ(c.get_payment_async("P01").get().pay_no, "P01");
  auto missing = c.get_payment_async("P02");
  EXPECT_THROW(missing.get(), payee::NotFoundError);
}

TEST(ClientOptions, ABaseUrlAndKeyAreRequired) {
  unsetenv("PAYEE_KEY");
  payee::ClientOptions o;
  o.base_url = "http://payee.test";
  EXPECT_THROW((void)payee::Client(o), std::invalid_argument);
}

}  // namespace
