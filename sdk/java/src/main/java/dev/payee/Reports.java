package dev.payee;

import com.fasterxml.jackson.databind.JavaType;
import dev.payee.model.ReconciliationList;
import java.time.LocalDate;
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
  public ReconciliationList reconciliation(LocalDate day) {
    return reconciliation(day, null, null, RequestOptions.NONE);
  }

  /**
   * @param day       the provider's statement day (China Standard Time for Alipay and WeChat Pay)
   * @param payId     only this pay config (nullable)
   * @param companyId a descendant company's reports instead of the caller's (nullable)
   */
  public ReconciliationList reconciliation(LocalDate day, String payId, String companyId, RequestOptions options) {
    return requester.send(call(day, payId, companyId, options), RECONCILIATION);
  }

  public CompletableFuture<ReconciliationList> reconciliationAsync(LocalDate day) {
    return reconciliationAsync(day, null, null, RequestOptions.NONE);
  }

  public CompletableFuture<ReconciliationList> reconciliationAsync(LocalDate day, String payId, String companyId,
                                                                   RequestOptions options) {
    return requester.sendAsync(call(day, payId, companyId, options), RECONCILIATION);
  }

  private Requester.Call call(LocalDate day, String payId, String companyId, RequestOptions options) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("day", day.toString());
    query.put("payId", payId);
    query.put("companyId", companyId);
    return requester.call("GET", "/v1/reports/reconciliation", query, null, options);
  }
}
