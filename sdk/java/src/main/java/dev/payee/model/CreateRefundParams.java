package dev.payee.model;

/**
 * The body of {@code POST /v1/payments/{payNo}/refunds}.
 *
 * @param amount what to refund now, in minor units; at most the payment's refundableAmount
 * @param reason why, shown to the buyer where the provider shows it (optional)
 */
public record CreateRefundParams(long amount, String reason) {
  public static CreateRefundParams of(long amount) {
    return new CreateRefundParams(amount, null);
  }

  public static CreateRefundParams of(long amount, String reason) {
    return new CreateRefundParams(amount, reason);
  }
}
