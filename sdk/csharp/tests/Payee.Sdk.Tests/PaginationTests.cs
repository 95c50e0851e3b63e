using System.Linq;
using NUnit.Framework;

namespace Payee.Tests
{
    [TestFixture]
    public class PaginationTests
    {
        private static ScriptedServer ThreePages()
        {
            var server = new ScriptedServer();
            server.Then(200, "{\"data\":[" + Fixtures.Payment("P5", "PENDING") + "," + Fixtures.Payment("P4", "PENDING") + "],\"nextCursor\":\"c1\"}")
                .Then(200, "{\"data\":[" + Fixtures.Payment("P3", "PENDING") + "," + Fixtures.Payment("P2", "PENDING") + "],\"nextCursor\":\"c2\"}")
                .Then(200, "{\"data\":[" + Fixtures.Payment("P1", "PENDING") + "]}");
            return server;
        }

        [Test]
        public void ListAutoPagingReadsEveryPageLazilyWithTheFilters()
        {
            using (var server = ThreePages())
            {
                var payments = Fixtures.Client(server, new FakeTime()).Payments.ListAutoPaging(new ListPaymentsParams { Limit = 2, CompanyId = "C1" });
                Assert.AreEqual(0, server.All.Count, "nothing read before enumerating");
                CollectionAssert.AreEqual(new[] { "P5", "P4", "P3", "P2", "P1" }, payments.Select(p => p.PayNo).ToArray());
                CollectionAssert.AreEqual(new[]
                {
                    "/live/v1/payments?companyId=C1&limit=2",
                    "/live/v1/payments?companyId=C1&limit=2&cursor=c1",
                    "/live/v1/payments?companyId=C1&limit=2&cursor=c2",
                }, server.All.Select(r => r.PathAndQuery).ToArray());
            }
        }

        [Test]
        public void ListAllAsyncReadsEveryPage()
        {
            using (var server = ThreePages())
            {
                var all = Fixtures.Client(server, new FakeTime()).Payments.ListAllAsync(new ListPaymentsParams { Limit = 2 }).Result;
                CollectionAssert.AreEqual(new[] { "P5", "P4", "P3", "P2", "P1" }, all.Select(p => p.PayNo).ToArray());
                Assert.AreEqual(3, server.All.Count);
            }
        }

        [Test]
        public void OnePageKeepsItsCursor()
        {
            using (var server = ThreePages())
            {
                var page = Fixtures.Client(server, new FakeTime()).Payments.List(new ListPaymentsParams { Limit = 2 });
                Assert.AreEqual(2, page.Data.Count);
                Assert.AreEqual("c1", page.NextCursor);
                Assert.IsTrue(page.HasMore);
            }
        }

        [Test]
        public void FindByOutTradeNoIsOnePaymentOrNull()
        {
            using (var server = new ScriptedServer())
            {
                server.Then(200, "{\"data\":[" + Fixtures.Payment("P1", "PENDING") + "]}").Then(200, "{\"data\":[]}");
                var payee = Fixtures.Client(server, new FakeTime());
                Assert.AreEqual("P1", payee.Payments.FindByOutTradeNo("A 1").PayNo);
                Assert.IsNull(payee.Payments.FindByOutTradeNo("none"));
                Assert.AreEqual("/live/v1/payments?outTradeNo=A%201", server.All[0].PathAndQuery);
            }
        }
    }
}
