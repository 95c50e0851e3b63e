namespace Payee
{
    /// <summary>The error.code values the API names, for comparing with <see cref="PayeeException.Code"/>.</summary>
    public static class ErrorCodes
    {
        /// <summary>400: a detail line names an account that is not the company's; param names the line's field</summary>
        public const string AccountNotFound = "account_not_found";
        /// <summary>403: a rotated API key past its overlap</summary>
        public const string ApiKeyExpired = "api_key_expired";
        /// <summary>a FAILED combined payment's failure code: a partner pay config cannot combine</summary>
        public const string CombinePartnerUnsupported = "combine_partner_unsupported";
        /// <summary>400: the method (UnionPay) or the group cannot be paid in one combined step</summary>
        public const string CombinedNotSupported = "combined_not_supported";
        /// <summary>400: a detail line's account is not in the payment's currency</summary>
        public const string CurrencyMismatch = "currency_mismatch";
        /// <summary>400: the channel takes no payment or refund in this currency</summary>
        public const string CurrencyNotSupported = "currency_not_supported";
        /// <summary>409: the outTradeNo has a payment already; payNo names it</summary>
        public const string DuplicateOutTradeNo = "duplicate_out_trade_no";
        /// <summary>409: no member of the group is open, so there is nothing to close</summary>
        public const string GroupNotClosable = "group_not_closable";
        /// <summary>409: the first request with this Idempotency-Key still runs (retried automatically)</summary>
        public const string IdempotencyKeyInUse = "idempotency_key_in_use";
        /// <summary>422: the Idempotency-Key was used with another body</summary>
        public const string IdempotencyKeyReused = "idempotency_key_reused";
        /// <summary>409: a balance.transfer would take an account past its overdraft limit; nothing stored</summary>
        public const string InsufficientFunds = "insufficient_funds";
        /// <summary>a FAILED payment's failure code: PayPal refused the pay config's credentials</summary>
        public const string InvalidClient = "invalid_client";
        /// <summary>400: the body is not JSON</summary>
        public const string InvalidJson = "invalid_json";
        /// <summary>409: the company's ledger is not switched on (accounts, ledger detail lines)</summary>
        public const string LedgerDisabled = "ledger_disabled";
        /// <summary>400: the channel has no such method</summary>
        public const string MethodNotSupported = "method_not_supported";
        /// <summary>409: resend asked for a payment created without a notifyUrl</summary>
        public const string NoNotifyUrl = "no_notify_url";
        /// <summary>a FAILED refund's failure code: PayPal has no completed capture</summary>
        public const string NotCaptured = "not_captured";
        /// <summary>a FAILED refund's failure code: UnionPay has no paid order</summary>
        public const string NotPaid = "not_paid";
        /// <summary>400: parameters that cannot be combined (outTradeNo with cursor)</summary>
        public const string ParameterConflict = "parameter_conflict";
        /// <summary>400: a field has a value that is not allowed; param names it</summary>
        public const string ParameterInvalid = "parameter_invalid";
        /// <summary>400: a required field is missing; param names it</summary>
        public const string ParameterMissing = "parameter_missing";
        /// <summary>400: a field the API does not know; param names it</summary>
        public const string ParameterUnknown = "parameter_unknown";
        /// <summary>400: several pay configs fit: give payId</summary>
        public const string PayConfigAmbiguous = "pay_config_ambiguous";
        /// <summary>400: the pay config lacks what the method needs</summary>
        public const string PayConfigInvalid = "pay_config_invalid";
        /// <summary>400: payId is another channel's pay config</summary>
        public const string PayConfigMismatch = "pay_config_mismatch";
        /// <summary>400: no active pay config of that payId</summary>
        public const string PayConfigNotFound = "pay_config_not_found";
        /// <summary>a FAILED payment's failure code: the method needs payer.clientIp</summary>
        public const string PayerClientIpRequired = "payer_client_ip_required";
        /// <summary>a FAILED payment's failure code: wechat.jsapi needs payer.openid</summary>
        public const string PayerOpenidRequired = "payer_openid_required";
        /// <summary>409: a concurrent retry with the same Idempotency-Key answered first; fetch the payment</summary>
        public const string PaymentChanged = "payment_changed";
        /// <summary>409: only CREATED and PENDING payments can be closed</summary>
        public const string PaymentNotClosable = "payment_not_closable";
        /// <summary>409: only SUCCEEDED and PARTIALLY_REFUNDED payments can be refunded</summary>
        public const string PaymentNotRefundable = "payment_not_refundable";
        /// <summary>409: the provider refused the close, with its own code in the message</summary>
        public const string ProviderRefused = "provider_refused";
        /// <summary>503: the provider did not answer; the outcome is unknown</summary>
        public const string ProviderUnavailable = "provider_unavailable";
        /// <summary>409: more than the payment's refundableAmount</summary>
        public const string RefundExceedsRefundable = "refund_exceeds_refundable";
        /// <summary>404: no such resource, or one another company owns</summary>
        public const string ResourceMissing = "resource_missing";
        /// <summary>400: the scene offers no such method</summary>
        public const string SceneMethodUnavailable = "scene_method_unavailable";
        /// <summary>400: no such scene</summary>
        public const string SceneNotFound = "scene_not_found";
        /// <summary>503: payee's storage did not answer in time</summary>
        public const string ServiceUnavailable = "service_unavailable";
        /// <summary>400: the pay config's provider statements are not read</summary>
        public const string StatementNotSupported = "statement_not_supported";
        /// <summary>a FAILED refund's failure code: a balance.transfer is undone by a transfer back</summary>
        public const string TransferNotRefundable = "transfer_not_refundable";
        /// <summary>400: Payee-Version names no version of the API</summary>
        public const string UnknownApiVersion = "unknown_api_version";
        /// <summary>400: the body is not application/json</summary>
        public const string UnsupportedContentType = "unsupported_content_type";
    }
}
