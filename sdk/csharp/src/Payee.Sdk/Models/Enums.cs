using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace Payee
{
    /// <summary>A payment's status. CLOSED, FAILED and REFUNDED are terminal.</summary>
    [JsonConverter(typeof(ApiEnumConverter))]
    public enum PaymentStatus
    {
        /// <summary>A status this SDK version does not know yet.</summary>
        Unknown = 0,
        [EnumMember(Value = "CREATED")] Created,
        [EnumMember(Value = "PENDING")] Pending,
        [EnumMember(Value = "SUCCEEDED")] Succeeded,
        [EnumMember(Value = "PARTIALLY_REFUNDED")] PartiallyRefunded,
        [EnumMember(Value = "REFUNDED")] Refunded,
        [EnumMember(Value = "CLOSED")] Closed,
        [EnumMember(Value = "FAILED")] Failed,
    }

    /// <summary>How the buyer pays: channel and mode.</summary>
    [JsonConverter(typeof(ApiEnumConverter))]
    public enum PaymentMethod
    {
        Unknown = 0,
        [EnumMember(Value = "alipay.qr")] AlipayQr,
        [EnumMember(Value = "alipay.page")] AlipayPage,
        [EnumMember(Value = "alipay.wap")] AlipayWap,
        [EnumMember(Value = "alipay.app")] AlipayApp,
        [EnumMember(Value = "wechat.native")] WechatNative,
        [EnumMember(Value = "wechat.jsapi")] WechatJsapi,
        [EnumMember(Value = "wechat.h5")] WechatH5,
        [EnumMember(Value = "wechat.app")] WechatApp,
        [EnumMember(Value = "unionpay.web")] UnionpayWeb,
        [EnumMember(Value = "unionpay.app")] UnionpayApp,
        [EnumMember(Value = "paypal.checkout")] PaypalCheckout,
        /// <summary>From a ledger account's balance (<see cref="AccountService"/>).</summary>
        [EnumMember(Value = "balance.transfer")] BalanceTransfer,
    }

    /// <summary>What to show the buyer: <see cref="PaymentAction.Value"/> is a string or an object of parameters.</summary>
    [JsonConverter(typeof(ApiEnumConverter))]
    public enum PaymentActionType
    {
        Unknown = 0,
        [EnumMember(Value = "qr_code")] QrCode,
        [EnumMember(Value = "redirect")] Redirect,
        [EnumMember(Value = "form")] Form,
        [EnumMember(Value = "app_params")] AppParams,
        [EnumMember(Value = "jsapi_params")] JsapiParams,
    }

    [JsonConverter(typeof(ApiEnumConverter))]
    public enum RefundStatus
    {
        Unknown = 0,
        [EnumMember(Value = "PENDING")] Pending,
        [EnumMember(Value = "PROCESSING")] Processing,
        [EnumMember(Value = "SUCCEEDED")] Succeeded,
        [EnumMember(Value = "FAILED")] Failed,
    }

    /// <summary>Whether payee applied a provider event to the payment or ignored it.</summary>
    [JsonConverter(typeof(ApiEnumConverter))]
    public enum EventOutcome
    {
        Unknown = 0,
        [EnumMember(Value = "applied")] Applied,
        [EnumMember(Value = "ignored")] Ignored,
    }

    [JsonConverter(typeof(ApiEnumConverter))]
    public enum NotificationStatus
    {
        Unknown = 0,
        [EnumMember(Value = "PENDING")] Pending,
        [EnumMember(Value = "DELIVERED")] Delivered,
        [EnumMember(Value = "FAILED")] Failed,
    }

    /// <summary>What the provider says of a payment when asked (sync).</summary>
    [JsonConverter(typeof(ApiEnumConverter))]
    public enum ProviderStatus
    {
        Unknown = 0,
        [EnumMember(Value = "NOT_FOUND")] NotFound,
        [EnumMember(Value = "PENDING")] Pending,
        [EnumMember(Value = "SUCCEEDED")] Succeeded,
        [EnumMember(Value = "CLOSED")] Closed,
        [EnumMember(Value = "REFUNDED")] Refunded,
    }

    [JsonConverter(typeof(ApiEnumConverter))]
    public enum RefundSyncOutcome
    {
        Unknown = 0,
        [EnumMember(Value = "succeeded")] Succeeded,
        [EnumMember(Value = "failed")] Failed,
        [EnumMember(Value = "processing")] Processing,
        [EnumMember(Value = "resubmitted")] Resubmitted,
        [EnumMember(Value = "unavailable")] Unavailable,
        [EnumMember(Value = "settled")] Settled,
    }

    [JsonConverter(typeof(ApiEnumConverter))]
    public enum ReconciliationDifferenceKind
    {
        Unknown = 0,
        [EnumMember(Value = "missing_locally")] MissingLocally,
        [EnumMember(Value = "missing_at_provider")] MissingAtProvider,
        [EnumMember(Value = "amount_differs")] AmountDiffers,
        [EnumMember(Value = "status_differs")] StatusDiffers,
        /// <summary>The payment's detail lines posted another amount to the ledger than it was paid.</summary>
        [EnumMember(Value = "ledger_differs")] LedgerDiffers,
    }
}

namespace Payee
{
    /// <summary>batch: each member is its own payment for the buyer; combined: one payment at the provider for all.</summary>
    [JsonConverter(typeof(ApiEnumConverter))]
    public enum GroupMode
    {
        Unknown = 0,
        [EnumMember(Value = "batch")] Batch,
        [EnumMember(Value = "combined")] Combined,
    }

    [JsonConverter(typeof(ApiEnumConverter))]
    public enum GroupStatus
    {
        Unknown = 0,
        [EnumMember(Value = "open")] Open,
        [EnumMember(Value = "paid")] Paid,
        [EnumMember(Value = "partially_paid")] PartiallyPaid,
        [EnumMember(Value = "closed")] Closed,
        [EnumMember(Value = "mixed")] Mixed,
    }
}

namespace Payee
{
    [JsonConverter(typeof(ApiEnumConverter))]
    public enum AccountType
    {
        Unknown = 0,
        [EnumMember(Value = "asset")] Asset,
        [EnumMember(Value = "liability")] Liability,
    }

    /// <summary>pending: held; post: a pending flow settled; void: a pending flow released; posted: settled at once.</summary>
    [JsonConverter(typeof(ApiEnumConverter))]
    public enum FlowKind
    {
        Unknown = 0,
        [EnumMember(Value = "pending")] Pending,
        [EnumMember(Value = "post")] Post,
        [EnumMember(Value = "void")] Void,
        [EnumMember(Value = "posted")] Posted,
    }

    [JsonConverter(typeof(ApiEnumConverter))]
    public enum FlowDirection
    {
        Unknown = 0,
        [EnumMember(Value = "debit")] Debit,
        [EnumMember(Value = "credit")] Credit,
    }
}

namespace Payee
{
    [JsonConverter(typeof(ApiEnumConverter))]
    public enum ReportGroupBy
    {
        Unknown = 0,
        [EnumMember(Value = "channel")] Channel,
        [EnumMember(Value = "method")] Method,
        [EnumMember(Value = "payId")] PayId,
        [EnumMember(Value = "currency")] Currency,
    }
}
