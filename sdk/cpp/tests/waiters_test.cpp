// The waiters on a fake clock: their pace, their deadline, and what they carry when they give up.

#include <gtest/gtest.h>

#include "fakes.hpp"

namespace {

using namespace std::chrono_literals;
using payee::testing::FakeClock;
using payee::testing::payment_json;
using payee::testing::ScriptedTransport;
using milliseconds = std::chrono::milliseconds;

struct WaitersTest : ::testing::Test {
  std::shared_ptr<ScriptedTransport> transport = std::make_shared<ScriptedTransport>();
  FakeClock clock;
  payee::Client client() {
    payee::ClientOptions o;
    o.base_url = "http://payee.test/live";
    o.api_key = "key_1";
    o.transport = transport;
    o.clock = clock.clock();
    o.jitter = [] { return 1.0; };
    return payee::Client(o);
  }
  payee::WaitOptions wait(milliseconds max_wait) {
    payee::WaitOptions w;
    w.max_wait = max_wait;
    w.min_delay = 100ms;
    w.max_delay = 300ms;
    return w;
  }
  std::string refund_json(const char* status) {
    return std::string(R"({"refundNo":"R1","payNo":"P01","status":")") + status +
           R"(","amount":500,"currency":"CNY","createdAt":"2026-11-24T10:00:00.000Z","updatedAt":"2026-11-24T10:00:00.000Z"})";
  }
};

TEST_F(WaitersTest, WaitForPollsDoublingToMaxDelayUntilAWantedStatus) {
  for (int i = 0; i < 4; ++i) transport->answer(200, payment_json("P01", "PENDING"));
  transport->answer(200, payment_json("P01", "SUCCEEDED"));
  payee::Payment paid = client().wait_for("P01", {payee::PaymentStatus::succeeded}, wait(10s));
  EXPECT_EQ(paid.status, payee::PaymentStatus::succeeded);
  EXPECT_EQ(transport->requests.size(), 5u);
  EXPECT_EQ(clock.slept, (std::vector<milliseconds>{100ms, 200ms, 300ms, 300ms}));
}

TEST_F(WaitersTest, WithoutStatusesAnyFinalOneEndsTheWait) {
  transport->answer(200, payment_json("P01", "PENDING"));
  transport->answer(200, payment_json("P01", "CLOSED"));
  EXPECT_EQ(client().wait_for("P01", {}, wait(10s)).status, payee::PaymentStatus::closed);
}

TEST_F(WaitersTest, GivesUpAtTheDeadlineWithThePaymentLastSeen) {
  for (int i = 0; i < 20; ++i) transport->answer(200, payment_json("P01", "PENDING"));
  try {
    client().wait_for("P01", {payee::PaymentStatus::succeeded}, wait(1000ms));
    FAIL() << "no timeout";
  } catch (const payee::WaitTimeoutError& e) {
    EXPECT_EQ(e.type(), "wait_timeout");
    ASSERT_TRUE(e.payment().has_value());
    EXPECT_EQ(e.payment()->status, payee::PaymentStatus::pending);
    EXPECT_EQ(e.pay_no(), "P01");
  }
  // 100 + 200 + 300 + 300 = 900, then the 100 left: never past the deadline.
  EXPECT_EQ(clock.slept, (std::vector<milliseconds>{100ms, 200ms, 300ms, 300ms, 100ms}));
}

TEST_F(WaitersTest, AFailedReadEndsTheWaitWithItsError) {
  transport->answer(200, payment_json("P01", "PENDING"));
  transport->answer(404, R"({"error":{"type":"not_found","code":"resource_missing","message":"gone"}})");
  EXPECT_THROW(client().wait_for("P01", {}, wait(10s)), payee::NotFoundError);
}

TEST_F(WaitersTest, CreateAndWaitReturnsARefusedPaymentAsItIs) {
  transport->answer(201, payment_json("P01", "FAILED"));
  payee::CreatePaymentRequest r;
  r.method = payee::Method::alipay_qr;
  EXPECT_EQ(client().create_and_wait(r, {payee::PaymentStatus::succeeded}, wait(10s)).status, payee::PaymentStatus::failed);
  EXPECT_EQ(transport->requests.size(), 1u);
}

TEST_F(WaitersTest, CreateAndWaitFollowsTheCreatedPayment) {
  transport->answer(201, payment_json("P07", "PENDING"));
  transport->answer(200, payment_json("P07", "SUCCEEDED"));
  payee::CreatePaymentRequest r;
  EXPECT_EQ(client().create_and_wait(r, {}, wait(10s)).pay_no, "P07");
  EXPECT_EQ(transport->requests[1].url, "http://payee.test/live/v1/payments/P07");
}

TEST_F(WaitersTest, RefundAndWaitFollowsTheRefundAmongThePayments) {
  transport->answer(201, refund_json("PROCESSING"));
  transport->answer(200, "{\"data\":[" + refund_json("PROCESSING") + "]}");
  transport->answer(200, "{\"data\":[" + refund_json("SUCCEEDED") + "]}");
  payee::CreateRefundRequest r;
  r.amount = 500;
  EXPECT_EQ(client().refund_and_wait("P01", r, wait(10s)).status, payee::RefundStatus::succeeded);
  EXPECT_EQ(transport->requests[1].url, "http://payee.test/live/v1/payments/P01/refunds");
}

TEST_F(WaitersTest, RefundAndWaitGivesUpWithTheRefundLastSeen) {
  transport->answer(201, refund_json("PENDING"));
  for (int i = 0; i < 20; ++i) transport->answer(200, "{\"data\":[" + refund_json("PROCESSING") + "]}");
  payee::CreateRefundRequest r;
  try {
    client().refund_and_wait("P01", r, wait(500ms));
    FAIL() << "no timeout";
  } catch (const payee::WaitTimeoutError& e) {
    ASSERT_TRUE(e.refund().has_value());
    EXPECT_EQ(e.refund()->status, payee::RefundStatus::processing);
    EXPECT_FALSE(e.payment().has_value());
  }
}

}  // namespace
