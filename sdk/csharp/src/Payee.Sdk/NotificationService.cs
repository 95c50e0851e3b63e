using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Payee
{
    /// <summary><c>/v1/payments/{payNo}/notifications</c>: what payee sent to the payment's notifyUrl; send it again.</summary>
    public sealed class NotificationService
    {
        private readonly Requester requester;

        internal NotificationService(Requester requester)
        {
            this.requester = requester;
        }

        /// <summary>The payment's notifications with their delivery attempts, newest first.</summary>
        public async Task<List<Notification>> ListAsync(string payNo, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            var page = await requester.SendAsync<Page<Notification>>(HttpMethod.Get, PaymentService.Path(payNo) + "/notifications", null, null,
                options, cancellationToken).ConfigureAwait(false);
            return page.Data ?? new List<Notification>();
        }

        public List<Notification> List(string payNo, RequestOptions options = null)
        {
            return Blocking.Wait(ListAsync(payNo, options));
        }

        /// <summary>Sends the payment's current status to its notifyUrl again, as a new notification.</summary>
        public Task<Notification> ResendAsync(string payNo, RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return requester.SendAsync<Notification>(HttpMethod.Post, PaymentService.Path(payNo) + "/notifications/resend", null, null, options,
                cancellationToken);
        }

        public Notification Resend(string payNo, RequestOptions options = null)
        {
            return Blocking.Wait(ResendAsync(payNo, options));
        }
    }
}
