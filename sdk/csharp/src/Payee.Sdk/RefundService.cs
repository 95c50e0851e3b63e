using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Payee
{
    /// <summary><c>/v1/payments/{payNo}/refunds</c>: refund part or all of a payment; list a payment's refunds.</summary>
    public sealed class RefundService
    {
        private readonly Requester requester;

        internal RefundService(Requester requester)
        {
            this.requester = requester;
        }

        /// <summary>
        /// Refunds part or all of a paid payment. Retried safely with one Idempotency-Key; more than
        /// the payment's refundableAmount is a ConflictException (refund_exceeds_refundable).
        /// </summary>
        public Task<Refund> CreateAsync(string payNo, CreateRefundParams parameters, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            if (parameters == null) throw new System.ArgumentNullException("parameters");
            return requester.SendAsync<Refund>(HttpMethod.Post, PaymentService.Path(payNo) + "/refunds", null, parameters, options, cancellationToken);
        }

        public Refund Create(string payNo, CreateRefundParams parameters, RequestOptions options = null)
        {
            return Blocking.Wait(CreateAsync(payNo, parameters, options));
        }

        /// <summary>The payment's refunds.</summary>
        public async Task<List<Refund>> ListAsync(string payNo, RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            var page = await requester.SendAsync<Page<Refund>>(HttpMethod.Get, PaymentService.Path(payNo) + "/refunds", null, null, options,
                cancellationToken).ConfigureAwait(false);
            return page.Data ?? new List<Refund>();
        }

        public List<Refund> List(string payNo, RequestOptions options = null)
        {
            return Blocking.Wait(ListAsync(payNo, options));
        }

        internal async Task<Refund> FindAsync(string payNo, string refundNo, RequestOptions options, CancellationToken cancellationToken)
        {
            var refund = (await ListAsync(payNo, options, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.RefundNo == refundNo);
            if (refund == null) throw new PayeeException("refund " + refundNo + " is not among payment " + payNo + "'s refunds");
            return refund;
        }
    }
}
