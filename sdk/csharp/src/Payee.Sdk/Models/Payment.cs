using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Payee
{
    /// <summary>A payment, as the API answers it.</summary>
    public sealed class Payment
    {
        /// <summary>payee's payment number: P and 26 letters and digits, one per outTradeNo of a company; the provider's order number.</summary>
        [JsonProperty("payNo")] public string PayNo { get; set; }
        [JsonProperty("status")] public PaymentStatus Status { get; set; }
        /// <summary><c>&lt;channel&gt;.&lt;mode&gt;</c>, e.g. alipay.qr.</summary>
        [JsonProperty("method")] public string Method { get; set; }
        [JsonProperty("channel")] public string Channel { get; set; }
        [JsonProperty("payId")] public string PayId { get; set; }
        [JsonProperty("outTradeNo")] public string OutTradeNo { get; set; }
        [JsonProperty("subject")] public string Subject { get; set; }
        /// <summary>In integer minor units (1999 = 19.99 CNY).</summary>
        [JsonProperty("amount")] public long Amount { get; set; }
        [JsonProperty("orderAmount")] public long? OrderAmount { get; set; }
        [JsonProperty("currency")] public string Currency { get; set; }
        [JsonProperty("refundableAmount")] public long RefundableAmount { get; set; }
        /// <summary>What to show the buyer while the payment is PENDING.</summary>
        [JsonProperty("action")] public PaymentAction Action { get; set; }
        [JsonProperty("providerTradeNo")] public string ProviderTradeNo { get; set; }
        [JsonProperty("failure")] public Failure Failure { get; set; }
        [JsonProperty("notifyUrl")] public string NotifyUrl { get; set; }
        [JsonProperty("returnUrl")] public string ReturnUrl { get; set; }
        [JsonProperty("metadata")] public Dictionary<string, string> Metadata { get; set; }
        /// <summary>The detail lines given at create.</summary>
        [JsonProperty("details")] public List<PaymentDetail> Details { get; set; }
        [JsonProperty("expiresAt")] public DateTimeOffset? ExpiresAt { get; set; }
        [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; set; }
        [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; set; }
        [JsonProperty("paidAt")] public DateTimeOffset? PaidAt { get; set; }
    }

    /// <summary>
    /// What to show the buyer. <see cref="Value"/> is a string (a QR code's content, a URL, a form,
    /// app parameters) or, for jsapi_params, an object of parameters for WeixinJSBridge.
    /// </summary>
    public sealed class PaymentAction
    {
        [JsonProperty("type")] public PaymentActionType Type { get; set; }
        [JsonProperty("value")] public JToken Value { get; set; }

        /// <summary>The value when it is a string, else null.</summary>
        [JsonIgnore]
        public string Text
        {
            get { return Value != null && Value.Type == JTokenType.String ? (string)Value : null; }
        }

        /// <summary>The value's parameters when it is an object (jsapi_params), else null.</summary>
        [JsonIgnore]
        public Dictionary<string, string> Parameters
        {
            get { return Value is JObject ? Value.ToObject<Dictionary<string, string>>() : null; }
        }
    }

    /// <summary>Why a payment or refund FAILED: the provider's code and message.</summary>
    public sealed class Failure
    {
        [JsonProperty("code")] public string Code { get; set; }
        [JsonProperty("message")] public string Message { get; set; }
    }

    /// <summary>One provider event payee accepted for a payment (its audit trail).</summary>
    public sealed class PaymentEvent
    {
        [JsonProperty("eventId")] public string EventId { get; set; }
        [JsonProperty("channel")] public string Channel { get; set; }
        /// <summary>The provider's own word, e.g. TRADE_SUCCESS.</summary>
        [JsonProperty("providerStatus")] public string ProviderStatus { get; set; }
        [JsonProperty("status")] public PaymentStatus Status { get; set; }
        [JsonProperty("outcome")] public EventOutcome Outcome { get; set; }
        [JsonProperty("fromStatus")] public PaymentStatus FromStatus { get; set; }
        [JsonProperty("toStatus")] public PaymentStatus? ToStatus { get; set; }
        /// <summary>Why an ignored event did not move the payment.</summary>
        [JsonProperty("reason")] public string Reason { get; set; }
        [JsonProperty("amount")] public long Amount { get; set; }
        [JsonProperty("currency")] public string Currency { get; set; }
        [JsonProperty("providerTradeNo")] public string ProviderTradeNo { get; set; }
        [JsonProperty("paidAt")] public DateTimeOffset? PaidAt { get; set; }
        [JsonProperty("notifiedAt")] public DateTimeOffset? NotifiedAt { get; set; }
        [JsonProperty("recordedAt")] public DateTimeOffset RecordedAt { get; set; }
    }

    /// <summary>What a sync found: the payment as payee holds it now and the provider's answer.</summary>
    public sealed class SyncResult
    {
        [JsonProperty("payment")] public Payment Payment { get; set; }
        [JsonProperty("provider")] public ProviderState Provider { get; set; }
        [JsonProperty("eventId")] public string EventId { get; set; }
        [JsonProperty("refunds")] public List<RefundSync> Refunds { get; set; }
    }

    /// <summary>The provider's view of a payment.</summary>
    public sealed class ProviderState
    {
        [JsonProperty("status")] public ProviderStatus Status { get; set; }
        [JsonProperty("providerStatus")] public string ProviderStatus { get; set; }
        [JsonProperty("providerTradeNo")] public string ProviderTradeNo { get; set; }
        [JsonProperty("amount")] public long? Amount { get; set; }
        [JsonProperty("currency")] public string Currency { get; set; }
        [JsonProperty("paidAt")] public DateTimeOffset? PaidAt { get; set; }
    }

    /// <summary>What a sync did with one of the payment's unsettled refunds.</summary>
    public sealed class RefundSync
    {
        [JsonProperty("refundNo")] public string RefundNo { get; set; }
        [JsonProperty("outcome")] public RefundSyncOutcome Outcome { get; set; }
    }
}
