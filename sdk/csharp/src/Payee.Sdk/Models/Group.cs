using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace Payee
{
    /// <summary>A group of payments made together: a batch (each member paid on its own) or combined (one payment at the provider).</summary>
    public sealed class Group
    {
        /// <summary>payee's group number: G + ULID (a combined group's number at the provider).</summary>
        [JsonProperty("groupNo")] public string GroupNo { get; set; }
        [JsonProperty("mode")] public GroupMode Mode { get; set; }
        /// <summary>From the members: open, paid, partially_paid, closed, mixed.</summary>
        [JsonProperty("status")] public GroupStatus Status { get; set; }
        [JsonProperty("method")] public string Method { get; set; }
        /// <summary>Where group.paid and group.closed are POSTed, besides the members' own notifications.</summary>
        [JsonProperty("notifyUrl")] public string NotifyUrl { get; set; }
        [JsonProperty("metadata")] public Dictionary<string, string> Metadata { get; set; }
        [JsonProperty("memberCount")] public long MemberCount { get; set; }
        [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; set; }
        [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; set; }
        [JsonProperty("members")] public List<GroupMember> Members { get; set; }
        /// <summary>A combined group's one action for the buyer.</summary>
        [JsonProperty("action")] public PaymentAction Action { get; set; }
    }

    public sealed class GroupMember
    {
        [JsonProperty("outTradeNo")] public string OutTradeNo { get; set; }
        /// <summary>The member's payment number, assigned when the group is created.</summary>
        [JsonProperty("payNo")] public string PayNo { get; set; }
        [JsonProperty("payment")] public Payment Payment { get; set; }
        /// <summary>Why the member's payment could not be made.</summary>
        [JsonProperty("error")] public Failure Error { get; set; }
    }

    /// <summary>A group as <see cref="GroupService.ListAsync"/> lists it: without its members.</summary>
    public sealed class GroupSummary
    {
        [JsonProperty("groupNo")] public string GroupNo { get; set; }
        [JsonProperty("mode")] public GroupMode Mode { get; set; }
        [JsonProperty("status")] public GroupStatus Status { get; set; }
        [JsonProperty("method")] public string Method { get; set; }
        [JsonProperty("notifyUrl")] public string NotifyUrl { get; set; }
        [JsonProperty("metadata")] public Dictionary<string, string> Metadata { get; set; }
        [JsonProperty("memberCount")] public long MemberCount { get; set; }
        [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; set; }
        [JsonProperty("updatedAt")] public DateTimeOffset UpdatedAt { get; set; }
    }

    /// <summary>What a group's sync found: the group now and the provider's word on each member.</summary>
    public sealed class GroupSyncResult
    {
        [JsonProperty("group")] public Group Group { get; set; }
        [JsonProperty("members")] public List<GroupMemberSync> Members { get; set; }
    }

    public sealed class GroupMemberSync
    {
        [JsonProperty("payNo")] public string PayNo { get; set; }
        [JsonProperty("provider")] public ProviderStatus? Provider { get; set; }
        [JsonProperty("eventId")] public string EventId { get; set; }
        [JsonProperty("error")] public Failure Error { get; set; }
    }

    /// <summary>What <see cref="GroupService.CreateAsync"/> sends. Mode and Members (1-50) are required.</summary>
    public sealed class CreateGroupParams
    {
        [JsonProperty("mode")] public GroupMode Mode { get; set; }
        [JsonProperty("method")] public PaymentMethod? Method { get; set; }
        [JsonProperty("members")] public List<GroupMemberParams> Members { get; set; }
        [JsonProperty("notifyUrl")] public string NotifyUrl { get; set; }
        [JsonProperty("returnUrl")] public string ReturnUrl { get; set; }
        [JsonProperty("expiresIn")] public int? ExpiresIn { get; set; }
        [JsonProperty("payer")] public Payer Payer { get; set; }
        [JsonProperty("payId")] public string PayId { get; set; }
        [JsonProperty("scene")] public string Scene { get; set; }
        [JsonProperty("metadata")] public Dictionary<string, string> Metadata { get; set; }
    }

    /// <summary>One member payment of a group. OutTradeNo, Subject, Amount and Currency are required.</summary>
    public sealed class GroupMemberParams
    {
        [JsonProperty("outTradeNo")] public string OutTradeNo { get; set; }
        [JsonProperty("subject")] public string Subject { get; set; }
        [JsonProperty("amount")] public long Amount { get; set; }
        [JsonProperty("currency")] public string Currency { get; set; }
        [JsonProperty("orderAmount")] public long? OrderAmount { get; set; }
        [JsonProperty("method")] public PaymentMethod? Method { get; set; }
        [JsonProperty("payId")] public string PayId { get; set; }
        [JsonProperty("metadata")] public Dictionary<string, string> Metadata { get; set; }
        [JsonProperty("details")] public List<PaymentDetail> Details { get; set; }
    }

    public sealed class ListGroupsParams
    {
        /// <summary>Page size, 1-100, default 20.</summary>
        [JsonProperty("limit")] public int? Limit { get; set; }
        /// <summary>The previous page's NextCursor.</summary>
        [JsonProperty("cursor")] public string Cursor { get; set; }

        internal ListGroupsParams WithCursor(string cursor)
        {
            var next = (ListGroupsParams)MemberwiseClone();
            next.Cursor = cursor;
            return next;
        }
    }

    /// <summary>A detail line of a payment: an amount moving from one ledger account to another.</summary>
    public sealed class PaymentDetail
    {
        /// <summary>The account the amount moves out of (debited in the ledger).</summary>
        [JsonProperty("accountOut")] public string AccountOut { get; set; }
        /// <summary>The account the amount moves into (credited in the ledger).</summary>
        [JsonProperty("accountRec")] public string AccountRec { get; set; }
        /// <summary>Minor units this line moves.</summary>
        [JsonProperty("amount")] public long Amount { get; set; }
        [JsonProperty("memo")] public string Memo { get; set; }
    }
}
