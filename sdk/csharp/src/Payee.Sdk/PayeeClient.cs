using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

[assembly: InternalsVisibleTo("Payee.Sdk.Tests")]

namespace Payee
{
    /// <summary>
    /// payee's merchant API. One client per API key; it is thread-safe and keeps its connections, so
    /// make one and share it.
    /// <code>
    /// var payee = new PayeeClient(new PayeeClientOptions { ApiKey = "pk_...", BaseUrl = "http://127.0.0.1:4010/live" });
    /// var payment = await payee.Payments.CreateAsync(new CreatePaymentParams { ... });
    /// </code>
    /// </summary>
    public sealed class PayeeClient
    {
        private readonly Requester requester;

        public PayeeClient(PayeeClientOptions options)
        {
            requester = new Requester(options);
            var waiter = new Waiter(requester.Time);
            Refunds = new RefundService(requester);
            Payments = new PaymentService(requester, Refunds, waiter);
            Notifications = new NotificationService(requester);
            Reports = new ReportService(requester);
            Groups = new GroupService(requester);
            Accounts = new AccountService(requester);
        }

        public PaymentService Payments { get; private set; }
        public RefundService Refunds { get; private set; }
        public NotificationService Notifications { get; private set; }
        public ReportService Reports { get; private set; }
        public GroupService Groups { get; private set; }
        public AccountService Accounts { get; private set; }

        /// <summary>The OpenAPI document the API serves: the contract this SDK follows.</summary>
        public async Task<JObject> GetOpenApiAsync(RequestOptions options = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            var text = await requester.SendRawAsync(HttpMethod.Get, "/v1/openapi.json", null, null, options, cancellationToken).ConfigureAwait(false);
            return (JObject)PayeeJson.Parse(text);
        }

        public JObject GetOpenApi(RequestOptions options = null)
        {
            return Blocking.Wait(GetOpenApiAsync(options));
        }
    }
}
