package dev.payee;

import static dev.payee.Fixtures.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.payee.exception.InvalidRequestException;
import dev.payee.model.DailyReport;
import dev.payee.model.DailyReportParams;
import dev.payee.model.DailyReportRow;
import dev.payee.model.ReportDimension;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReportsTest {
  private final ScriptedServer server;
  private final FakeTime time = new FakeTime();
  private final PayeeClient client;

  ReportsTest() throws IOException {
    server = new ScriptedServer();
    client = time.client(server, 1.0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void dailySendsItsQueryAndReadsTheRows() {
    server.reply(200, """
        {"from":"2026-12-01","to":"2026-12-02","groupBy":"payId","data":[{"day":"2026-12-01","group":"cfg_1","currency":"CNY",
         "created":{"count":4,"amount":4000},"succeeded":{"count":3,"amount":3000},"closed":{"count":1,"amount":1000},
         "failed":{"count":0,"amount":0},"refunded":{"count":0,"amount":0},"successRate":0.75,"averageTicket":1000,
         "timeToPay":{"count":3,"p50Ms":2000,"p95Ms":5000},"callbackLatency":{"count":0}}]}""")
        .reply(400, error("invalid_request", "parameter_invalid"));

    DailyReport report = client.reports().daily(
        DailyReportParams.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2)).groupBy(ReportDimension.PAY_ID));

    assertEquals(ReportDimension.PAY_ID, report.groupBy());
    DailyReportRow row = report.data().get(0);
    assertEquals("CNY", row.currency());
    assertEquals(3, row.succeeded().count());
    assertEquals(0.75, row.successRate());
    assertEquals(5000L, row.timeToPay().p95Ms());
    assertNull(row.callbackLatency().p50Ms());
    assertThrows(InvalidRequestException.class,
        () -> client.reports().daily(DailyReportParams.of(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 2, 1))));
    assertEquals(List.of("from=2026-12-01&to=2026-12-02&groupBy=payId", "from=2026-12-01&to=2027-02-01"),
        server.requests().stream().map(ScriptedServer.Request::query).toList());
    assertEquals("/live/v1/reports/daily", server.requests().get(0).path());
  }
}
