using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Payee
{
    /// <summary><c>/v1/groups</c>: several payments made together, as a batch or combined into one at the provider.</summary>
    public sealed class GroupService
    {
        private readonly Requester requester;

        internal GroupService(Requester requester)
        {
            this.requester = requester;
        }

        /// <summary>Creates a group and its members' payments. Retried safely with one Idempotency-Key.</summary>
        public Task<Group> CreateAsync(CreateGroupParams parameters, RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            if (parameters == null) throw new ArgumentNullException("parameters");
            return requester.SendAsync<Group>(HttpMethod.Post, "/v1/groups", null, parameters, options, cancellationToken);
        }

        public Group Create(CreateGroupParams parameters, RequestOptions options = null)
        {
            return Blocking.Wait(CreateAsync(parameters, options));
        }

        public Task<Group> GetAsync(string groupNo, RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return requester.SendAsync<Group>(HttpMethod.Get, Path(groupNo), null, null, options, cancellationToken);
        }

        public Group Get(string groupNo, RequestOptions options = null)
        {
            return Blocking.Wait(GetAsync(groupNo, options));
        }

        /// <summary>One page of groups, newest first; every page: <see cref="ListAutoPaging"/>.</summary>
        public Task<Page<GroupSummary>> ListAsync(ListGroupsParams parameters = null, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            var p = parameters ?? new ListGroupsParams();
            var query = new[]
            {
                new KeyValuePair<string, string>("limit", p.Limit == null ? null : p.Limit.Value.ToString(CultureInfo.InvariantCulture)),
                new KeyValuePair<string, string>("cursor", p.Cursor),
            };
            return requester.SendAsync<Page<GroupSummary>>(HttpMethod.Get, "/v1/groups", query, null, options, cancellationToken);
        }

        public Page<GroupSummary> List(ListGroupsParams parameters = null, RequestOptions options = null)
        {
            return Blocking.Wait(ListAsync(parameters, options));
        }

        /// <summary>Every group, newest first, reading the next page as the enumeration reaches it.</summary>
        public IEnumerable<GroupSummary> ListAutoPaging(ListGroupsParams parameters = null, RequestOptions options = null)
        {
            var next = parameters ?? new ListGroupsParams();
            while (true)
            {
                var page = List(next, options);
                foreach (var group in page.Data ?? new List<GroupSummary>()) yield return group;
                if (page.NextCursor == null) yield break;
                next = next.WithCursor(page.NextCursor);
            }
        }

        /// <summary>Closes every unpaid member; a group with none left to close is a ConflictException (group_not_closable).</summary>
        public Task<Group> CloseAsync(string groupNo, RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return requester.SendAsync<Group>(HttpMethod.Post, Path(groupNo) + "/close", null, null, options, cancellationToken);
        }

        public Group Close(string groupNo, RequestOptions options = null)
        {
            return Blocking.Wait(CloseAsync(groupNo, options));
        }

        /// <summary>Asks the provider about every member now; its answers are applied asynchronously.</summary>
        public Task<GroupSyncResult> SyncAsync(string groupNo, RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return requester.SendAsync<GroupSyncResult>(HttpMethod.Post, Path(groupNo) + "/sync", null, null, options, cancellationToken);
        }

        public GroupSyncResult Sync(string groupNo, RequestOptions options = null)
        {
            return Blocking.Wait(SyncAsync(groupNo, options));
        }

        private static string Path(string groupNo)
        {
            return "/v1/groups/" + Requester.Segment(groupNo, "groupNo");
        }
    }
}
