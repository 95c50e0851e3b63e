// Notification verification against docs/vectors/notification-signature.json.

#include <gtest/gtest.h>

#include <fstream>

#include <payee/payee.hpp>

namespace {

using namespace std::chrono_literals;

nlohmann::json vectors() {
  std::ifstream in(PAYEE_VECTORS);
  EXPECT_TRUE(in.good()) << PAYEE_VECTORS;
  return nlohmann::json::parse(in)["vectors"];
}

TEST(Webhook, EveryVectorVerifiesAndSignsAsPayeeDoes) {
  auto all = vectors();
  ASSERT_GE(all.size(), 4u);
  for (const auto& v : all) {
    const std::string body = v["body"], header = v["header"], secret = v["secret"];
    const std::int64_t t = v["t"];
    EXPECT_NO_THROW(payee::verify_signature(body, header, secret, 300s, t)) << v["name"];
    EXPECT_EQ(payee::sign_notification(body, secret, t), header) << v["name"];
    EXPECT_THROW(payee::verify_signature(body, header, secret, 300s, t + 301), payee::SignatureVerificationError) << v["name"] << ": stale";
    EXPECT_THROW(payee::verify_signature(body + " ", header, secret, 300s, t), payee::SignatureVerificationError) << v["name"] << ": tampered";
    EXPECT_THROW(payee::verify_signature(body, header, secret + "x", 300s, t), payee::SignatureVerificationError) << v["name"] << ": secret";
    EXPECT_NO_THROW(payee::verify_signature(body, header, secret, 1000s, t + 1000)) << v["name"] << ": a wider tolerance";
  }
}

TEST(Webhook, VerifyNotificationReturnsTheTypedNotification) {
  const auto v = vectors()[0];
  const auto verified = payee::verify_notification(v["body"].get<std::string>(), v["header"].get<std::string>(),
                                                   v["secret"].get<std::string>(), 300s, v["t"].get<std::int64_t>());
  ASSERT_TRUE(std::holds_alternative<payee::PaymentNotification>(verified));
  const auto& n = std::get<payee::PaymentNotification>(verified);
  EXPECT_EQ(n.type, "payment.succeeded");
  EXPECT_EQ(n.data.status, payee::PaymentStatus::succeeded);
  EXPECT_EQ(n.data.amount, 1999);
  EXPECT_EQ(n.data.paid_at, "2025-11-24T23:59:58.000Z");
}

TEST(Webhook, AGroupsBodyVerifiesToAGroupNotificationWithItsMembers) {
  nlohmann::json v;
  for (const auto& x : vectors()) {
    if (x["name"] == "group.paid") v = x;
  }
  ASSERT_FALSE(v.is_null());
  const std::string body = v["body"], header = v["header"], secret = v["secret"];
  const std::int64_t t = v["t"];
  const auto verified = payee::verify_notification(body, header, secret, 300s, t);
  const auto* n = std::get_if<payee::GroupNotification>(&verified);
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->type, "group.paid");
  EXPECT_EQ(n->data.group_no, "G01KAX9QZW0G8S5T6V7X2Y3Z5C");
  EXPECT_EQ(n->data.status, payee::GroupStatus::paid);
  ASSERT_EQ(n->data.members.size(), 2u);
  EXPECT_EQ(n->data.members[0].pay_no, "P01KAX9QZW0G8S5T6V7X2Y3Z5A");
  EXPECT_EQ(n->data.members[1].pay_no, "P01KAX9QZW0G8S5T6V7X2Y3Z5B");
  ASSERT_TRUE(n->data.members[0].payment && n->data.members[1].payment);
  EXPECT_EQ(n->data.members[0].payment->status, payee::PaymentStatus::succeeded);
  EXPECT_EQ(n->data.members[0].payment->amount, 1000);
  EXPECT_EQ(n->data.members[1].payment->amount, 2500);
  std::string tampered = body;
  tampered.replace(tampered.find(R"("amount":2500)"), 13, R"("amount":2600)");
  EXPECT_THROW(payee::verify_notification(tampered, header, secret, 300s, t), payee::SignatureVerificationError);
}

TEST(Webhook, AnyV1MayMatchAndMalformedHeadersAreRefused) {
  const std::string body = R"({"id":"N1"})", secret = "whsec_x";
  const std::string good = payee::sign_notification(body, secret, 100);
  const std::string v1 = good.substr(good.find("v1="));
  EXPECT_NO_THROW(payee::verify_signature(body, "t=100,v1=" + std::string(64, '0') + ", " + v1, secret, 300s, 100));
  EXPECT_NO_THROW(payee::verify_signature(body, "t=100,v1=zz," + v1, secret, 300s, 100));
  for (const std::string& header : std::vector<std::string>{"", "v1=" + v1.substr(3), "t=100", "t=-100," + v1, "t=abc," + v1, "t=100,v1=abcd"}) {
    EXPECT_THROW(payee::verify_signature(body, header, secret, 300s, 100), payee::SignatureVerificationError) << header;
  }
}

TEST(Webhook, ASignedBodyThatIsNotANotificationIsRefused) {
  const std::string body = "[1,2]";
  EXPECT_THROW(payee::verify_notification(body, payee::sign_notification(body, "s", 5), "s", 300s, 5), payee::SignatureVerificationError);
}

}  // namespace
