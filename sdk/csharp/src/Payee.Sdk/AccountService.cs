using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Payee
{
    /// <summary><c>/v1/accounts</c>: the ledger's accounts, their balances and the flows that moved them.</summary>
    public sealed class AccountService
    {
        private readonly Requester requester;

        internal AccountService(Requester requester)
        {
            this.requester = requester;
        }

        /// <summary>Opens an account. Retried safely with one Idempotency-Key.</summary>
        public Task<Account> CreateAsync(CreateAccountParams parameters, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            if (parameters == null) throw new ArgumentNullException("parameters");
            return requester.SendAsync<Account>(HttpMethod.Post, "/v1/accounts", null, parameters, options, cancellationToken);
        }

        public Account Create(CreateAccountParams parameters, RequestOptions options = null)
        {
            return Blocking.Wait(CreateAsync(parameters, options));
        }

        public Task<Account> GetAsync(string accountId, RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return requester.SendAsync<Account>(HttpMethod.Get, Path(accountId), null, null, options, cancellationToken);
        }

        public Account Get(string accountId, RequestOptions options = null)
        {
            return Blocking.Wait(GetAsync(accountId, options));
        }

        /// <summary>One page of accounts; every page: <see cref="ListAutoPaging"/>.</summary>
        public Task<Page<Account>> ListAsync(ListPageParams parameters = null, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return requester.SendAsync<Page<Account>>(HttpMethod.Get, "/v1/accounts", Query(parameters), null, options, cancellationToken);
        }

        public Page<Account> List(ListPageParams parameters = null, RequestOptions options = null)
        {
            return Blocking.Wait(ListAsync(parameters, options));
        }

        public IEnumerable<Account> ListAutoPaging(ListPageParams parameters = null, RequestOptions options = null)
        {
            return AutoPaging(parameters, p => List(p, options));
        }

        /// <summary>One page of the flows that moved an account; every page: <see cref="ListFlowsAutoPaging"/>.</summary>
        public Task<Page<Flow>> ListFlowsAsync(string accountId, ListPageParams parameters = null, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return requester.SendAsync<Page<Flow>>(HttpMethod.Get, Path(accountId) + "/flows", Query(parameters), null, options, cancellationToken);
        }

        public Page<Flow> ListFlows(string accountId, ListPageParams parameters = null, RequestOptions options = null)
        {
            return Blocking.Wait(ListFlowsAsync(accountId, parameters, options));
        }

        public IEnumerable<Flow> ListFlowsAutoPaging(string accountId, ListPageParams parameters = null, RequestOptions options = null)
        {
            return AutoPaging(parameters, p => ListFlows(accountId, p, options));
        }

        /// <summary>The account's posted balance now, or at <see cref="AccountBalanceParams.At"/>.</summary>
        public Task<AccountBalance> GetBalanceAsync(string accountId, AccountBalanceParams parameters = null, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            var at = parameters == null || parameters.At == null
                ? null
                : parameters.At.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var query = new[] { new KeyValuePair<string, string>("at", at) };
            return requester.SendAsync<AccountBalance>(HttpMethod.Get, Path(accountId) + "/balance", query, null, options, cancellationToken);
        }

        public AccountBalance GetBalance(string accountId, AccountBalanceParams parameters = null, RequestOptions options = null)
        {
            return Blocking.Wait(GetBalanceAsync(accountId, parameters, options));
        }

        private static IEnumerable<T> AutoPaging<T>(ListPageParams parameters, Func<ListPageParams, Page<T>> list)
        {
            var next = parameters ?? new ListPageParams();
            while (true)
            {
                var page = list(next);
                foreach (var item in page.Data ?? new List<T>()) yield return item;
                if (page.NextCursor == null) yield break;
                next = next.WithCursor(page.NextCursor);
            }
        }

        private static IEnumerable<KeyValuePair<string, string>> Query(ListPageParams parameters)
        {
            var p = parameters ?? new ListPageParams();
            yield return new KeyValuePair<string, string>("limit", p.Limit == null ? null : p.Limit.Value.ToString(CultureInfo.InvariantCulture));
            yield return new KeyValuePair<string, string>("cursor", p.Cursor);
        }

        private static string Path(string accountId)
        {
            return "/v1/accounts/" + Requester.Segment(accountId, "accountId");
        }
    }
}
