// Takes one payment through payee against the local stack (`npm start`): create it, show the
// buyer's action, wait while the buyer pays, then refund part of it.
//
//   PAYEE_URL=… PAYEE_KEY=… build/quickstart

#include <chrono>
#include <iostream>
#include <string>
#include <variant>

#include <payee/payee.hpp>

int main() {
  try {
    payee::Client client;  // PAYEE_URL and PAYEE_KEY

    payee::CreatePaymentRequest request;
    request.method = payee::Method::alipay_qr;
    request.out_trade_no = "A" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    request.subject = "T-shirt";
    request.amount = 1999;  // integer minor units: 19.99 CNY
    request.currency = "CNY";
    payee::Payment payment = client.create_payment(request);
    std::cout << payment.pay_no << " " << payee::to_string(payment.status) << " " << std::get<std::string>(payment.action->value) << "\n"
              << "play the buyer, from the repository's root: npm run sandbox -- pay " << payment.pay_no << std::endl;

    payee::WaitOptions wait;
    wait.max_wait = std::chrono::minutes(2);
    payee::Payment paid = client.wait_for(payment.pay_no, {payee::PaymentStatus::succeeded}, wait);
    std::cout << payee::to_string(paid.status) << " " << paid.paid_at.value_or("") << " " << paid.provider_trade_no.value_or("") << std::endl;

    payee::CreateRefundRequest refund_request;
    refund_request.amount = 500;
    refund_request.reason = "size exchange";
    payee::Refund refund = client.refund_and_wait(paid.pay_no, refund_request);
    std::cout << refund.refund_no << " " << payee::to_string(refund.status) << std::endl;
  } catch (const payee::WaitTimeoutError& e) {
    std::cerr << "not paid yet: " << e.what() << std::endl;
    return 1;
  } catch (const payee::Error& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  } catch (const std::invalid_argument& e) {  // no PAYEE_URL or PAYEE_KEY
    std::cerr << e.what() << std::endl;
    return 1;
  }
}
