using System.Collections.Generic;
using Newtonsoft.Json;

namespace Payee
{
    /// <summary>Payments' figures per China day, group (channel, method, pay config or currency) and currency: amounts are never summed across currencies.</summary>
    public sealed class DailyReport
    {
        [JsonProperty("from")] public string From { get; set; }
        [JsonProperty("to")] public string To { get; set; }
        [JsonProperty("groupBy")] public ReportGroupBy GroupBy { get; set; }
        [JsonProperty("data")] public List<DailyReportRow> Data { get; set; }
    }

    public sealed class DailyReportRow
    {
        /// <summary>China day, yyyy-MM-dd.</summary>
        [JsonProperty("day")] public string Day { get; set; }
        /// <summary>The value of GroupBy, e.g. alipay.</summary>
        [JsonProperty("group")] public string Group { get; set; }
        /// <summary>ISO 4217: every amount of the row is in it; a group paid in two currencies has a row for each.</summary>
        [JsonProperty("currency")] public string Currency { get; set; }
        [JsonProperty("created")] public ReportTotals Created { get; set; }
        [JsonProperty("succeeded")] public ReportTotals Succeeded { get; set; }
        [JsonProperty("closed")] public ReportTotals Closed { get; set; }
        [JsonProperty("failed")] public ReportTotals Failed { get; set; }
        /// <summary>Refunds that succeeded, and their amounts.</summary>
        [JsonProperty("refunded")] public ReportTotals Refunded { get; set; }
        /// <summary>Succeeded / created of the day; null without creates.</summary>
        [JsonProperty("successRate")] public double? SuccessRate { get; set; }
        /// <summary>Succeeded amount / succeeded count, minor units.</summary>
        [JsonProperty("averageTicket")] public long? AverageTicket { get; set; }
        [JsonProperty("timeToPay")] public ReportLatency TimeToPay { get; set; }
        [JsonProperty("callbackLatency")] public ReportLatency CallbackLatency { get; set; }
    }

    public sealed class ReportTotals
    {
        [JsonProperty("count")] public long Count { get; set; }
        /// <summary>Sum in minor units of the row's currency.</summary>
        [JsonProperty("amount")] public long Amount { get; set; }
    }

    /// <summary>A duration's distribution: how many were measured, and the histogram buckets holding the median and the 95th percentile.</summary>
    public sealed class ReportLatency
    {
        [JsonProperty("count")] public long Count { get; set; }
        [JsonProperty("p50Ms")] public long? P50Ms { get; set; }
        [JsonProperty("p95Ms")] public long? P95Ms { get; set; }
    }

    /// <summary>Which days (From and To required, at most 31) and how to group them.</summary>
    public sealed class DailyReportParams
    {
        /// <summary>The first China day (UTC+8), yyyy-MM-dd, included.</summary>
        [JsonProperty("from")] public string From { get; set; }
        /// <summary>The last China day, included.</summary>
        [JsonProperty("to")] public string To { get; set; }
        /// <summary>One row per day, value of this dimension (default channel) and currency.</summary>
        [JsonProperty("groupBy")] public ReportGroupBy? GroupBy { get; set; }
        /// <summary>A descendant company's figures instead of your own.</summary>
        [JsonProperty("companyId")] public string CompanyId { get; set; }
    }
}
