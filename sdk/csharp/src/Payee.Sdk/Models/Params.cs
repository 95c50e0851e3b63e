using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace Payee
{
    /// <summary>What <see cref="PaymentService.CreateAsync"/> sends. Method, OutTradeNo, Subject, Amount and Currency are required.</summary>
    public sealed class CreatePaymentParams
    {
        [JsonProperty("method")] public PaymentMethod Method { get; set; }
        /// <summary>Your order number, unique per company.</summary>
        [JsonProperty("outTradeNo")] public string OutTradeNo { get; set; }
        /// <summary>What the buyer sees they are paying for.</summary>
        [JsonProperty("subject")] public string Subject { get; set; }
        /// <summary>What the buyer pays, in integer minor units (1999 = 19.99 CNY).</summary>
        [JsonProperty("amount")] public long Amount { get; set; }
        /// <summary>What the order is worth before discounts; defaults to Amount.</summary>
        [JsonProperty("orderAmount")] public long? OrderAmount { get; set; }
        /// <summary>ISO 4217 code, upper case.</summary>
        [JsonProperty("currency")] public string Currency { get; set; }
        /// <summary>Where payee POSTs each change of status, signed; https, public addresses only.</summary>
        [JsonProperty("notifyUrl")] public string NotifyUrl { get; set; }
        /// <summary>Where the buyer's browser returns after paying (page and wap methods).</summary>
        [JsonProperty("returnUrl")] public string ReturnUrl { get; set; }
        /// <summary>Seconds the buyer has to pay; default 1800.</summary>
        [JsonProperty("expiresIn")] public int? ExpiresIn { get; set; }
        [JsonProperty("payer")] public Payer Payer { get; set; }
        /// <summary>The pay config to use; by default the company's one for the method's channel.</summary>
        [JsonProperty("payId")] public string PayId { get; set; }
        [JsonProperty("scene")] public string Scene { get; set; }
        [JsonProperty("metadata")] public Dictionary<string, string> Metadata { get; set; }
        /// <summary>1-20 lines adding up to Amount: how it moves between ledger accounts.</summary>
        [JsonProperty("details")] public List<PaymentDetail> Details { get; set; }
    }

    /// <summary>Method-specific facts about the buyer.</summary>
    public sealed class Payer
    {
        /// <summary>The buyer's openid under the merchant's appid (wechat.jsapi).</summary>
        [JsonProperty("openid")] public string Openid { get; set; }
        /// <summary>The buyer's IP address (wechat.h5).</summary>
        [JsonProperty("clientIp")] public string ClientIp { get; set; }
    }

    public sealed class CreateRefundParams
    {
        /// <summary>In minor units; at most the payment's refundableAmount.</summary>
        [JsonProperty("amount")] public long Amount { get; set; }
        [JsonProperty("reason")] public string Reason { get; set; }
    }

    /// <summary>The filters and page of <see cref="PaymentService.ListAsync"/>; newest first.</summary>
    public sealed class ListPaymentsParams
    {
        /// <summary>A descendant company's payments instead of your own.</summary>
        [JsonProperty("companyId")] public string CompanyId { get; set; }
        [JsonProperty("limit")] public int? Limit { get; set; }
        /// <summary>The previous page's NextCursor.</summary>
        [JsonProperty("cursor")] public string Cursor { get; set; }
        [JsonProperty("createdFrom")] public DateTimeOffset? CreatedFrom { get; set; }
        [JsonProperty("createdTo")] public DateTimeOffset? CreatedTo { get; set; }

        internal ListPaymentsParams WithCursor(string cursor)
        {
            var next = (ListPaymentsParams)MemberwiseClone();
            next.Cursor = cursor;
            return next;
        }
    }

    /// <summary>Which reconciliation reports: a day (required), optionally one pay config or a descendant company.</summary>
    public sealed class ReconciliationParams
    {
        /// <summary>The day, yyyy-MM-dd in China time (UTC+8).</summary>
        [JsonProperty("day")] public string Day { get; set; }
        [JsonProperty("payId")] public string PayId { get; set; }
        [JsonProperty("companyId")] public string CompanyId { get; set; }
    }
}
