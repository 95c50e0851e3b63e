using System.Collections.Generic;
using Newtonsoft.Json;

namespace Payee
{
    /// <summary>A day's reconciliation reports: one per pay config reconciled that day.</summary>
    public sealed class ReconciliationList
    {
        [JsonProperty("day")] public string Day { get; set; }
        [JsonProperty("data")] public List<ReconciliationReport> Data { get; set; }
    }

    public sealed class ReconciliationReport
    {
        [JsonProperty("payId")] public string PayId { get; set; }
        [JsonProperty("channel")] public string Channel { get; set; }
        [JsonProperty("day")] public string Day { get; set; }
        [JsonProperty("checkedAt")] public string CheckedAt { get; set; }
        /// <summary>Payments on the provider's statement.</summary>
        [JsonProperty("statementLines")] public long StatementLines { get; set; }
        /// <summary>Payments paid that day here.</summary>
        [JsonProperty("localPayments")] public long LocalPayments { get; set; }
        [JsonProperty("differences")] public List<ReconciliationDifference> Differences { get; set; }
        /// <summary>The daily ledger proof; null when no payment of the day posts to the ledger.</summary>
        [JsonProperty("ledger")] public LedgerProof Ledger { get; set; }
    }

    /// <summary>The day's paid payments that post to the ledger: their amounts, what their detail lines posted and what the statement says (minor units).</summary>
    public sealed class LedgerProof
    {
        [JsonProperty("payments")] public long Payments { get; set; }
        [JsonProperty("paid")] public long Paid { get; set; }
        [JsonProperty("posted")] public long Posted { get; set; }
        [JsonProperty("statement")] public long Statement { get; set; }
    }

    public sealed class ReconciliationDifference
    {
        [JsonProperty("kind")] public ReconciliationDifferenceKind Kind { get; set; }
        [JsonProperty("payNo")] public string PayNo { get; set; }
        [JsonProperty("providerTradeNo")] public string ProviderTradeNo { get; set; }
        /// <summary>The statement's view.</summary>
        [JsonProperty("provider")] public StatementView Provider { get; set; }
        /// <summary>payee's view of the payment.</summary>
        [JsonProperty("local")] public LocalView Local { get; set; }
        /// <summary>What the payment's detail lines posted to the ledger (ledger_differs).</summary>
        [JsonProperty("ledger")] public LedgerView Ledger { get; set; }
    }

    public sealed class LedgerView
    {
        [JsonProperty("posted")] public long Posted { get; set; }
    }

    public sealed class StatementView
    {
        [JsonProperty("amount")] public long? Amount { get; set; }
        [JsonProperty("currency")] public string Currency { get; set; }
        [JsonProperty("status")] public string Status { get; set; }
        [JsonProperty("refundedAmount")] public long RefundedAmount { get; set; }
        [JsonProperty("at")] public string At { get; set; }
    }

    public sealed class LocalView
    {
        [JsonProperty("amount")] public long Amount { get; set; }
        [JsonProperty("currency")] public string Currency { get; set; }
        [JsonProperty("status")] public string Status { get; set; }
        [JsonProperty("refundedAmount")] public long RefundedAmount { get; set; }
        [JsonProperty("paidAt")] public string PaidAt { get; set; }
    }
}
