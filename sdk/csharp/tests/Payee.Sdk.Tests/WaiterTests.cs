using System;
using System.Linq;
using NUnit.Framework;

namespace Payee.Tests
{
    [TestFixture]
    public class WaiterTests
    {
        private static readonly WaitOptions Wait = new WaitOptions
        {
            MaxWait = TimeSpan.FromSeconds(10), MinDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1),
        };

        [Test]
        public void CreateAndWaitPollsWithGrowingPausesUntilPaid()
        {
            using (var server = new ScriptedServer())
            {
                var time = new FakeTime(1.0);
                server.Then(201, Fixtures.Payment("P1", "PENDING")).Then(200, Fixtures.Payment("P1", "PENDING"))
                    .Then(200, Fixtures.Payment("P1", "PENDING")).Then(200, Fixtures.Payment("P1", "SUCCEEDED"));
                var paid = Fixtures.Client(server, time).Payments.CreateAndWait(Fixtures.Params(), Wait);
                Assert.AreEqual(PaymentStatus.Succeeded, paid.Status);
                CollectionAssert.AreEqual(new[] { 200.0, 400.0, 800.0 }, time.Delays.Select(d => d.TotalMilliseconds).ToArray());
                CollectionAssert.AreEqual(new[] { "POST", "GET", "GET", "GET" }, server.All.Select(r => r.Method).ToArray());
            }
        }

        [Test]
        public void TheDeadlineEndsTheWaitWithThePaymentLastSeen()
        {
            using (var server = new ScriptedServer())
            {
                var time = new FakeTime(1.0);
                server.Then(200, Fixtures.Payment("P1", "PENDING"));
                for (var i = 0; i < 50; i++) server.Then(200, Fixtures.Payment("P1", "PENDING"));
                var error = Assert.Throws<WaitTimeoutException>(() =>
                    Fixtures.Client(server, time).Payments.WaitFor("P1", new[] { PaymentStatus.Succeeded }, Wait));
                Assert.AreEqual(PaymentStatus.Pending, ((Payment)error.LastSeen).Status);
                Assert.AreEqual(10000, time.Delays.Sum(d => d.TotalMilliseconds), 0.001, "the last pause ends at the deadline");
                Assert.LessOrEqual(time.Delays.Max(), TimeSpan.FromSeconds(1));
            }
        }

        [Test]
        public void ATerminalStatusNotWantedFailsTheWait()
        {
            using (var server = new ScriptedServer())
            {
                server.Then(200, Fixtures.Payment("P1", "PENDING")).Then(200, Fixtures.Payment("P1", "CLOSED"));
                var error = Assert.Throws<WaitFailedException>(() =>
                    Fixtures.Client(server, new FakeTime()).Payments.WaitFor("P1", new[] { PaymentStatus.Succeeded }, Wait));
                Assert.AreEqual(PaymentStatus.Closed, ((Payment)error.LastSeen).Status);
            }
        }

        [Test]
        public void RefundAndWaitFollowsTheRefundAmongThePaymentsRefunds()
        {
            using (var server = new ScriptedServer())
            {
                const string refund = "{{\"refundNo\":\"{0}\",\"payNo\":\"P1\",\"status\":\"{1}\",\"amount\":300,\"currency\":\"CNY\","
                    + "\"createdAt\":\"2025-11-25T00:00:00.000Z\",\"updatedAt\":\"2025-11-25T00:00:00.000Z\"}}";
                server.Then(201, string.Format(refund, "R2", "PROCESSING"))
                    .Then(200, "{\"data\":[" + string.Format(refund, "R1", "SUCCEEDED") + "," + string.Format(refund, "R2", "SUCCEEDED") + "]}");
                var done = Fixtures.Client(server, new FakeTime()).Payments.RefundAndWait("P1", new CreateRefundParams { Amount = 300 }, Wait);
                Assert.AreEqual("R2", done.RefundNo);
                Assert.AreEqual(RefundStatus.Succeeded, done.Status);
                Assert.AreEqual("{\"amount\":300}", server.All[0].Body);
            }
        }

        [Test]
        public void PausesStayBetweenMinAndMaxDelay()
        {
            var waiter = new Waiter(new FakeTime(0));
            Assert.AreEqual(200, waiter.Delay(5, Wait).TotalMilliseconds);
            var top = new Waiter(new FakeTime(0.999999));
            Assert.AreEqual(999, top.Delay(5, Wait).TotalMilliseconds, 1);
        }
    }
}
