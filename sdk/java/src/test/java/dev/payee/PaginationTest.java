package dev.payee;

import static dev.payee.Fixtures.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payee.model.ListPaymentsParams;
import dev.payee.model.Payment;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaginationTest {
  private final ScriptedServer server;
  private final PayeeClient client;

  PaginationTest() throws IOException {
    server = new ScriptedServer();
    client = PayeeClient.builder().baseUrl(server.baseUrl()).apiKey("k").build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String page(String cursor, String... payNos) {
    List<String> items = new ArrayList<>();
    for (String payNo : payNos) items.add(payment(payNo, "PENDING"));
    return "{\"data\":[" + String.join(",", items) + "]" + (cursor == null ? "" : ",\"nextCursor\":\"" + cursor + "\"") + "}";
  }

  @Test
  void walksEveryPageKeepingTheFilters() {
    server.reply(200, page("c1", "P1", "P2")).reply(200, page("c/2+", "P3")).reply(200, page(null, "P4"));
    ListPaymentsParams params = ListPaymentsParams.builder().limit(2).createdFrom(Instant.parse("2026-01-01T00:00:00Z")).build();

    List<String> payNos = new ArrayList<>();
    for (Payment payment : client.payments().list(params).autoPagingIterable()) payNos.add(payment.payNo());

    assertEquals(List.of("P1", "P2", "P3", "P4"), payNos);
    List<String> queries = server.requests().stream().map(ScriptedServer.Request::query).toList();
    assertEquals(List.of("limit=2&createdFrom=2026-01-01T00%3A00%3A00Z",
        "limit=2&cursor=c1&createdFrom=2026-01-01T00%3A00%3A00Z",
        "limit=2&cursor=c%2F2%2B&createdFrom=2026-01-01T00%3A00%3A00Z"), queries);
  }

  @Test
  void aStreamFetchesOnlyThePagesItNeeds() {
    server.reply(200, page("c1", "P1", "P2")).reply(200, page("c2", "P3", "P4")).reply(200, page(null, "P5"));

    List<String> firstThree = client.payments().list(ListPaymentsParams.all()).autoPagingStream()
        .limit(3).map(Payment::payNo).toList();

    assertEquals(List.of("P1", "P2", "P3"), firstThree);
    assertEquals(2, server.requests().size());
  }

  @Test
  void anEmptyPageWithACursorIsWalkedPast() {
    server.reply(200, page("c1")).reply(200, page(null, "P1"));

    assertEquals(List.of("P1"), client.payments().list(ListPaymentsParams.all()).autoPagingStream().map(Payment::payNo).toList());
  }

  @Test
  void pagesAreAlsoFetchedOneByOneAndAsynchronously() {
    server.reply(200, page("c1", "P1")).reply(200, page(null, "P2"));

    Page<Payment> first = client.payments().listAsync(ListPaymentsParams.all()).join();
    assertTrue(first.hasMore());
    assertEquals("c1", first.nextCursor().orElseThrow());
    Page<Payment> second = first.nextPageAsync().join();

    assertEquals("P2", second.data().get(0).payNo());
    assertFalse(second.hasMore());
    assertThrows(NoSuchElementException.class, second::nextPage);
  }

  @Test
  void findByOutTradeNoIsEmptyWhenNoPaymentHasIt() {
    server.reply(200, page(null, "P1")).reply(200, page(null));

    assertEquals("P1", client.payments().findByOutTradeNo("A1001").orElseThrow().payNo());
    assertTrue(client.payments().findByOutTradeNoAsync("A 2", "C01", RequestOptions.NONE).join().isEmpty());
    assertEquals(List.of("outTradeNo=A1001", "outTradeNo=A%202&companyId=C01"),
        server.requests().stream().map(ScriptedServer.Request::query).toList());
  }
}
