package dev.payee.exception;

/**
 * The {@code error.code}s the API documents, to compare with {@link PayeeException#code()}.
 * The API may add codes: treat an unknown one by its exception's class.
 */
public final class ErrorCode {
  /** 400: a detail line names an account that is not the company's; param names the line's field. */
  public static final String ACCOUNT_NOT_FOUND = "account_not_found";
  /** 403: a rotated API key past its overlap. */
  public static final String API_KEY_EXPIRED = "api_key_expired";
  /** a FAILED combined payment's failure code: a partner pay config cannot combine. */
  public static final String COMBINE_PARTNER_UNSUPPORTED = "combine_partner_unsupported";
  /** 400: the method (UnionPay) or the group cannot be paid in one combined step. */
  public static final String COMBINED_NOT_SUPPORTED = "combined_not_supported";
  /** 400: a detail line's account is not in the payment's currency. */
  public static final String CURRENCY_MISMATCH = "currency_mismatch";
  /** 400: the channel takes no payment or refund in this currency. */
  public static final String CURRENCY_NOT_SUPPORTED = "currency_not_supported";
  /** 409: the outTradeNo has a payment already; payNo names it. */
  public static final String DUPLICATE_OUT_TRADE_NO = "duplicate_out_trade_no";
  /** 409: no member of the group is open, so there is nothing to close. */
  public static final String GROUP_NOT_CLOSABLE = "group_not_closable";
  /** 409: the first request with this Idempotency-Key still runs (retried automatically). */
  public static final String IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use";
  /** 422: the Idempotency-Key was used with another body. */
  public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
  /** 409: a balance.transfer would take an account past its overdraft limit; nothing stored. */
  public static final String INSUFFICIENT_FUNDS = "insufficient_funds";
  /** a FAILED payment's failure code: PayPal refused the pay config's credentials. */
  public static final String INVALID_CLIENT = "invalid_client";
  /** 400: the body is not JSON. */
  public static final String INVALID_JSON = "invalid_json";
  /** 409: the company's ledger is not switched on (accounts, ledger detail lines). */
  public static final String LEDGER_DISABLED = "ledger_disabled";
  /** 400: the channel has no such method. */
  public static final String METHOD_NOT_SUPPORTED = "method_not_supported";
  /** 409: resend asked for a payment created without a notifyUrl. */
  public static final String NO_NOTIFY_URL = "no_notify_url";
  /** a FAILED refund's failure code: PayPal has no completed capture. */
  public static final String NOT_CAPTURED = "not_captured";
  /** a FAILED refund's failure code: UnionPay has no paid order. */
  public static final String NOT_PAID = "not_paid";
  /** 400: parameters that cannot be combined (outTradeNo with cursor). */
  public static final String PARAMETER_CONFLICT = "parameter_conflict";
  /** 400: a field has a value that is not allowed; param names it. */
  public static final String PARAMETER_INVALID = "parameter_invalid";
  /** 400: a required field is missing; param names it. */
  public static final String PARAMETER_MISSING = "parameter_missing";
  /** 400: a field the API does not know; param names it. */
  public static final String PARAMETER_UNKNOWN = "parameter_unknown";
  /** 400: several pay configs fit: give payId. */
  public static final String PAY_CONFIG_AMBIGUOUS = "pay_config_ambiguous";
  /** 400: the pay config lacks what the method needs. */
  public static final String PAY_CONFIG_INVALID = "pay_config_invalid";
  /** 400: payId is another channel's pay config. */
  public static final String PAY_CONFIG_MISMATCH = "pay_config_mismatch";
  /** 400: no active pay config of that payId. */
  public static final String PAY_CONFIG_NOT_FOUND = "pay_config_not_found";
  /** a FAILED payment's failure code: the method needs payer.clientIp. */
  public static final String PAYER_CLIENT_IP_REQUIRED = "payer_client_ip_required";
  /** a FAILED payment's failure code: wechat.jsapi needs payer.openid. */
  public static final String PAYER_OPENID_REQUIRED = "payer_openid_required";
  /** 409: a concurrent retry with the same Idempotency-Key answered first; fetch the payment. */
  public static final String PAYMENT_CHANGED = "payment_changed";
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
  /** 404: no such resource, or one another company owns. */
  public static final String RESOURCE_MISSING = "resource_missing";
  /** 400: the scene offers no such method. */
  public static final String SCENE_METHOD_UNAVAILABLE = "scene_method_unavailable";
  /** 400: no such scene. */
  public static final String SCENE_NOT_FOUND = "scene_not_found";
  /** 503: payee's storage did not answer in time. */
  public static final String SERVICE_UNAVAILABLE = "service_unavailable";
  /** 400: the pay config's provider statements are not read. */
  public static final String STATEMENT_NOT_SUPPORTED = "statement_not_supported";
  /** a FAILED refund's failure code: a balance.transfer is undone by a transfer back. */
  public static final String TRANSFER_NOT_REFUNDABLE = "transfer_not_refundable";
  /** 400: Payee-Version names no version of the API. */
  public static final String UNKNOWN_API_VERSION = "unknown_api_version";
  /** 400: the body is not application/json. */
  public static final String UNSUPPORTED_CONTENT_TYPE = "unsupported_content_type";

  private ErrorCode() {}
}
