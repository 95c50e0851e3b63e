package dev.payee;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.payee.model.DailyReport;
import dev.payee.model.DailyReportParams;
import dev.payee.model.ReconciliationList;
import dev.payee.model.ReconciliationParams;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code /v1/reports}: the daily reconciliation of providers' statements with payee's records. */
public final class Reports {
  private static final JavaType RECONCILIATION = Types.of(ReconciliationList.class);
  private static final JavaType DAILY = Types.of(DailyReport.class);

  private final Requester requester;

  Reports(Requester requester) {
    this.requester = requester;
  }

  /** The day's reports, one per pay config reconciled; none before the job ran for that day. */
  public ReconciliationList reconciliation(ReconciliationParams params) {
    return reconciliation(params, RequestOptions.NONE);
  }

  public ReconciliationList reconciliation(ReconciliationParams params, RequestOptions options) {
    return requester.send(call(params, options), RECONCILIATION);
  }

  public CompletableFuture<ReconciliationList> reconciliationAsync(ReconciliationParams params) {
    return reconciliationAsync(params, RequestOptions.NONE);
  }

  public CompletableFuture<ReconciliationList> reconciliationAsync(ReconciliationParams params, RequestOptions options) {
    return requester.sendAsync(call(params, options), RECONCILIATION);
  }

  /**
   * Figures per China day and channel (the default), method, payId or currency: created,
   * succeeded, closed, failed, refunded, success rate, average ticket, time to pay and callback
   * latency.
   */
  public DailyReport daily(DailyReportParams params) {
    return daily(params, RequestOptions.NONE);
  }

  public DailyReport daily(DailyReportParams params, RequestOptions options) {
    return requester.send(dailyCall(params, options), DAILY);
  }

  public CompletableFuture<DailyReport> dailyAsync(DailyReportParams params) {
    return dailyAsync(params, RequestOptions.NONE);
  }

  public CompletableFuture<DailyReport> dailyAsync(DailyReportParams params, RequestOptions options) {
    return requester.sendAsync(dailyCall(params, options), DAILY);
  }

  private Requester.Call dailyCall(DailyReportParams params, RequestOptions options) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("from", params.from().toString());
    query.put("to", params.to().toString());
    // The enum's API name (payId, not PAY_ID).
    query.put("groupBy", params.groupBy() == null ? null : Json.MAPPER.<JsonNode>valueToTree(params.groupBy()).asText());
    query.put("companyId", params.companyId());
    return requester.call("GET", "/v1/reports/daily", query, null, options);
  }

  private Requester.Call call(ReconciliationParams params, RequestOptions options) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("day", params.day().toString());
    query.put("payId", params.payId());
    query.put("companyId", params.companyId());
    return requester.call("GET", "/v1/reports/reconciliation", query, null, options);
  }
}
