using System;
using System.Linq;
using NUnit.Framework;

namespace Payee.Tests
{
    [TestFixture]
    public class AccountTests
    {
        [Test]
        public void CreateSendsTheAccountAndReadsItsBalances()
        {
            using (var server = new ScriptedServer())
            {
                server.Then(201, "{\"accountId\":\"A1\",\"currency\":\"CNY\",\"type\":\"liability\",\"name\":\"shop\",\"overdraftLimit\":null,\"shards\":1,"
                    + "\"balance\":{\"posted\":5,\"pendingIncoming\":0,\"pendingOutgoing\":0,\"available\":5,\"postedDebits\":0,\"postedCredits\":5,"
                    + "\"pendingDebits\":0,\"pendingCredits\":0},\"createdAt\":\"2025-11-25T00:00:00.000Z\"}");
                var account = Fixtures.Client(server, new FakeTime()).Accounts.Create(new CreateAccountParams { Currency = "CNY", Type = AccountType.Liability, Name = "shop" });
                Assert.AreEqual("{\"currency\":\"CNY\",\"type\":\"liability\",\"name\":\"shop\"}", server.All.Single().Body);
                Assert.AreEqual(AccountType.Liability, account.Type);
                Assert.IsNull(account.OverdraftLimit);
                Assert.AreEqual(5, account.Balance.Available);
            }
        }

        [Test]
        public void AnOverdraftLimitIsSentAsSetAsNullForNoLimitAndElseLeftOut()
        {
            using (var server = new ScriptedServer())
            {
                const string account = "{\"accountId\":\"A1\",\"currency\":\"CNY\",\"type\":\"asset\",\"overdraftLimit\":null,\"shards\":4,\"createdAt\":\"2025-11-25T00:00:00.000Z\"}";
                server.Then(201, account).Then(201, account).Then(201, account);
                var accounts = Fixtures.Client(server, new FakeTime()).Accounts;
                accounts.Create(new CreateAccountParams { Currency = "CNY", Type = AccountType.Asset, NoOverdraftLimit = true, Shards = 4 });
                accounts.Create(new CreateAccountParams { Currency = "CNY", Type = AccountType.Asset, OverdraftLimit = 500 });
                accounts.Create(new CreateAccountParams { Currency = "CNY", Type = AccountType.Asset });
                CollectionAssert.AreEqual(new[]
                {
                    "{\"currency\":\"CNY\",\"type\":\"asset\",\"overdraftLimit\":null,\"shards\":4}",
                    "{\"currency\":\"CNY\",\"type\":\"asset\",\"overdraftLimit\":500}",
                    "{\"currency\":\"CNY\",\"type\":\"asset\"}",
                }, server.All.Select(r => r.Body).ToArray());
            }
        }

        [Test]
        public void FlowsAreReadPageAfterPageAndABalanceAtAMoment()
        {
            using (var server = new ScriptedServer())
            {
                const string flow = "{{\"flowId\":\"{0}\",\"kind\":\"posted\",\"direction\":\"credit\",\"amount\":100,\"currency\":\"CNY\",\"accountOut\":\"buyer\","
                    + "\"accountRec\":\"A 1\",\"payNo\":\"P1\",\"line\":0,\"at\":\"2025-11-25T00:00:00.000Z\"}}";
                server.Then(200, "{\"data\":[" + string.Format(flow, "F2") + "],\"nextCursor\":\"c1\"}").Then(200, "{\"data\":[" + string.Format(flow, "F1") + "]}")
                    .Then(200, "{\"accountId\":\"A 1\",\"currency\":\"CNY\",\"at\":\"2025-11-25T00:00:00.000Z\",\"posted\":200}");
                var payee = Fixtures.Client(server, new FakeTime());
                var flows = payee.Accounts.ListFlowsAutoPaging("A 1", new ListPageParams { Limit = 1 }).ToList();
                CollectionAssert.AreEqual(new[] { "F2", "F1" }, flows.Select(f => f.FlowId).ToArray());
                Assert.AreEqual(FlowKind.Posted, flows[0].Kind);
                var balance = payee.Accounts.GetBalance("A 1", new AccountBalanceParams { At = new DateTimeOffset(2025, 11, 25, 8, 0, 0, TimeSpan.FromHours(8)) });
                Assert.AreEqual(200, balance.Posted);
                CollectionAssert.AreEqual(new[]
                {
                    "/live/v1/accounts/A%201/flows?limit=1",
                    "/live/v1/accounts/A%201/flows?limit=1&cursor=c1",
                    "/live/v1/accounts/A%201/balance?at=2025-11-25T00%3A00%3A00.000Z",
                }, server.All.Select(r => r.PathAndQuery).ToArray());
            }
        }
    }
}
