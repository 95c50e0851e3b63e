using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;

namespace Payee.Tests
{
    [TestFixture]
    public class GroupTests
    {
        [Test]
        public void CreateSendsTheMembersWithTheirDetailLinesAndReadsTheGroup()
        {
            using (var server = new ScriptedServer())
            {
                server.Then(201, "{\"groupNo\":\"G1\",\"mode\":\"batch\",\"status\":\"open\",\"memberCount\":1,\"createdAt\":\"2025-11-25T00:00:00.000Z\","
                    + "\"updatedAt\":\"2025-11-25T00:00:00.000Z\",\"members\":[{\"outTradeNo\":\"A1\",\"payNo\":\"P1\",\"payment\":" + Fixtures.Payment("P1", "PENDING", "A1")
                    + "},{\"outTradeNo\":\"A2\",\"error\":{\"code\":\"provider_refused\",\"message\":\"no\"}}]}");
                var group = Fixtures.Client(server, new FakeTime()).Groups.Create(new CreateGroupParams
                {
                    Mode = GroupMode.Batch,
                    Method = PaymentMethod.AlipayQr,
                    Members = new List<GroupMemberParams>
                    {
                        new GroupMemberParams
                        {
                            OutTradeNo = "A1", Subject = "T-shirt", Amount = 1999, Currency = "CNY",
                            Details = new List<PaymentDetail> { new PaymentDetail { AccountOut = "buyer", AccountRec = "shop", Amount = 1999 } },
                        },
                    },
                });
                var sent = server.All.Single();
                Assert.AreEqual("/live/v1/groups", sent.PathAndQuery);
                Assert.AreEqual("{\"mode\":\"batch\",\"method\":\"alipay.qr\",\"members\":[{\"outTradeNo\":\"A1\",\"subject\":\"T-shirt\",\"amount\":1999,"
                    + "\"currency\":\"CNY\",\"details\":[{\"accountOut\":\"buyer\",\"accountRec\":\"shop\",\"amount\":1999}]}]}", sent.Body);
                Assert.IsTrue(sent.Headers.ContainsKey("Idempotency-Key"));
                Assert.AreEqual(GroupStatus.Open, group.Status);
                Assert.AreEqual(PaymentStatus.Pending, group.Members[0].Payment.Status);
                Assert.AreEqual(ErrorCodes.ProviderRefused, group.Members[1].Error.Code);
            }
        }

        [Test]
        public void ListAutoPagingReadsEveryPageOfGroups()
        {
            using (var server = new ScriptedServer())
            {
                const string summary = "{{\"groupNo\":\"{0}\",\"mode\":\"combined\",\"status\":\"paid\",\"memberCount\":2,"
                    + "\"createdAt\":\"2025-11-25T00:00:00.000Z\",\"updatedAt\":\"2025-11-25T00:00:00.000Z\"}}";
                server.Then(200, "{\"data\":[" + string.Format(summary, "G2") + "],\"nextCursor\":\"c1\"}").Then(200, "{\"data\":[" + string.Format(summary, "G1") + "]}");
                var groups = Fixtures.Client(server, new FakeTime()).Groups.ListAutoPaging(new ListGroupsParams { Limit = 1 }).ToList();
                CollectionAssert.AreEqual(new[] { "G2", "G1" }, groups.Select(g => g.GroupNo).ToArray());
                Assert.AreEqual("/live/v1/groups?limit=1&cursor=c1", server.All[1].PathAndQuery);
            }
        }
    }
}
