using System;
using System.Linq;
using NUnit.Framework;

namespace Payee.Tests
{
    [TestFixture]
    public class RetryTests
    {
        [Test]
        public void BackoffDoublesFromHalfASecondWithJitter()
        {
            using (var server = new ScriptedServer())
            {
                // random 0.5: each pause is its base × 0.75.
                var time = new FakeTime(0.5);
                server.Then(500, "{}").Then(502, "<html>bad gateway</html>").Then(200, Fixtures.Payment("P1", "PENDING"));
                var payment = Fixtures.Client(server, time).Payments.Get("P1");
                Assert.AreEqual("P1", payment.PayNo);
                CollectionAssert.AreEqual(new[] { 375.0, 750.0 }, time.Delays.Select(d => d.TotalMilliseconds).ToArray());
            }
        }

        [Test]
        public void BackoffIsCappedAtFiveSecondsAndJitterStaysWithinHalfToWhole()
        {
            var requester = new Requester(new PayeeClientOptions { ApiKey = "k", BaseUrl = "http://127.0.0.1:9", Time = new FakeTime(0.999) });
            Assert.AreEqual(4997, requester.Backoff(10).TotalMilliseconds);
            var low = new Requester(new PayeeClientOptions { ApiKey = "k", BaseUrl = "http://127.0.0.1:9", Time = new FakeTime(0) });
            Assert.AreEqual(250, low.Backoff(0).TotalMilliseconds);
            Assert.AreEqual(2500, low.Backoff(10).TotalMilliseconds);
        }

        [Test]
        public void RetryAfterIsTakenExactly()
        {
            using (var server = new ScriptedServer())
            {
                var time = new FakeTime();
                server.Then(503, Fixtures.Error("provider", "provider_unavailable"), "Retry-After", "2").Then(201, Fixtures.Payment("P1", "PENDING"));
                Fixtures.Client(server, time).Payments.Create(Fixtures.Params());
                CollectionAssert.AreEqual(new[] { TimeSpan.FromSeconds(2) }, time.Delays);
            }
        }

        [Test]
        public void ARetryAfterOverAMinuteGoesToTheCaller()
        {
            using (var server = new ScriptedServer())
            {
                var time = new FakeTime();
                server.Then(503, Fixtures.Error("unavailable", "service_unavailable"), "Retry-After", "120");
                var error = Assert.Throws<ServiceUnavailableException>(() => Fixtures.Client(server, time).Payments.Get("P1"));
                Assert.AreEqual(TimeSpan.FromSeconds(120), error.RetryAfter);
                Assert.AreEqual(1, server.All.Count);
                CollectionAssert.IsEmpty(time.Delays);
            }
        }

        [Test]
        public void EveryAttemptOfAPostCarriesOneIdempotencyKey()
        {
            using (var server = new ScriptedServer())
            {
                server.Then(500, "{}").Then(429, "{\"message\":\"Too Many Requests\"}").Then(201, Fixtures.Payment("P1", "PENDING"));
                Fixtures.Client(server, new FakeTime()).Payments.Create(Fixtures.Params());
                var keys = server.All.Select(r => r.Headers["Idempotency-Key"]).ToList();
                Assert.AreEqual(3, keys.Count);
                Assert.AreEqual(1, keys.Distinct().Count());
                Guid parsed;
                Assert.IsTrue(Guid.TryParse(keys[0], out parsed), keys[0]);
            }
        }

        [Test]
        public void TheCallersIdempotencyKeyWinsAndEachCallMakesItsOwn()
        {
            using (var server = new ScriptedServer())
            {
                server.Then(201, Fixtures.Payment("P1", "PENDING")).Then(201, Fixtures.Payment("P2", "PENDING")).Then(201, Fixtures.Payment("P3", "PENDING"));
                var payee = Fixtures.Client(server, new FakeTime());
                payee.Payments.Create(Fixtures.Params(), new RequestOptions { IdempotencyKey = "order-A1001" });
                payee.Payments.Create(Fixtures.Params());
                payee.Payments.Create(Fixtures.Params());
                var keys = server.All.Select(r => r.Headers["Idempotency-Key"]).ToList();
                Assert.AreEqual("order-A1001", keys[0]);
                Assert.AreNotEqual(keys[1], keys[2]);
            }
        }

        [Test]
        public void NoOther4xxIsRetried()
        {
            foreach (var status in new[] { 400, 403, 404, 422 })
            {
                using (var server = new ScriptedServer())
                {
                    server.Then(status, Fixtures.Error("invalid_request", "parameter_invalid", "amount"));
                    Assert.Throws(Is.InstanceOf<PayeeException>(), () => Fixtures.Client(server, new FakeTime()).Payments.Get("P1"));
                    Assert.AreEqual(1, server.All.Count, "HTTP " + status);
                }
            }
        }

