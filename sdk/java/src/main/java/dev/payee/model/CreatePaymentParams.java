package dev.payee.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /v1/payments}. Build with {@link #builder()}; method, outTradeNo,
 * subject, amount and currency are required.
 */
public record CreatePaymentParams(
    PaymentMethod method,
    String outTradeNo,
    String subject,
    long amount,
    Long orderAmount,
    String currency,
    String notifyUrl,
    String returnUrl,
    Integer expiresIn,
    Payer payer,
    String payId,
    String scene,
    Map<String, String> metadata,
    List<DetailLine> details) {

  public CreatePaymentParams {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(outTradeNo, "outTradeNo");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(currency, "currency");
    metadata = metadata == null ? null : Map.copyOf(metadata);
    details = details == null ? null : List.copyOf(details);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private PaymentMethod method;
    private String outTradeNo;
    private String subject;
    private long amount;
    private Long orderAmount;
    private String currency;
    private String notifyUrl;
    private String returnUrl;
    private Integer expiresIn;
    private Payer payer;
    private String payId;
    private String scene;
    private Map<String, String> metadata;
    private List<DetailLine> details;

    private Builder() {}

    public Builder method(PaymentMethod method) {
      this.method = method;
      return this;
    }

    /** Your order number, unique per company. */
    public Builder outTradeNo(String outTradeNo) {
      this.outTradeNo = outTradeNo;
      return this;
    }

    /** What the buyer sees they are paying for. */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** What the buyer pays, in integer minor units (1999 = 19.99 CNY). */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** What the order is worth before discounts; defaults to amount. */
    public Builder orderAmount(long orderAmount) {
      this.orderAmount = orderAmount;
      return this;
    }

    /** ISO 4217 code, upper case. */
    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    /** Where payee POSTs each change of the payment's status, signed. */
    public Builder notifyUrl(String notifyUrl) {
      this.notifyUrl = notifyUrl;
      return this;
    }

    /** Where the buyer's browser returns after paying (page and wap methods). */
    public Builder returnUrl(String returnUrl) {
      this.returnUrl = returnUrl;
      return this;
    }

    /** Seconds the buyer has to pay (60 to 604800); default 1800. */
    public Builder expiresIn(int expiresIn) {
      this.expiresIn = expiresIn;
      return this;
    }

    public Builder payer(Payer payer) {
      this.payer = payer;
      return this;
    }

    /** The pay config to use; optional when the company has one for the method's channel. */
    public Builder payId(String payId) {
      this.payId = payId;
      return this;
    }

    /** The company's scene whose pay config serves the method (instead of payId). */
    public Builder scene(String scene) {
      this.scene = scene;
      return this;
    }

    /** Up to 20 string pairs kept with the payment and returned as given. */
    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    /** 1-20 lines saying which account each part of the amount moves out of and into; they add up to it. */
    public Builder details(List<DetailLine> details) {
      this.details = details;
      return this;
    }

    public CreatePaymentParams build() {
      return new CreatePaymentParams(method, outTradeNo, subject, amount, orderAmount, currency, notifyUrl, returnUrl,
          expiresIn, payer, payId, scene, metadata, details);
    }
  }
}
