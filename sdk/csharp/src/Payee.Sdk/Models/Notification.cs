using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace Payee
{
    /// <summary>A notification payee sends (or sent) to a payment's notifyUrl, with its delivery attempts.</summary>
    public sealed class Notification
    {
        /// <summary>N + ULID; also the <c>id</c> of the body sent.</summary>
        [JsonProperty("notificationId")] public string NotificationId { get; set; }
        [JsonProperty("payNo")] public string PayNo { get; set; }
        /// <summary>payment.&lt;status&gt;: payment.succeeded, payment.closed, ...</summary>
        [JsonProperty("type")] public string Type { get; set; }
        [JsonProperty("url")] public string Url { get; set; }
        [JsonProperty("status")] public NotificationStatus Status { get; set; }
        [JsonProperty("attempts")] public List<NotificationAttempt> Attempts { get; set; }
        [JsonProperty("nextAttemptAt")] public DateTimeOffset? NextAttemptAt { get; set; }
        [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; set; }
        [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; set; }
    }

    public sealed class NotificationAttempt
    {
        /// <summary>1 for the first attempt.</summary>
        [JsonProperty("n")] public long N { get; set; }
        [JsonProperty("at")] public DateTimeOffset At { get; set; }
        /// <summary>Your endpoint's HTTP status; any 2xx delivers the notification.</summary>
        [JsonProperty("statusCode")] public int? StatusCode { get; set; }
        /// <summary>Why there was no answer: connection refused, timed out, address refused.</summary>
        [JsonProperty("error")] public string Error { get; set; }
        [JsonProperty("latencyMs")] public long LatencyMs { get; set; }
    }

    /// <summary>The body payee POSTs to a notifyUrl, once its signature verified (<see cref="Webhook"/>).</summary>
    public sealed class PaymentNotification
    {
        [JsonProperty("id")] public string Id { get; set; }
        [JsonProperty("type")] public string Type { get; set; }
        [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; set; }
        [JsonProperty("data")] public Payment Data { get; set; }
    }
}
