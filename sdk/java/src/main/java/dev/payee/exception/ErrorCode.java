package dev.payee.exception;

/**
 * The {@code error.code}s the API documents, to compare with {@link PayeeException#code()}.
 * The API may add codes: treat an unknown one by its exception's class.
 */
public final class ErrorCode {
  /** 403: a rotated API key past its overlap. */
  public static final String API_KEY_EXPIRED = "api_key_expired";
  /** 409: the outTradeNo has a payment already; {@link PayeeException#payNo()} names it. */
  public static final String DUPLICATE_OUT_TRADE_NO = "duplicate_out_trade_no";
  /** 409: no member of the group is open, so there is nothing to close. */
  public static final String GROUP_NOT_CLOSABLE = "group_not_closable";
  /** 409: the first request with this Idempotency-Key still runs (retried automatically). */
  public static final String IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use";
  /** 422: the Idempotency-Key was used with another body. */
  public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
  /** 409: the company's ledger is not switched on (accounts, ledger detail lines). */
  public static final String LEDGER_DISABLED = "ledger_disabled";
  /** 409: resend asked for a payment created without a notifyUrl. */
  public static final String NO_NOTIFY_URL = "no_notify_url";
  /** 400: a field has a value that is not allowed; {@link PayeeException#param()} names it. */
  public static final String PARAMETER_INVALID = "parameter_invalid";
  /** 400: a required field is missing; {@link PayeeException#param()} names it. */
  public static final String PARAMETER_MISSING = "parameter_missing";
  /** 409: only CREATED and PENDING payments can be closed. */
  public static final String PAYMENT_NOT_CLOSABLE = "payment_not_closable";
  /** 409: only SUCCEEDED and PARTIALLY_REFUNDED payments can be refunded. */
  public static final String PAYMENT_NOT_REFUNDABLE = "payment_not_refundable";
  /** 409: the provider refused the close, with its own code in the message. */
  public static final String PROVIDER_REFUSED = "provider_refused";
  /** 503: the provider did not answer; the outcome is unknown. */
  public static final String PROVIDER_UNAVAILABLE = "provider_unavailable";
  /** 409: more than the payment's refundableAmount. */
  public static final String REFUND_EXCEEDS_REFUNDABLE = "refund_exceeds_refundable";
  /** 404: no such payment, or one another company owns. */
  public static final String RESOURCE_MISSING = "resource_missing";
  /** 503: payee's storage did not answer in time. */
  public static final String SERVICE_UNAVAILABLE = "service_unavailable";

  private ErrorCode() {}
}
