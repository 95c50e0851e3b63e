package dev.payee.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The query of {@code GET /v1/reports/daily}.
 *
 * @param from      the first China day (UTC+8), included
 * @param to        the last China day, included; at most 31 days after from
 * @param groupBy   what each row is per besides the day; null: the API's channel
 * @param companyId a descendant company's figures instead of the caller's, or null
 */
public record DailyReportParams(LocalDate from, LocalDate to, ReportDimension groupBy, String companyId) {

  public DailyReportParams {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  public static DailyReportParams of(LocalDate from, LocalDate to) {
    return new DailyReportParams(from, to, null, null);
  }

  public DailyReportParams groupBy(ReportDimension groupBy) {
    return new DailyReportParams(from, to, groupBy, companyId);
  }
}
