package dev.payee.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Which reconciliation reports to read.
 *
 * @param day       the provider's statement day (China Standard Time for Alipay and WeChat Pay)
 * @param payId     only this pay config (nullable)
 * @param companyId a descendant company's reports instead of the caller's (nullable)
 */
public record ReconciliationParams(LocalDate day, String payId, String companyId) {
  public ReconciliationParams {
    Objects.requireNonNull(day, "day");
  }

  public static ReconciliationParams of(LocalDate day) {
    return new ReconciliationParams(day, null, null);
  }

  public ReconciliationParams withPayId(String payId) {
    return new ReconciliationParams(day, payId, companyId);
  }

  public ReconciliationParams withCompanyId(String companyId) {
    return new ReconciliationParams(day, payId, companyId);
  }
}
