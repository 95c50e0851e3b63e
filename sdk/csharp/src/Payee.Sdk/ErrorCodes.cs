namespace Payee
{
    /// <summary>The error.code values the API names, for comparing with <see cref="PayeeException.Code"/>.</summary>
    public static class ErrorCodes
    {
        public const string ApiKeyExpired = "api_key_expired";
        public const string DuplicateOutTradeNo = "duplicate_out_trade_no";
        public const string GroupNotClosable = "group_not_closable";
        public const string IdempotencyKeyInUse = "idempotency_key_in_use";
        public const string IdempotencyKeyReused = "idempotency_key_reused";
        public const string LedgerDisabled = "ledger_disabled";
        public const string NoNotifyUrl = "no_notify_url";
        public const string ParameterInvalid = "parameter_invalid";
        public const string ParameterMissing = "parameter_missing";
        public const string PaymentNotClosable = "payment_not_closable";
        public const string PaymentNotRefundable = "payment_not_refundable";
        public const string ProviderRefused = "provider_refused";
        public const string ProviderUnavailable = "provider_unavailable";
        public const string RefundExceedsRefundable = "refund_exceeds_refundable";
        public const string ResourceMissing = "resource_missing";
        public const string ServiceUnavailable = "service_unavailable";
    }
}
