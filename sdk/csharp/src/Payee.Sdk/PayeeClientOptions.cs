using System;
using System.Net.Http;

namespace Payee
{
    /// <summary>How a <see cref="PayeeClient"/> reaches the API. ApiKey and BaseUrl are required.</summary>
    public sealed class PayeeClientOptions
    {
        /// <summary>Your API key (the x-api-key header).</summary>
        public string ApiKey { get; set; }

        /// <summary>The API's URL with its stage, e.g. http://127.0.0.1:4010/live (npm start) or a tenant's ApiUrl.</summary>
        public string BaseUrl { get; set; }

        /// <summary>Retries after the first attempt (default 2): on a lost connection or timeout, 409 idempotency_key_in_use, 429 and 5xx.</summary>
        public int MaxRetries { get; set; } = 2;

        /// <summary>Per attempt, connect to last byte (default 60 s).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Your own HttpClient (proxies, handlers, logging); by default the client makes one and keeps it.</summary>
        public HttpClient HttpClient { get; set; }

        /// <summary>Appended to the User-Agent, e.g. "my-shop/1.2".</summary>
        public string AppInfo { get; set; }

        /// <summary>Time for retries and waiters; tests inject their own.</summary>
        internal ITime Time { get; set; }
    }

    /// <summary>Per-call overrides.</summary>
    public sealed class RequestOptions
    {
        /// <summary>A POST's Idempotency-Key; one (a UUID) is made when absent. The same key goes with every retry.</summary>
        public string IdempotencyKey { get; set; }
        public string ApiKey { get; set; }
        public int? MaxRetries { get; set; }
        public TimeSpan? Timeout { get; set; }
    }

    /// <summary>How long a waiter (CreateAndWait, WaitFor, RefundAndWait) polls, and how often.</summary>
    public sealed class WaitOptions
    {
        /// <summary>The deadline, from the call (default 60 s); then a WaitTimeoutException with the last state seen.</summary>
        public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>The first pause between polls (default 0.5 s); it doubles, with jitter, up to MaxDelay.</summary>
        public TimeSpan MinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>The longest pause between polls (default 5 s).</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);
    }
}
