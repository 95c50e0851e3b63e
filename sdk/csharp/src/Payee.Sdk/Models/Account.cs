using System;
using System.ComponentModel;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace Payee
{
    /// <summary>A ledger account: its currency, kind and balances.</summary>
    public sealed class Account
    {
        [JsonProperty("accountId")] public string AccountId { get; set; }
        [JsonProperty("currency")] public string Currency { get; set; }
        [JsonProperty("type")] public AccountType Type { get; set; }
        [JsonProperty("name")] public string Name { get; set; }
        /// <summary>How far below zero the available balance may go; null: no limit.</summary>
        [JsonProperty("overdraftLimit")] public long? OverdraftLimit { get; set; }
        /// <summary>Shards a hot account's balance is spread over.</summary>
        [JsonProperty("shards")] public int Shards { get; set; }
        [JsonProperty("balance")] public AccountBalances Balance { get; set; }
        [JsonProperty("createdAt")] public DateTimeOffset CreatedAt { get; set; }
    }

    /// <summary>An account's balances in minor units: posted, pending either way, and what is available.</summary>
    public sealed class AccountBalances
    {
        [JsonProperty("posted")] public long Posted { get; set; }
        [JsonProperty("pendingIncoming")] public long PendingIncoming { get; set; }
        [JsonProperty("pendingOutgoing")] public long PendingOutgoing { get; set; }
        [JsonProperty("available")] public long Available { get; set; }
        [JsonProperty("postedDebits")] public long PostedDebits { get; set; }
        [JsonProperty("postedCredits")] public long PostedCredits { get; set; }
        [JsonProperty("pendingDebits")] public long PendingDebits { get; set; }
        [JsonProperty("pendingCredits")] public long PendingCredits { get; set; }
    }

    /// <summary>An account's posted balance at a moment.</summary>
    public sealed class AccountBalance
    {
        [JsonProperty("accountId")] public string AccountId { get; set; }
        [JsonProperty("currency")] public string Currency { get; set; }
        [JsonProperty("at")] public DateTimeOffset At { get; set; }
        [JsonProperty("posted")] public long Posted { get; set; }
    }

    /// <summary>One movement on an account: a detail line of a payment or refund, pending, posted or voided.</summary>
    public sealed class Flow
    {
        [JsonProperty("flowId")] public string FlowId { get; set; }
        [JsonProperty("kind")] public FlowKind Kind { get; set; }
        [JsonProperty("direction")] public FlowDirection Direction { get; set; }
        [JsonProperty("amount")] public long Amount { get; set; }
        [JsonProperty("currency")] public string Currency { get; set; }
        [JsonProperty("accountOut")] public string AccountOut { get; set; }
        [JsonProperty("accountRec")] public string AccountRec { get; set; }
        [JsonProperty("payNo")] public string PayNo { get; set; }
        [JsonProperty("refundNo")] public string RefundNo { get; set; }
        /// <summary>The detail line of the payment it comes from.</summary>
        [JsonProperty("line")] public int Line { get; set; }
        [JsonProperty("pendingFlowId")] public string PendingFlowId { get; set; }
        [JsonProperty("memo")] public string Memo { get; set; }
        [JsonProperty("at")] public DateTimeOffset At { get; set; }
    }

    /// <summary>What <see cref="AccountService.CreateAsync"/> sends. Currency and Type are required.</summary>
    public sealed class CreateAccountParams
    {
        [JsonProperty("currency")] public string Currency { get; set; }
        [JsonProperty("type")] public AccountType Type { get; set; }
        [JsonProperty("name")] public string Name { get; set; }
        /// <summary>Minor units the available balance may go below zero; left out: none (the API's 0).</summary>
        [JsonProperty("overdraftLimit", NullValueHandling = NullValueHandling.Include)] public long? OverdraftLimit { get; set; }
        /// <summary>True: no limit at all (sends overdraftLimit null), as a clearing account or one of more than 1 shard needs.</summary>
        [JsonIgnore] public bool NoOverdraftLimit { get; set; }
        /// <summary>1-32: spreads a hot account's balance over shards (more than 1 needs <see cref="NoOverdraftLimit"/>).</summary>
        [JsonProperty("shards")] public int? Shards { get; set; }

        /// <summary>Newtonsoft's hook: overdraftLimit goes out when set, or as null when there is to be no limit; else it is left out.</summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public bool ShouldSerializeOverdraftLimit()
        {
            return OverdraftLimit != null || NoOverdraftLimit;
        }
    }

    /// <summary>A page of accounts or of an account's flows.</summary>
    public sealed class ListPageParams
    {
        [JsonProperty("limit")] public int? Limit { get; set; }
        /// <summary>The previous page's NextCursor.</summary>
        [JsonProperty("cursor")] public string Cursor { get; set; }

        internal ListPageParams WithCursor(string cursor)
        {
            var next = (ListPageParams)MemberwiseClone();
            next.Cursor = cursor;
            return next;
        }
    }

    /// <summary>When to read an account's balance; by default now.</summary>
    public sealed class AccountBalanceParams
    {
        [JsonProperty("at")] public DateTimeOffset? At { get; set; }
    }
}
