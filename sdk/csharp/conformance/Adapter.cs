// The C# SDK's conformance adapter (sdk/CONTRIBUTING.md): one JSON request per line on stdin, the
// SDK call it names, one JSON reply per line on stdout. Only the SDK's public API is used;
// Newtonsoft.Json (the SDK's own dependency) reads the requests and writes the results.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Payee;

internal static class Adapter
{
    private static readonly JsonSerializer Json = JsonSerializer.Create(PayeeJson.Settings);
    private static readonly Dictionary<string, PayeeClient> Clients = new Dictionary<string, PayeeClient>();
    /// <summary>What each client was configured with: the benchmark's raw GETs use the same URL and key.</summary>
    private static readonly Dictionary<string, JObject> Settings = new Dictionary<string, JObject>();

    private static int Main()
    {
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        stdout.WriteLine(Line(new JObject
        {
            ["ready"] = new JObject { ["sdk"] = "csharp", ["version"] = PayeeVersion.Sdk, ["variants"] = new JArray("sync", "async") },
        }));
        for (var line = stdin.ReadLine(); line != null; line = stdin.ReadLine())
        {
            if (line.Trim().Length == 0) continue;
            var request = JsonConvert.DeserializeObject<JObject>(line, new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });
            var reply = new JObject { ["id"] = request["id"] };
            try
            {
                var result = Run((string)request["op"], request["args"] as JObject ?? new JObject());
                reply["ok"] = true;
                reply["result"] = result == null ? JValue.CreateNull() : JToken.FromObject(result, Json);
            }
            catch (Exception e)
            {
                reply["ok"] = false;
                reply["error"] = ErrorOf(e is AggregateException && e.InnerException != null ? e.InnerException : e);
            }
            stdout.WriteLine(Line(reply));
        }
        return 0;
    }

    private static string Line(JToken token)
    {
        return token.ToString(Formatting.None);
    }

    private static object Run(string op, JObject a)
    {
        if (op == "configure") return Configure(a);
        if (op == "verifyNotification")
        {
            return Webhook.VerifyNotification(Encoding.UTF8.GetBytes((string)a["rawBody"]), (string)a["header"], (string)a["secret"], Tolerance(a), Now(a));
        }
        if (op == "verifySignature")
        {
            Webhook.VerifySignature(Encoding.UTF8.GetBytes((string)a["rawBody"]), (string)a["header"], (string)a["secret"], Tolerance(a), Now(a));
            return null;
        }
        var name = (string)a["client"] ?? "default";
        PayeeClient payee;
        if (!Clients.TryGetValue(name, out payee)) throw new InvalidOperationException("no client " + name + ": configure it first");
        var async = (string)a["variant"] == "async";
        var payNo = (string)a["payNo"];
        var groupNo = (string)a["groupNo"];
        var accountId = (string)a["accountId"];
        var options = a["idempotencyKey"] != null && a["idempotencyKey"].Type != JTokenType.Null
            ? new RequestOptions { IdempotencyKey = (string)a["idempotencyKey"] }
            : null;
        switch (op)
        {
            case "createPayment":
                return Call(async, () => payee.Payments.Create(Arg<CreatePaymentParams>(a), options), () => payee.Payments.CreateAsync(Arg<CreatePaymentParams>(a), options));
            case "getPayment":
                return Call(async, () => payee.Payments.Get(payNo), () => payee.Payments.GetAsync(payNo));
            case "listPayments":
                return Call(async, () => payee.Payments.List(Arg<ListPaymentsParams>(a)), () => payee.Payments.ListAsync(Arg<ListPaymentsParams>(a)));
            case "listAllPayments":
                return async
                    ? payee.Payments.ListAllAsync(Arg<ListPaymentsParams>(a)).GetAwaiter().GetResult()
                    : payee.Payments.ListAutoPaging(Arg<ListPaymentsParams>(a)).ToList();
            case "getPaymentByOutTradeNo":
                return Call(async, () => payee.Payments.FindByOutTradeNo((string)a["outTradeNo"]),
                    () => payee.Payments.FindByOutTradeNoAsync((string)a["outTradeNo"]));
            case "listPaymentEvents":
                return Data(Call(async, () => payee.Payments.ListEvents(payNo), () => payee.Payments.ListEventsAsync(payNo)));
            case "closePayment":
                return Call(async, () => payee.Payments.Close(payNo), () => payee.Payments.CloseAsync(payNo));
            case "syncPayment":
                return Call(async, () => payee.Payments.Sync(payNo), () => payee.Payments.SyncAsync(payNo));
            case "createRefund":
                return Call(async, () => payee.Refunds.Create(payNo, Arg<CreateRefundParams>(a), options),
                    () => payee.Refunds.CreateAsync(payNo, Arg<CreateRefundParams>(a), options));
            case "listRefunds":
                return Data(Call(async, () => payee.Refunds.List(payNo), () => payee.Refunds.ListAsync(payNo)));
            case "listNotifications":
                return Data(Call(async, () => payee.Notifications.List(payNo), () => payee.Notifications.ListAsync(payNo)));
            case "resendNotification":
                return Call(async, () => payee.Notifications.Resend(payNo), () => payee.Notifications.ResendAsync(payNo));
            case "getReconciliation":
                return Call(async, () => payee.Reports.GetReconciliation(Arg<ReconciliationParams>(a)),
                    () => payee.Reports.GetReconciliationAsync(Arg<ReconciliationParams>(a)));
            case "getDailyReport":
                return Call(async, () => payee.Reports.GetDaily(Arg<DailyReportParams>(a)), () => payee.Reports.GetDailyAsync(Arg<DailyReportParams>(a)));
            case "getOpenApi":
                return Call(async, () => payee.GetOpenApi(), () => payee.GetOpenApiAsync());
            case "createGroup":
                return Call(async, () => payee.Groups.Create(Arg<CreateGroupParams>(a), options), () => payee.Groups.CreateAsync(Arg<CreateGroupParams>(a), options));
            case "getGroup":
                return Call(async, () => payee.Groups.Get(groupNo), () => payee.Groups.GetAsync(groupNo));
            case "closeGroup":
                return Call(async, () => payee.Groups.Close(groupNo), () => payee.Groups.CloseAsync(groupNo));
            case "syncGroup":
                return Call(async, () => payee.Groups.Sync(groupNo), () => payee.Groups.SyncAsync(groupNo));
            case "listGroups":
                return Call(async, () => payee.Groups.List(Arg<ListGroupsParams>(a)), () => payee.Groups.ListAsync(Arg<ListGroupsParams>(a)));
            case "listAllGroups":
                // The SDK auto-paginates only as a blocking enumerable: both variants use it.
                return payee.Groups.ListAutoPaging(Arg<ListGroupsParams>(a)).ToList();
            case "createAccount":
                return Call(async, () => payee.Accounts.Create(AccountParams(a), options), () => payee.Accounts.CreateAsync(AccountParams(a), options));
            case "getAccount":
                return Call(async, () => payee.Accounts.Get(accountId), () => payee.Accounts.GetAsync(accountId));
            case "listAccounts":
                return Call(async, () => payee.Accounts.List(Arg<ListPageParams>(a)), () => payee.Accounts.ListAsync(Arg<ListPageParams>(a)));
            case "listAllAccounts":
                return payee.Accounts.ListAutoPaging(Arg<ListPageParams>(a)).ToList();
            case "listAccountFlows":
                return Call(async, () => payee.Accounts.ListFlows(accountId, Arg<ListPageParams>(a)), () => payee.Accounts.ListFlowsAsync(accountId, Arg<ListPageParams>(a)));
            case "listAllAccountFlows":
                return payee.Accounts.ListFlowsAutoPaging(accountId, Arg<ListPageParams>(a)).ToList();
            case "getAccountBalance":
                return Call(async, () => payee.Accounts.GetBalance(accountId, BalanceAt(a)), () => payee.Accounts.GetBalanceAsync(accountId, BalanceAt(a)));
            case "createAndWait":
                return Call(async, () => payee.Payments.CreateAndWait(Arg<CreatePaymentParams>(a), Wait(a), Statuses(a), options),
                    () => payee.Payments.CreateAndWaitAsync(Arg<CreatePaymentParams>(a), Wait(a), Statuses(a), options));
            case "waitFor":
                return Call(async, () => payee.Payments.WaitFor(payNo, Statuses(a), Wait(a)), () => payee.Payments.WaitForAsync(payNo, Statuses(a), Wait(a)));
            case "refundAndWait":
                return Call(async, () => payee.Payments.RefundAndWait(payNo, Arg<CreateRefundParams>(a), Wait(a), options),
                    () => payee.Payments.RefundAndWaitAsync(payNo, Arg<CreateRefundParams>(a), Wait(a), options));
            case "bench":
                return Bench(payee, Settings[name], a).GetAwaiter().GetResult();
            default:
                throw new ArgumentException("unknown op " + op);
        }
    }

    private static object Configure(JObject a)
    {
        var options = new PayeeClientOptions { BaseUrl = (string)a["baseUrl"], ApiKey = (string)a["apiKey"] };
        if (a["maxRetries"] != null && a["maxRetries"].Type != JTokenType.Null) options.MaxRetries = (int)a["maxRetries"];
        if (a["timeoutMs"] != null && a["timeoutMs"].Type != JTokenType.Null) options.Timeout = TimeSpan.FromMilliseconds((double)a["timeoutMs"]);
        var name = (string)a["client"] ?? "default";
        Clients[name] = new PayeeClient(options);
        Settings[name] = a;
        return null;
    }

    /// <summary>
    /// GetAsync against the same GET through an HttpClient set up as the SDK's own (connections to
    /// payee not capped at 2), its body read as a JToken: after an untimed warm-up of each, rounds
    /// alternating which goes first, <c>concurrency</c> calls in flight.
    /// </summary>
    private static async Task<object> Bench(PayeeClient payee, JObject client, JObject a)
    {
        int calls = (int)a["calls"], concurrency = (int)a["concurrency"], rounds = (int)a["rounds"];
        var payNo = (string)a["payNo"];
        var url = ((string)client["baseUrl"]).TrimEnd('/') + "/v1/payments/" + Uri.EscapeDataString(payNo);
        ServicePointManager.FindServicePoint(new Uri(url)).ConnectionLimit = 100;
        var http = new HttpClient();
        var apiKey = (string)client["apiKey"];
        Func<Task> raw = async () =>
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, url))
            {
                request.Headers.TryAddWithoutValidation("x-api-key", apiKey);
                using (var reply = await http.SendAsync(request).ConfigureAwait(false))
                {
                    if ((int)reply.StatusCode != 200) throw new InvalidOperationException("raw GET answered " + (int)reply.StatusCode);
                    JToken.Parse(await reply.Content.ReadAsStringAsync().ConfigureAwait(false));
                }
            }
        };
        Func<Task> sdk = () => payee.Payments.GetAsync(payNo);
        await Timed(concurrency * 4, concurrency, raw);
        await Timed(concurrency * 4, concurrency, sdk);
        double rawMs = 0, sdkMs = 0;
        for (var i = 0; i < rounds; i++)
        {
            var share = calls / rounds + (i < calls % rounds ? 1 : 0);
            if (i % 2 == 0) rawMs += await Timed(share, concurrency, raw);
            sdkMs += await Timed(share, concurrency, sdk);
            if (i % 2 == 1) rawMs += await Timed(share, concurrency, raw);
        }
        return new JObject { ["rawMs"] = rawMs, ["sdkMs"] = sdkMs, ["variant"] = "async (Task, " + concurrency + " in flight)" };
    }

    /// <summary><c>calls</c> runs of <c>task</c> by <c>concurrency</c> workers; milliseconds.</summary>
    private static async Task<double> Timed(int calls, int concurrency, Func<Task> task)
    {
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async i =>
        {
            while (Interlocked.Increment(ref next) <= calls) await task().ConfigureAwait(false);
        }));
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>The blocking form, or the Task form awaited.</summary>
    private static T Call<T>(bool async, Func<T> blocking, Func<Task<T>> task)
    {
        return async ? task().GetAwaiter().GetResult() : blocking();
    }

    private static T Arg<T>(JObject a) where T : class
    {
        var value = a["params"];
        return value == null || value.Type == JTokenType.Null ? null : value.ToObject<T>(Json);
    }

    /// <summary>The account's parameters: an explicit overdraftLimit null asks for no limit, one left out for the API's 0.</summary>
    private static CreateAccountParams AccountParams(JObject a)
    {
        var parameters = Arg<CreateAccountParams>(a);
        var limit = a["params"] is JObject p ? p["overdraftLimit"] : null;
        if (parameters != null && limit != null && limit.Type == JTokenType.Null) parameters.NoOverdraftLimit = true;
        return parameters;
    }

    /// <summary>The balance at <c>at</c> (an ISO time), or now when it is absent.</summary>
    private static AccountBalanceParams BalanceAt(JObject a)
    {
        var at = a["at"];
        return at == null || at.Type == JTokenType.Null
            ? null
            : new AccountBalanceParams { At = DateTimeOffset.Parse((string)at, System.Globalization.CultureInfo.InvariantCulture) };
    }

    private static List<PaymentStatus> Statuses(JObject a)
    {
        var statuses = a["statuses"] as JArray;
        return statuses == null ? null : statuses.Select(s => s.ToObject<PaymentStatus>(Json)).ToList();
    }

    private static WaitOptions Wait(JObject a)
    {
        var wait = new WaitOptions();
        if (a["maxWaitMs"] != null) wait.MaxWait = TimeSpan.FromMilliseconds((double)a["maxWaitMs"]);
        if (a["minDelayMs"] != null) wait.MinDelay = TimeSpan.FromMilliseconds((double)a["minDelayMs"]);
        if (a["maxDelayMs"] != null) wait.MaxDelay = TimeSpan.FromMilliseconds((double)a["maxDelayMs"]);
        return wait;
    }

    private static TimeSpan? Tolerance(JObject a)
    {
        return a["toleranceSeconds"] == null ? (TimeSpan?)null : TimeSpan.FromSeconds((double)a["toleranceSeconds"]);
    }

    private static DateTimeOffset? Now(JObject a)
    {
        return a["now"] == null ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds((long)a["now"]);
    }

    private static object Data<T>(List<T> items)
    {
        return new Dictionary<string, object> { { "data", items } };
    }

    private static JObject ErrorOf(Exception e)
    {
        var p = e as PayeeException;
        if (p == null) return new JObject { ["kind"] = "adapter", ["class"] = e.GetType().FullName, ["message"] = e.ToString() };
        var error = new JObject { ["kind"] = Kind(p), ["class"] = p.GetType().Name, ["message"] = p.Message };
        if (p.StatusCode != 0) error["status"] = p.StatusCode;
        if (p.Code != null) error["code"] = p.Code;
        if (p.Param != null) error["param"] = p.Param;
        if (p.PayNo != null) error["payNo"] = p.PayNo;
        if (p.RequestId != null) error["requestId"] = p.RequestId;
        if (p.RetryAfter != null) error["retryAfterMs"] = (long)p.RetryAfter.Value.TotalMilliseconds;
        var timeout = p as WaitTimeoutException;
        if (timeout != null) error["last"] = JToken.FromObject(timeout.LastSeen, Json);
        var failed = p as WaitFailedException;
        if (failed != null) error["last"] = JToken.FromObject(failed.LastSeen, Json);
        return error;
    }

    /// <summary>The protocol's kind: the API's error.type for each typed class, else what went wrong.</summary>
    private static string Kind(PayeeException e)
    {
        if (e is InvalidRequestException) return "invalid_request";
        if (e is AuthenticationException) return "authentication";
        if (e is NotFoundException) return "not_found";
        if (e is ConflictException) return "conflict";
        if (e is IdempotencyException) return "idempotency";
        if (e is ProviderUnavailableException) return "provider";
        if (e is ServiceUnavailableException) return "unavailable";
        if (e is RateLimitException) return "rate_limit";
        if (e is ApiConnectionException) return "connection";
        if (e is SignatureVerificationException) return "signature";
        if (e is WaitTimeoutException) return "wait_timeout";
        if (e is WaitFailedException) return "wait_failed";
        return e.Type == "internal" ? "internal" : "api";
    }
}
