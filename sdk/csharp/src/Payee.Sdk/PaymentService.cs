using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Payee
{
    /// <summary>
    /// <c>/v1/payments</c>: create, read, list, close, sync, and the waiters that follow a payment or a
    /// refund to its outcome. Every call has an <c>…Async</c> form taking a CancellationToken and a
    /// blocking form.
    /// </summary>
    public sealed class PaymentService
    {
        /// <summary>What CreateAndWait waits for by default: the buyer paid, or can no longer pay.</summary>
        public static readonly IReadOnlyCollection<PaymentStatus> FinalStatuses = new[]
        {
            PaymentStatus.Succeeded, PaymentStatus.PartiallyRefunded, PaymentStatus.Refunded, PaymentStatus.Closed, PaymentStatus.Failed,
        };

        private static readonly PaymentStatus[] Terminal = { PaymentStatus.Closed, PaymentStatus.Failed, PaymentStatus.Refunded };

        private readonly Requester requester;
        private readonly RefundService refunds;
        private readonly Waiter waiter;

        internal PaymentService(Requester requester, RefundService refunds, Waiter waiter)
        {
            this.requester = requester;
            this.refunds = refunds;
            this.waiter = waiter;
        }

        /// <summary>
        /// Creates a payment: PENDING with the Action to show the buyer, or FAILED with the provider's
        /// reason. Retried safely: every attempt carries one Idempotency-Key (yours, in
        /// <see cref="RequestOptions.IdempotencyKey"/>, or one made for this call).
        /// </summary>
        public Task<Payment> CreateAsync(CreatePaymentParams parameters, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            if (parameters == null) throw new ArgumentNullException("parameters");
            return requester.SendAsync<Payment>(HttpMethod.Post, "/v1/payments", null, parameters, options, cancellationToken);
        }

        public Payment Create(CreatePaymentParams parameters, RequestOptions options = null)
        {
            return Blocking.Wait(CreateAsync(parameters, options));
        }

        public Task<Payment> GetAsync(string payNo, RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return requester.SendAsync<Payment>(HttpMethod.Get, Path(payNo), null, null, options, cancellationToken);
        }

        public Payment Get(string payNo, RequestOptions options = null)
        {
            return Blocking.Wait(GetAsync(payNo, options));
        }

        /// <summary>The payment of an order number of yours (or of a descendant company's), or null.</summary>
        public async Task<Payment> FindByOutTradeNoAsync(string outTradeNo, string companyId = null, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            if (string.IsNullOrEmpty(outTradeNo)) throw new ArgumentException("outTradeNo is required", "outTradeNo");
            var query = new[]
            {
                new KeyValuePair<string, string>("outTradeNo", outTradeNo),
                new KeyValuePair<string, string>("companyId", companyId),
            };
            var page = await requester.SendAsync<Page<Payment>>(HttpMethod.Get, "/v1/payments", query, null, options, cancellationToken)
                .ConfigureAwait(false);
            return page.Data == null ? null : page.Data.FirstOrDefault();
        }

        public Payment FindByOutTradeNo(string outTradeNo, string companyId = null, RequestOptions options = null)
        {
            return Blocking.Wait(FindByOutTradeNoAsync(outTradeNo, companyId, options));
        }

        /// <summary>One page of payments, newest first. Every page: <see cref="ListAutoPaging"/> or <see cref="ListAllAsync"/>.</summary>
        public Task<Page<Payment>> ListAsync(ListPaymentsParams parameters = null, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            return requester.SendAsync<Page<Payment>>(HttpMethod.Get, "/v1/payments", Query(parameters ?? new ListPaymentsParams()), null, options,
                cancellationToken);
        }

        public Page<Payment> List(ListPaymentsParams parameters = null, RequestOptions options = null)
        {
            return Blocking.Wait(ListAsync(parameters, options));
        }

        /// <summary>Every payment the filters match, newest first, reading the next page as the enumeration reaches it.</summary>
        public IEnumerable<Payment> ListAutoPaging(ListPaymentsParams parameters = null, RequestOptions options = null)
        {
            var next = parameters ?? new ListPaymentsParams();
            while (true)
            {
                var page = List(next, options);
                foreach (var payment in page.Data ?? new List<Payment>()) yield return payment;
                if (page.NextCursor == null) yield break;
                next = next.WithCursor(page.NextCursor);
            }
        }

        /// <summary>Every payment the filters match, newest first, all pages read.</summary>
        public async Task<List<Payment>> ListAllAsync(ListPaymentsParams parameters = null, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            var all = new List<Payment>();
            var next = parameters ?? new ListPaymentsParams();
            while (true)
            {
                var page = await ListAsync(next, options, cancellationToken).ConfigureAwait(false);
                if (page.Data != null) all.AddRange(page.Data);
                if (page.NextCursor == null) return all;
                next = next.WithCursor(page.NextCursor);
            }
        }

        /// <summary>The payment's audit trail: every provider event payee accepted for it, oldest first.</summary>
        public async Task<List<PaymentEvent>> ListEventsAsync(string payNo, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            var page = await requester.SendAsync<Page<PaymentEvent>>(HttpMethod.Get, Path(payNo) + "/events", null, null, options, cancellationToken)
                .ConfigureAwait(false);
            return page.Data ?? new List<PaymentEvent>();
        }

        public List<PaymentEvent> ListEvents(string payNo, RequestOptions options = null)
        {
            return Blocking.Wait(ListEventsAsync(payNo, options));
        }

        /// <summary>Closes an unpaid payment, at the provider first: CLOSED, or SUCCEEDED if the buyer paid meanwhile.</summary>
        public Task<Payment> CloseAsync(string payNo, RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return requester.SendAsync<Payment>(HttpMethod.Post, Path(payNo) + "/close", null, null, options, cancellationToken);
        }

        public Payment Close(string payNo, RequestOptions options = null)
        {
            return Blocking.Wait(CloseAsync(payNo, options));
        }

        /// <summary>Asks the provider about the payment now; its answer is applied asynchronously, like a callback.</summary>
        public Task<SyncResult> SyncAsync(string payNo, RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return requester.SendAsync<SyncResult>(HttpMethod.Post, Path(payNo) + "/sync", null, null, options, cancellationToken);
        }

        public SyncResult Sync(string payNo, RequestOptions options = null)
        {
            return Blocking.Wait(SyncAsync(payNo, options));
        }

        /// <summary>
        /// Creates a payment, then follows it until its status is one of <paramref name="statuses"/>
        /// (default <see cref="FinalStatuses"/>: paid, or no longer payable) and returns it.
        /// </summary>
        /// <exception cref="WaitTimeoutException">MaxWait (the create included) ran out first; LastSeen is the payment.</exception>
        /// <exception cref="WaitFailedException">It reached CLOSED, FAILED or REFUNDED and that is not wanted.</exception>
        public async Task<Payment> CreateAndWaitAsync(CreatePaymentParams parameters, WaitOptions wait = null,
            IEnumerable<PaymentStatus> statuses = null, RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            var wanted = Wanted(statuses);
            var start = waiter.Start();
            var created = await CreateAsync(parameters, options, cancellationToken).ConfigureAwait(false);
            return await Follow(start, created, wanted, wait, options, cancellationToken).ConfigureAwait(false);
        }

        public Payment CreateAndWait(CreatePaymentParams parameters, WaitOptions wait = null, IEnumerable<PaymentStatus> statuses = null,
            RequestOptions options = null)
        {
            return Blocking.Wait(CreateAndWaitAsync(parameters, wait, statuses, options));
        }

        /// <summary>Follows a payment until its status is one of <paramref name="statuses"/>, and returns it.</summary>
        /// <exception cref="WaitTimeoutException">MaxWait ran out first; LastSeen is the payment.</exception>
        /// <exception cref="WaitFailedException">It reached CLOSED, FAILED or REFUNDED and that is not wanted.</exception>
        public async Task<Payment> WaitForAsync(string payNo, IEnumerable<PaymentStatus> statuses, WaitOptions wait = null,
            RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            var wanted = Wanted(statuses);
            var start = waiter.Start();
            var first = await GetAsync(payNo, options, cancellationToken).ConfigureAwait(false);
            return await Follow(start, first, wanted, wait, options, cancellationToken).ConfigureAwait(false);
        }

        public Payment WaitFor(string payNo, IEnumerable<PaymentStatus> statuses, WaitOptions wait = null, RequestOptions options = null)
        {
            return Blocking.Wait(WaitForAsync(payNo, statuses, wait, options));
        }

        /// <summary>
        /// Refunds part or all of a payment, then follows the refund until it SUCCEEDED or FAILED (a
        /// provider may accept a refund as PROCESSING and settle it later), and returns it.
        /// </summary>
        /// <exception cref="WaitTimeoutException">MaxWait ran out first; LastSeen is the refund.</exception>
        public async Task<Refund> RefundAndWaitAsync(string payNo, CreateRefundParams parameters, WaitOptions wait = null,
            RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            var start = waiter.Start();
            var created = await refunds.CreateAsync(payNo, parameters, options, cancellationToken).ConfigureAwait(false);
            return await waiter.AwaitAsync(start, wait, created, () => refunds.FindAsync(payNo, created.RefundNo, options, cancellationToken),
                r => r.Status == RefundStatus.Succeeded || r.Status == RefundStatus.Failed, r => false,
                r => ApiEnumConverter.Name(r.Status), cancellationToken).ConfigureAwait(false);
        }

        public Refund RefundAndWait(string payNo, CreateRefundParams parameters, WaitOptions wait = null, RequestOptions options = null)
        {
            return Blocking.Wait(RefundAndWaitAsync(payNo, parameters, wait, options));
        }

        private Task<Payment> Follow(DateTimeOffset start, Payment first, HashSet<PaymentStatus> wanted, WaitOptions wait, RequestOptions options,
            CancellationToken cancellationToken)
        {
            return waiter.AwaitAsync(start, wait, first, () => GetAsync(first.PayNo, options, cancellationToken),
                p => wanted.Contains(p.Status), p => Terminal.Contains(p.Status), p => ApiEnumConverter.Name(p.Status), cancellationToken);
        }

        private static HashSet<PaymentStatus> Wanted(IEnumerable<PaymentStatus> statuses)
        {
            var wanted = new HashSet<PaymentStatus>(statuses ?? FinalStatuses);
            if (wanted.Count == 0) throw new ArgumentException("no status to wait for", "statuses");
            return wanted;
        }

        private static IEnumerable<KeyValuePair<string, string>> Query(ListPaymentsParams p)
        {
            yield return new KeyValuePair<string, string>("companyId", p.CompanyId);
            yield return new KeyValuePair<string, string>("limit", p.Limit == null ? null : p.Limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return new KeyValuePair<string, string>("cursor", p.Cursor);
            yield return new KeyValuePair<string, string>("createdFrom", Instant(p.CreatedFrom));
            yield return new KeyValuePair<string, string>("createdTo", Instant(p.CreatedTo));
        }

        private static string Instant(DateTimeOffset? at)
        {
            return at == null ? null : at.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }

        internal static string Path(string payNo)
        {
            return "/v1/payments/" + Requester.Segment(payNo, "payNo");
        }
    }
}