        [Test]
        public void A409IsRetriedOnlyWhileTheKeyIsInUse()
        {
            using (var server = new ScriptedServer())
            {
                server.Then(409, Fixtures.Error("idempotency", "idempotency_key_in_use")).Then(201, Fixtures.Payment("P1", "PENDING"));
                Assert.AreEqual("P1", Fixtures.Client(server, new FakeTime()).Payments.Create(Fixtures.Params()).PayNo);
            }
            using (var server = new ScriptedServer())
            {
                server.Then(409, Fixtures.Error("conflict", "duplicate_out_trade_no", null, "P0"));
                var error = Assert.Throws<ConflictException>(() => Fixtures.Client(server, new FakeTime()).Payments.Create(Fixtures.Params()));
                Assert.AreEqual("P0", error.PayNo);
                Assert.AreEqual(1, server.All.Count);
            }
        }

        [Test]
        public void RetriesStopAtMaxRetriesWithTheLastError()
        {
            using (var server = new ScriptedServer())
            {
                var time = new FakeTime();
                server.Then(500, "{}").Then(500, "{}").Then(500, "{}").Then(200, Fixtures.Payment("P1", "PENDING"));
                var error = Assert.Throws<ApiException>(() => Fixtures.Client(server, time, 2).Payments.Get("P1"));
                Assert.AreEqual(500, error.StatusCode);
                Assert.AreEqual(3, server.All.Count);
                Assert.AreEqual(2, time.Delays.Count);
            }
        }

        [Test]
        public void NothingListeningIsAConnectionErrorAfterTheRetries()
        {
            var time = new FakeTime();
            var payee = new PayeeClient(new PayeeClientOptions { ApiKey = "k", BaseUrl = "http://127.0.0.1:9/live", MaxRetries = 1, Time = time });
            var error = Assert.Throws<ApiConnectionException>(() => payee.Payments.Get("P1"));
            StringAssert.Contains("GET http://127.0.0.1:9/live/v1/payments/P1", error.Message);
            Assert.AreEqual(1, time.Delays.Count);
        }

        [Test]
        public void EveryRequestCarriesTheKeyAndVersionHeaders()
        {
            using (var server = new ScriptedServer())
            {
                server.Then(200, Fixtures.Payment("P1", "PENDING"));
                new PayeeClient(new PayeeClientOptions { ApiKey = "pk_test", BaseUrl = server.Url + "/", AppInfo = "my-shop/1.2" }).Payments.Get("P 1");
                var request = server.All.Single();
                Assert.AreEqual("/live/v1/payments/P%201", request.PathAndQuery);
                Assert.AreEqual("pk_test", request.Headers["x-api-key"]);
                Assert.AreEqual(PayeeVersion.Api, request.Headers["Payee-Version"]);
                Assert.AreEqual("csharp/" + PayeeVersion.Sdk, request.Headers["Payee-Client"]);
                StringAssert.StartsWith("payee-csharp/" + PayeeVersion.Sdk + " ", request.Headers["User-Agent"]);
                StringAssert.EndsWith(" my-shop/1.2", request.Headers["User-Agent"]);
                Assert.IsFalse(request.Headers.ContainsKey("Idempotency-Key"), "a GET has no Idempotency-Key");
            }
        }

        [Test]
        public void APerCallTimeoutIsAConnectionError()
        {
            using (var server = new ScriptedServer())
            {
                server.Then(r => { System.Threading.Thread.Sleep(1500); return new ScriptedServer.Reply { Body = Fixtures.Payment("P1", "PENDING") }; });
                var payee = Fixtures.Client(server, new FakeTime(), 0);
                var error = Assert.Throws<ApiConnectionException>(() => payee.Payments.Get("P1", new RequestOptions { Timeout = TimeSpan.FromMilliseconds(200) }));
                StringAssert.Contains("did not answer in 200 ms", error.Message);
            }
        }

        [Test]
        public void TheCallersCancellationIsNotAConnectionErrorNorRetried()
        {
            using (var server = new ScriptedServer())
            using (var cancel = new System.Threading.CancellationTokenSource())
            {
                server.Then(r => { System.Threading.Thread.Sleep(1500); return new ScriptedServer.Reply { Body = Fixtures.Payment("P1", "PENDING") }; });
                var time = new FakeTime();
                var call = Fixtures.Client(server, time).Payments.GetAsync("P1", null, cancel.Token);
                cancel.CancelAfter(200);
                var error = Assert.Throws<AggregateException>(() => call.Wait());
                Assert.IsInstanceOf<OperationCanceledException>(error.InnerException);
                CollectionAssert.IsEmpty(time.Delays);
            }
        }
    }
}
