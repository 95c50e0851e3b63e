package dev.payee;

import dev.payee.model.CreatePaymentParams;
import dev.payee.model.PaymentMethod;

/** Bodies the API sends, as text, and a request to send. */
final class Fixtures {
  private Fixtures() {}

  static String payment(String payNo, String status) {
    return """
        {"payNo":"%s","status":"%s","method":"alipay.qr","channel":"alipay","payId":"cfg_1","outTradeNo":"A1001",
         "subject":"T-shirt","amount":1999,"orderAmount":2199,"currency":"CNY","refundableAmount":0,
         "action":{"type":"qr_code","value":"https://qr.alipay.com/bax01"},"expiresAt":"2026-11-24T00:30:00.000Z",
         "createdAt":"2026-11-24T00:00:00.000Z","updatedAt":"2026-11-24T00:00:00.000Z"}""".formatted(payNo, status);
  }

  static String refund(String refundNo, String status) {
    return """
        {"refundNo":"%s","payNo":"P1","status":"%s","amount":500,"currency":"CNY","reason":"size exchange",
         "createdAt":"2026-11-24T00:00:00.000Z","updatedAt":"2026-11-24T00:00:00.000Z"}""".formatted(refundNo, status);
  }

  static String error(String type, String code) {
    return """
        {"error":{"type":"%s","code":"%s","message":"m","param":"amount","requestId":"req-1"}}""".formatted(type, code);
  }

  static CreatePaymentParams createParams() {
    return CreatePaymentParams.builder().method(PaymentMethod.ALIPAY_QR).outTradeNo("A1001").subject("T-shirt")
        .amount(1999).currency("CNY").build();
  }
}
