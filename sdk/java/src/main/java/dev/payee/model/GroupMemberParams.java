package dev.payee.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One payment of a new group: a payment create's fields. Build with {@link #builder()};
 * outTradeNo, subject, amount and currency are required; method and payId (batch only) default
 * to the group's.
 */
public record GroupMemberParams(
    PaymentMethod method,
    String outTradeNo,
    String subject,
    long amount,
    Long orderAmount,
    String currency,
    String payId,
    Map<String, String> metadata,
    List<DetailLine> details) {

  public GroupMemberParams {
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
    private String payId;
    private Map<String, String> metadata;
    private List<DetailLine> details;

    private Builder() {}

    /** This member's method (batch only); defaults to the group's. */
    public Builder method(PaymentMethod method) {
      this.method = method;
      return this;
    }

    /** Your order number, unique per company. */
    public Builder outTradeNo(String outTradeNo) {
      this.outTradeNo = outTradeNo;
      return this;
    }

    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** What the buyer pays for this member, in integer minor units. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    public Builder orderAmount(long orderAmount) {
      this.orderAmount = orderAmount;
      return this;
    }

    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    /** This member's pay config (batch only; a sub-merchant's, say); defaults to the group's. */
    public Builder payId(String payId) {
      this.payId = payId;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    /** 1-20 lines adding up to the amount. */
    public Builder details(List<DetailLine> details) {
      this.details = details;
      return this;
    }

    public GroupMemberParams build() {
      return new GroupMemberParams(method, outTradeNo, subject, amount, orderAmount, currency, payId, metadata, details);
    }
  }
}
