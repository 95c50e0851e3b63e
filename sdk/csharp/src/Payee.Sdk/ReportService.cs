using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Payee
{
    /// <summary><c>/v1/reports</c>: what payee's daily reconciliation against the providers' statements found.</summary>
    public sealed class ReportService
    {
        private readonly Requester requester;

        internal ReportService(Requester requester)
        {
            this.requester = requester;
        }

        /// <summary>The day's reconciliation reports, one per pay config reconciled; none before the job has run.</summary>
        public Task<ReconciliationList> GetReconciliationAsync(ReconciliationParams parameters, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            if (parameters == null || string.IsNullOrEmpty(parameters.Day)) throw new ArgumentException("Day is required", "parameters");
            var query = new[]
            {
                new KeyValuePair<string, string>("day", parameters.Day),
                new KeyValuePair<string, string>("payId", parameters.PayId),
                new KeyValuePair<string, string>("companyId", parameters.CompanyId),
            };
            return requester.SendAsync<ReconciliationList>(HttpMethod.Get, "/v1/reports/reconciliation", query, null, options, cancellationToken);
        }

        public ReconciliationList GetReconciliation(ReconciliationParams parameters, RequestOptions options = null)
        {
            return Blocking.Wait(GetReconciliationAsync(parameters, options));
        }

        /// <summary>Payments' figures per China day (at most 31 days) and group: counts, amounts, success rate, time to pay.</summary>
        public Task<DailyReport> GetDailyAsync(DailyReportParams parameters, RequestOptions options = null,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            if (parameters == null || string.IsNullOrEmpty(parameters.From) || string.IsNullOrEmpty(parameters.To))
            {
                throw new ArgumentException("From and To are required", "parameters");
            }
            var query = new[]
            {
                new KeyValuePair<string, string>("from", parameters.From),
                new KeyValuePair<string, string>("to", parameters.To),
                new KeyValuePair<string, string>("groupBy", parameters.GroupBy == null ? null : ApiEnumConverter.Name(parameters.GroupBy.Value)),
                new KeyValuePair<string, string>("companyId", parameters.CompanyId),
            };
            return requester.SendAsync<DailyReport>(HttpMethod.Get, "/v1/reports/daily", query, null, options, cancellationToken);
        }

        public DailyReport GetDaily(DailyReportParams parameters, RequestOptions options = null)
        {
            return Blocking.Wait(GetDailyAsync(parameters, options));
        }
    }
}
