// Models read and write the API's JSON: absent optional fields stay absent, Action's value is a
// string or an object, a value newer than the SDK reads as `unknown`.

#include <gtest/gtest.h>

#include "fakes.hpp"

namespace {

TEST(Models, APaymentRoundTripsAsTheApiWroteIt) {
  const auto written = nlohmann::json::parse(payee::testing::payment_json());
  const auto p = written.get<payee::Payment>();
  EXPECT_EQ(p.action->type, payee::ActionType::qr_code);
  EXPECT_EQ(std::get<std::string>(p.action->value), "https://qr.example/1");
  EXPECT_FALSE(p.paid_at.has_value());
  EXPECT_EQ(nlohmann::json(p), written);
}

TEST(Models, JsapiParamsAreAnObject) {
  const auto a = nlohmann::json::parse(R"({"type":"jsapi_params","value":{"appId":"wx1","paySign":"s"}})").get<payee::Action>();
  EXPECT_EQ(a.type, payee::ActionType::jsapi_params);
  EXPECT_EQ((std::get<std::map<std::string, std::string>>(a.value).at("appId")), "wx1");
  EXPECT_EQ(nlohmann::json(a)["value"]["paySign"], "s");
}

TEST(Models, AValueNewerThanTheSdkIsUnknownAndNullIsAbsent) {
  auto j = nlohmann::json::parse(payee::testing::payment_json());
  j["status"] = "ON_HOLD";
  j["failure"] = nullptr;
  j["newField"] = 1;
  const auto p = j.get<payee::Payment>();
  EXPECT_EQ(p.status, payee::PaymentStatus::unknown);
  EXPECT_FALSE(p.failure.has_value());
}

TEST(Models, EnumsNameTheApisValues) {
  EXPECT_EQ(payee::to_string(payee::Method::wechat_jsapi), "wechat.jsapi");
  EXPECT_EQ(payee::enum_from_string<payee::PaymentStatus>("PARTIALLY_REFUNDED"), payee::PaymentStatus::partially_refunded);
  EXPECT_TRUE(payee::is_final(payee::PaymentStatus::refunded));
  EXPECT_FALSE(payee::is_final(payee::PaymentStatus::pending));
  EXPECT_TRUE(payee::is_final(payee::RefundStatus::failed));
}

TEST(Models, QueriesLeaveOutWhatIsUnset) {
  payee::ListPaymentsParams none;
  EXPECT_TRUE(none.query().empty());
  payee::ReconciliationParams day;
  day.day = "2026-11-24";
  EXPECT_EQ(day.query(), (std::vector<std::pair<std::string, std::string>>{{"day", "2026-11-24"}}));
}

}  // namespace
