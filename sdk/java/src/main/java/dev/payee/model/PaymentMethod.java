package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code <channel>.<mode>}: how the buyer pays. */
public enum PaymentMethod {
  ALIPAY_QR("alipay.qr"),
  ALIPAY_PAGE("alipay.page"),
  ALIPAY_WAP("alipay.wap"),
  ALIPAY_APP("alipay.app"),
  WECHAT_NATIVE("wechat.native"),
  /** Needs {@link Payer#openid()}. */
  WECHAT_JSAPI("wechat.jsapi"),
  /** Needs {@link Payer#clientIp()}. */
  WECHAT_H5("wechat.h5"),
  WECHAT_APP("wechat.app"),
  UNIONPAY_WEB("unionpay.web"),
  UNIONPAY_APP("unionpay.app"),
  PAYPAL_CHECKOUT("paypal.checkout"),
  /** Between two ledger accounts inside payee: no provider, no pay config; it settles at create. */
  BALANCE_TRANSFER("balance.transfer");

  private final String value;

  PaymentMethod(String value) {
    this.value = value;
  }

  /** The API's name, e.g. {@code alipay.qr}. */
  @JsonValue
  public String value() {
    return value;
  }

  public static PaymentMethod fromValue(String value) {
    for (PaymentMethod method : values()) {
      if (method.value.equals(value)) return method;
    }
    throw new IllegalArgumentException("unknown payment method: " + value);
  }
}
