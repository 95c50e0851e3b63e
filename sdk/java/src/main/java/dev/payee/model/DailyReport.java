package dev.payee.model;

import java.util.List;

/** Daily figures from {@code from} to {@code to} (China days, included): one row per day, group and currency. */
public record DailyReport(String from, String to, ReportDimension groupBy, List<DailyReportRow> data) {

  public DailyReport {
    data = data == null ? List.of() : List.copyOf(data);
  }
}
