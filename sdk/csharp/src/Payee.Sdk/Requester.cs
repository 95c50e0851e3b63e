using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Payee
{
    /// <summary>
    /// Sends one API call: headers, JSON, retries with backoff and one Idempotency-Key per POST,
    /// and the mapping of failures to typed exceptions.
    /// </summary>
    internal sealed class Requester
    {
        internal static readonly TimeSpan InitialRetryDelay = TimeSpan.FromMilliseconds(500);
        internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
        /// <summary>A longer Retry-After is not waited out inside a call: the error goes to the caller.</summary>
        internal static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

        private readonly HttpClient http;
        private readonly string baseUrl;
        private readonly string apiKey;
        private readonly TimeSpan timeout;
        private readonly int maxRetries;
        private readonly string userAgent;

        internal Requester(PayeeClientOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (string.IsNullOrEmpty(options.ApiKey)) throw new ArgumentException("payee: ApiKey is required", "options");
            if (string.IsNullOrEmpty(options.BaseUrl)) throw new ArgumentException("payee: BaseUrl is required", "options");
            baseUrl = options.BaseUrl.TrimEnd('/');
            apiKey = options.ApiKey;
            timeout = options.Timeout;
            maxRetries = options.MaxRetries;
            Time = options.Time ?? SystemTime.Instance;
            http = options.HttpClient ?? NewHttpClient(baseUrl);
            userAgent = PayeeVersion.UserAgent + (string.IsNullOrEmpty(options.AppInfo) ? "" : " " + options.AppInfo);
        }

        internal ITime Time { get; private set; }

        /// <summary>
        /// The client's own HttpClient: per-attempt timeouts are the SDK's (a CancellationToken), and
        /// enough connections to payee for concurrent calls (.NET Framework and Mono allow 2 per host).
        /// </summary>
        internal static HttpClient NewHttpClient(string baseUrl)
        {
            try
            {
                ServicePointManager.FindServicePoint(new Uri(baseUrl)).ConnectionLimit = 100;
            }
            catch (Exception e) when (e is PlatformNotSupportedException || e is NotSupportedException || e is UriFormatException)
            {
                // Modern .NET pools connections without a ServicePoint limit.
            }
            return new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        /// <summary>One logical call: its Idempotency-Key is made once, so every retry carries the same.</summary>
        public async Task<T> SendAsync<T>(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>> query, object body,
            RequestOptions options, CancellationToken cancellationToken)
        {
            var reply = await SendWithRetriesAsync(method, path, query, body, options, cancellationToken).ConfigureAwait(false);
            try
            {
                return PayeeJson.Deserialize<T>(reply.Body);
            }
            catch (Newtonsoft.Json.JsonException e)
            {
                throw new ApiException(new ApiErrorInfo
                {
                    Status = reply.Status,
                    Code = "invalid_response",
                    Message = "payee's reply could not be read as " + typeof(T).Name + ": " + e.Message,
                });
            }
        }

        /// <summary>The reply's body text, after retries.</summary>
        public async Task<string> SendRawAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>> query, object body,
            RequestOptions options, CancellationToken cancellationToken)
        {
            return (await SendWithRetriesAsync(method, path, query, body, options, cancellationToken).ConfigureAwait(false)).Body;
        }

        private async Task<Outcome> SendWithRetriesAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>> query, object body,
            RequestOptions options, CancellationToken cancellationToken)
        {
            options = options ?? new RequestOptions();
            var url = Url(path, query);
            string idempotencyKey = null;
            if (method == HttpMethod.Post) idempotencyKey = options.IdempotencyKey ?? Guid.NewGuid().ToString();
            var json = body == null ? null : PayeeJson.Serialize(body);
            var retries = options.MaxRetries ?? maxRetries;
            var perAttempt = options.Timeout ?? timeout;
            for (var attempt = 0; ; attempt++)
            {
                var outcome = await AttemptAsync(method, url, json, idempotencyKey, options.ApiKey ?? apiKey, perAttempt, cancellationToken)
                    .ConfigureAwait(false);
                if (outcome.Failure == null) return outcome;
                var wait = RetryDelay(outcome, attempt, retries);
                if (wait == null) throw outcome.Failure;
                await Time.Delay(wait.Value, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>What one attempt came to: a body, or a failure and whether it may be retried.</summary>
        internal sealed class Outcome
        {
            public int Status;
            public string Body;
            public PayeeException Failure;
            /// <summary>A keep-alive connection the server had closed: retried once even with retries off.</summary>
            public bool StaleConnection;
        }

        /// <summary>How long to wait before the next attempt, or null to give up with the failure.</summary>
        internal TimeSpan? RetryDelay(Outcome outcome, int attempt, int retries)
        {
            var failure = outcome.Failure;
            if (failure is ApiConnectionException)
            {
                // A keep-alive socket can die while a Lambda or container is frozen: one retry even with retries off.
                var allowed = outcome.StaleConnection ? Math.Max(retries, 1) : retries;
                return attempt < allowed ? Backoff(attempt) : (TimeSpan?)null;
            }
            var status = failure.StatusCode;
            var retryable = status == 429 || status >= 500 || (status == 409 && failure.Code == ErrorCodes.IdempotencyKeyInUse);
            if (!retryable || attempt >= retries) return null;
            if (failure.RetryAfter == null) return Backoff(attempt);
            return failure.RetryAfter.Value > MaxRetryAfter ? (TimeSpan?)null : failure.RetryAfter.Value;
        }

        /// <summary>Exponential backoff from 0.5 s, doubling to at most 5 s, with jitter of ×(0.5..1).</summary>
        internal TimeSpan Backoff(int attempt)
        {
            var baseMs = Math.Min(MaxRetryDelay.TotalMilliseconds, InitialRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20)));
            return TimeSpan.FromMilliseconds(Math.Floor(baseMs * (0.5 + 0.5 * Time.NextDouble())));
        }

        private async Task<Outcome> AttemptAsync(HttpMethod method, string url, string json, string idempotencyKey, string key,
            TimeSpan perAttempt, CancellationToken cancellationToken)
        {
            using (var request = new HttpRequestMessage(method, url))
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                request.Headers.TryAddWithoutValidation("x-api-key", key);
                request.Headers.TryAddWithoutValidation("Accept", "application/json");
                request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
                request.Headers.TryAddWithoutValidation("Payee-Client", PayeeVersion.Client);
                request.Headers.TryAddWithoutValidation("Payee-Version", PayeeVersion.Api);
                if (idempotencyKey != null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
                if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                else if (method == HttpMethod.Post) request.Content = new ByteArrayContent(new byte[0]);
                deadline.CancelAfter(perAttempt);
                try
                {
                    using (var reply = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false))
                    {
                        var text = reply.Content == null ? "" : await reply.Content.ReadAsStringAsync().ConfigureAwait(false);
                        var status = (int)reply.StatusCode;
                        if (status >= 200 && status < 300) return new Outcome { Status = status, Body = text };
                        IEnumerable<string> ids;
                        var requestId = reply.Headers.TryGetValues("x-amzn-RequestId", out ids) ? ids.FirstOrDefault() : null;
                        return new Outcome { Failure = ErrorMapper.FromReply(status, text, requestId, RetryAfter(reply.Headers.RetryAfter)) };
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException e)
                {
                    return new Outcome { Failure = new ApiConnectionException("payee did not answer in " + perAttempt.TotalMilliseconds + " ms: " + method + " " + url, e) };
                }
                catch (HttpRequestException e)
                {
                    return new Outcome
                    {
                        Failure = new ApiConnectionException("could not reach payee: " + method + " " + url + ": " + Describe(e), e),
                        StaleConnection = IsStale(e),
                    };
                }
                catch (System.IO.IOException e)
                {
                    return new Outcome
                    {
                        Failure = new ApiConnectionException("the connection to payee was lost: " + method + " " + url + ": " + e.Message, e),
                        StaleConnection = true,
                    };
                }
            }
        }

        /// <summary>Retry-After in seconds or as an HTTP date; null when absent.</summary>
        private TimeSpan? RetryAfter(RetryConditionHeaderValue header)
        {
            if (header == null) return null;
            if (header.Delta != null) return header.Delta;
            if (header.Date == null) return null;
            var until = header.Date.Value - Time.UtcNow;
            return until < TimeSpan.Zero ? TimeSpan.Zero : until;
        }

        private static string Describe(Exception e)
        {
            var parts = new List<string>();
            for (var x = e; x != null; x = x.InnerException) parts.Add(x.Message);
            return string.Join(": ", parts);
        }

        /// <summary>How .NET and Mono report a peer that closed a pooled connection without answering.</summary>
        private static bool IsStale(Exception e)
        {
            var text = Describe(e).ToLowerInvariant();
            return text.Contains("connection reset") || text.Contains("broken pipe") || text.Contains("connection closed")
                || text.Contains("unexpected eof") || text.Contains("prematurely") || text.Contains("connection was closed");
        }

        private string Url(string path, IEnumerable<KeyValuePair<string, string>> query)
        {
            var url = new StringBuilder(baseUrl).Append(path);
            var separator = '?';
            if (query != null)
            {
                foreach (var pair in query)
                {
                    if (pair.Value == null) continue;
                    url.Append(separator).Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
                    separator = '&';
                }
            }
            return url.ToString();
        }

        internal static string Segment(string value, string name)
        {
            if (string.IsNullOrEmpty(value)) throw new ArgumentException(name + " is required", name);
            return Uri.EscapeDataString(value);
        }
    }
}
