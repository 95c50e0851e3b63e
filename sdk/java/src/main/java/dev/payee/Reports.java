package dev.payee;

import com.fasterxml.jackson.databind.JavaType;
import dev.payee.model.ReconciliationList;
import dev.payee.model.ReconciliationParams;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code /v1/reports}: the daily reconciliation of providers' statements with payee's records. */
public final class Reports {
  private static final JavaType RECONCILIATION = Types.of(ReconciliationList.class);

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

  private Requester.Call call(ReconciliationParams params, RequestOptions options) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("day", params.day().toString());
    query.put("payId", params.payId());
    query.put("companyId", params.companyId());
    return requester.call("GET", "/v1/reports/reconciliation", query, null, options);
  }
}
