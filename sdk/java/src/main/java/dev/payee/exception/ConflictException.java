package dev.payee.exception;

/** 409 {@code conflict}: the request conflicts with the resource's state, e.g. {@code duplicate_out_trade_no} ({@link #payNo()} names the existing payment), {@code payment_not_closable}, {@code refund_exceeds_refundable}. Never retried. */
public class ConflictException extends PayeeException {
  public ConflictException(ErrorInfo info) {
    super(info);
  }
}
