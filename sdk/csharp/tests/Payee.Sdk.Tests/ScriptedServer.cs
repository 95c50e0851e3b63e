using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace Payee.Tests
{
    /// <summary>
    /// A real HTTP server on a free local port answering from a script, one reply per request in
    /// order, and keeping every request it received: what the SDK sends and how it takes each answer.
    /// </summary>
    internal sealed class ScriptedServer : IDisposable
    {
        internal sealed class Reply
        {
            public int Status = 200;
            public string Body = "{}";
            public Dictionary<string, string> Headers = new Dictionary<string, string>();
        }

        internal sealed class Received
        {
            public string Method;
            public string PathAndQuery;
            public Dictionary<string, string> Headers;
            public string Body;
        }

        private readonly HttpListener listener = new HttpListener();
        private readonly Queue<Func<Received, Reply>> script = new Queue<Func<Received, Reply>>();
        private readonly Thread loop;

        public readonly ConcurrentQueue<Received> Requests = new ConcurrentQueue<Received>();
        public readonly string Url;

        public ScriptedServer()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = "http://127.0.0.1:" + port + "/live";
            listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
            listener.Start();
            loop = new Thread(Serve) { IsBackground = true };
            loop.Start();
        }

        public ScriptedServer Then(int status, string body, params string[] headers)
        {
            var reply = new Reply { Status = status, Body = body };
            for (var i = 0; i + 1 < headers.Length; i += 2) reply.Headers[headers[i]] = headers[i + 1];
            return Then(r => reply);
        }

        public ScriptedServer Then(Func<Received, Reply> answer)
        {
            lock (script) script.Enqueue(answer);
            return this;
        }

        public List<Received> All
        {
            get { return new List<Received>(Requests); }
        }

        private void Serve()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = listener.GetContext();
                }
                catch (Exception)
                {
                    return;
                }
                var request = context.Request;
                var received = new Received
                {
                    Method = request.HttpMethod,
                    PathAndQuery = request.Url.PathAndQuery,
                    Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
                    Body = new StreamReader(request.InputStream, Encoding.UTF8).ReadToEnd(),
                };
                foreach (string name in request.Headers.AllKeys) received.Headers[name] = request.Headers[name];
                Requests.Enqueue(received);
                Func<Received, Reply> answer;
                lock (script) answer = script.Count > 0 ? script.Dequeue() : null;
                var reply = answer != null ? answer(received) : new Reply { Status = 599, Body = "{\"unscripted\":true}" };
                var bytes = Encoding.UTF8.GetBytes(reply.Body);
                context.Response.StatusCode = reply.Status;
                context.Response.ContentType = "application/json";
                foreach (var header in reply.Headers) context.Response.Headers[header.Key] = header.Value;
                context.Response.ContentLength64 = bytes.Length;
                context.Response.OutputStream.Write(bytes, 0, bytes.Length);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            listener.Close();
        }
    }

    /// <summary>Time that passes only when the SDK waits: every pause is recorded and moves the clock on.</summary>
    internal sealed class FakeTime : ITime
    {
        public readonly List<TimeSpan> Delays = new List<TimeSpan>();
        private DateTimeOffset now = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        private readonly double random;

        public FakeTime(double random = 0.5)
        {
            this.random = random;
        }

        public DateTimeOffset UtcNow
        {
            get { lock (Delays) return now; }
        }

        public System.Threading.Tasks.Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            lock (Delays)
            {
                Delays.Add(delay);
                now += delay;
            }
            return System.Threading.Tasks.Task.FromResult(0);
        }

        public double NextDouble()
        {
            return random;
        }
    }

    internal static class Fixtures
    {
        public static PayeeClient Client(ScriptedServer server, FakeTime time, int maxRetries = 2)
        {
            return new PayeeClient(new PayeeClientOptions { ApiKey = "pk_test", BaseUrl = server.Url, MaxRetries = maxRetries, Time = time });
        }

        public static string Payment(string payNo, string status, string outTradeNo = "A1001")
        {
            return "{\"payNo\":\"" + payNo + "\",\"status\":\"" + status + "\",\"method\":\"alipay.qr\",\"channel\":\"alipay\",\"outTradeNo\":\"" + outTradeNo
                + "\",\"subject\":\"T-shirt\",\"amount\":1999,\"currency\":\"CNY\",\"refundableAmount\":0,"
                + "\"action\":{\"type\":\"qr_code\",\"value\":\"https://qr.alipay.com/x\"},"
                + "\"createdAt\":\"2025-11-24T23:58:00.000Z\",\"updatedAt\":\"2025-11-25T00:00:00.000Z\"}";
        }

        public static string Error(string type, string code, string param = null, string payNo = null)
        {
            return "{\"error\":{\"type\":\"" + type + "\",\"code\":\"" + code + "\",\"message\":\"m\""
                + (param == null ? "" : ",\"param\":\"" + param + "\"") + (payNo == null ? "" : ",\"payNo\":\"" + payNo + "\"")
                + ",\"requestId\":\"req-1\"}}";
        }

        public static CreatePaymentParams Params()
        {
            return new CreatePaymentParams { Method = PaymentMethod.AlipayQr, OutTradeNo = "A1001", Subject = "T-shirt", Amount = 1999, Currency = "CNY" };
        }

        /// <summary>The repository's root, from the test run's directory (sdk/csharp).</summary>
        public static string Root(string relative)
        {
            var dir = new DirectoryInfo(TestContextDir());
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "docs", "openapi.json"))) dir = dir.Parent;
            if (dir == null) throw new InvalidOperationException("no docs/openapi.json above " + TestContextDir());
            return Path.Combine(dir.FullName, relative);
        }

        private static string TestContextDir()
        {
            return Path.GetDirectoryName(typeof(Fixtures).Assembly.Location);
        }
    }
}
