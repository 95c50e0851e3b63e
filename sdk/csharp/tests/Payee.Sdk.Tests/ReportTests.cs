using System.Linq;
using NUnit.Framework;

namespace Payee.Tests
{
    [TestFixture]
    public class ReportTests
    {
        [Test]
        public void TheDailyReportAsksForItsDaysAndGroupAndReadsTheRows()
        {
            using (var server = new ScriptedServer())
            {
                server.Then(200, "{\"from\":\"2026-11-24\",\"to\":\"2026-11-25\",\"groupBy\":\"payId\",\"data\":[{\"day\":\"2026-11-24\",\"group\":\"cfg_1\",\"currency\":\"CNY\","
                    + "\"created\":{\"count\":4,\"amount\":4000},\"succeeded\":{\"count\":3,\"amount\":3000},\"closed\":{\"count\":1,\"amount\":1000},"
                    + "\"failed\":{\"count\":0,\"amount\":0},\"refunded\":{\"count\":0,\"amount\":0},\"successRate\":0.75,\"averageTicket\":1000,"
                    + "\"timeToPay\":{\"count\":3,\"p50Ms\":2000,\"p95Ms\":5000},\"callbackLatency\":{\"count\":3}}]}");
                var report = Fixtures.Client(server, new FakeTime()).Reports.GetDaily(new DailyReportParams { From = "2026-11-24", To = "2026-11-25", GroupBy = ReportGroupBy.PayId });
                Assert.AreEqual("/live/v1/reports/daily?from=2026-11-24&to=2026-11-25&groupBy=payId", server.All.Single().PathAndQuery);
                Assert.AreEqual(ReportGroupBy.PayId, report.GroupBy);
                var row = report.Data.Single();
                Assert.AreEqual("CNY", row.Currency);
                Assert.AreEqual(0.75, row.SuccessRate);
                Assert.AreEqual(3000, row.Succeeded.Amount);
                Assert.AreEqual(5000, row.TimeToPay.P95Ms);
                Assert.IsNull(row.CallbackLatency.P50Ms);
            }
        }
    }
}
