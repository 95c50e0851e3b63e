using System;
using Newtonsoft.Json;

namespace Payee
{
    /// <summary>A refund of part or all of a payment.</summary>
    public sealed class Refund
    {
        /// <summary>payee's refund number: R + ULID.</summary>
        [JsonProperty("refundNo")] public string RefundNo { get; set; }
        [JsonProperty("payNo")] public string PayNo { get; set; }
        /// <summary>PENDING: the provider did not answer; PROCESSING: accepted, outcome later; SUCCEEDED; FAILED.</summary>
        [JsonProperty("status")] public RefundStatus Status { get; set; }
        [JsonProperty("amount")] public long Amount { get; set; }
        [JsonProperty("currency")] public string Currency { get; set; }
        [JsonProperty("reason")] public string Reason { get; set; }
        [JsonProperty("providerRefundNo")] public string ProviderRefundNo { get; set; }
        [JsonProperty("failure")] public Failure Failure { get; set; }
        [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; set; }
        [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; set; }
    }
}
