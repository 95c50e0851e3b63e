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

    /// <summary>
    /// A body payee POSTs to a notifyUrl, once its signature verified (<see cref="Webhook"/>): a
    /// <see cref="GroupNotification"/> when its type starts with <c>group.</c>, a
    /// <see cref="PaymentNotification"/> otherwise. Tell them apart with <c>is</c> or a type <c>switch</c>.
    /// </summary>
    public abstract class VerifiedNotification
    {
        // Only this assembly derives from it: the two kinds are all there is.
        internal VerifiedNotification() { }

        /// <summary>N + ULID, the same on every retry of this notification: deduplicate on it.</summary>
        [JsonProperty("id")] public string Id { get; set; }
        [JsonProperty("type")] public string Type { get; set; }
        [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; set; }
    }

    /// <summary>A payment's notification (payment.succeeded, ...): Data is the payment at that moment.</summary>
    public sealed class PaymentNotification : VerifiedNotification
    {
        [JsonProperty("data")] public Payment Data { get; set; }
    }

    /// <summary>A group's notification (group.paid, group.closed): Data is the group, with its members, at that moment.</summary>
    public sealed class GroupNotification : VerifiedNotification
    {
        [JsonProperty("data")] public Group Data { get; set; }
    }
}
