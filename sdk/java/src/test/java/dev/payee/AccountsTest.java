package dev.payee;

import static dev.payee.Fixtures.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.payee.exception.ConflictException;
import dev.payee.exception.ErrorCode;
import dev.payee.model.Account;
import dev.payee.model.AccountBalanceParams;
import dev.payee.model.AccountType;
import dev.payee.model.CreateAccountParams;
import dev.payee.model.Flow;
import dev.payee.model.PageParams;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccountsTest {
  private final ScriptedServer server;
  private final FakeTime time = new FakeTime();
  private final PayeeClient client;

  AccountsTest() throws IOException {
    server = new ScriptedServer();
    client = time.client(server, 1.0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String account(String accountId, String overdraftLimit) {
    return """
        {"accountId":"%s","currency":"CNY","type":"liability","overdraftLimit":%s,"shards":1,"createdAt":"2026-12-03T00:00:00Z",
         "balance":{"posted":0,"pendingIncoming":1000,"pendingOutgoing":0,"available":0,"postedDebits":0,"postedCredits":0,
         "pendingDebits":0,"pendingCredits":1000}}""".formatted(accountId, overdraftLimit);
  }

  private static String flow(String flowId) {
    return """
        {"flowId":"%s","kind":"pending","direction":"credit","amount":1000,"currency":"CNY","accountOut":"A2","accountRec":"A1",
         "payNo":"P1","line":0,"at":"2026-12-03T00:00:00Z"}""".formatted(flowId);
  }

  @Test
  void createSendsTheDefaultOverdraftLimitOrNullForNone() throws IOException {
    server.reply(201, account("A1", "0")).reply(201, account("A2", "null"));

    Account wallet = client.accounts().create(CreateAccountParams.builder().currency("CNY").type(AccountType.LIABILITY).name("wallet").build());
    Account hot = client.accounts().create(CreateAccountParams.builder().currency("CNY").type(AccountType.ASSET).noOverdraftLimit().shards(8).build());

    List<ScriptedServer.Request> requests = server.requests();
    assertEquals("POST /live/v1/accounts", requests.get(0).method() + " " + requests.get(0).path());
    assertEquals(Json.MAPPER.readTree("{\"currency\":\"CNY\",\"type\":\"liability\",\"name\":\"wallet\",\"overdraftLimit\":0}"),
        Json.MAPPER.readTree(requests.get(0).body()));
    assertEquals(Json.MAPPER.readTree("{\"currency\":\"CNY\",\"type\":\"asset\",\"overdraftLimit\":null,\"shards\":8}"),
        Json.MAPPER.readTree(requests.get(1).body()));
    assertEquals(1000, wallet.balance().pendingIncoming());
    assertEquals(0L, wallet.overdraftLimit());
    assertNull(hot.overdraftLimit());
  }

  @Test
  void aRetriedCreateKeepsItsKeyAndLedgerDisabledIsAConflict() {
    server.reply(500, error("internal", "internal_error")).reply(201, account("A1", "0"))
        .reply(409, error("conflict", ErrorCode.LEDGER_DISABLED));
    CreateAccountParams params = CreateAccountParams.builder().currency("CNY").type(AccountType.LIABILITY).build();

    client.accounts().createAsync(params).join();
    ConflictException off = assertThrows(ConflictException.class, () -> client.accounts().create(params));

    List<ScriptedServer.Request> requests = server.requests();
    assertEquals(3, requests.size());
    assertEquals(requests.get(0).header("Idempotency-Key"), requests.get(1).header("Idempotency-Key"));
    assertEquals(ErrorCode.LEDGER_DISABLED, off.code());
    assertEquals(1, time.sleeps().size());
  }

  @Test
  void getAndTheBalanceAtATime() {
    server.reply(200, account("A/1", "0")).reply(200, "{\"accountId\":\"A1\",\"currency\":\"CNY\",\"at\":\"2026-12-01T00:00:00Z\",\"posted\":500}");

    client.accounts().get("A/1");
    assertEquals(500, client.accounts().balance("A1", AccountBalanceParams.at(Instant.parse("2026-12-01T00:00:00Z"))).posted());

    List<ScriptedServer.Request> requests = server.requests();
    assertEquals("/live/v1/accounts/A%2F1", requests.get(0).path());
    assertEquals("/live/v1/accounts/A1/balance?at=2026-12-01T00%3A00%3A00Z", requests.get(1).path() + "?" + requests.get(1).query());
  }

  @Test
  void accountsAndFlowsAutoPage() {
    server.reply(200, "{\"data\":[" + account("A1", "0") + "],\"nextCursor\":\"c1\"}").reply(200, "{\"data\":[" + account("A2", "null") + "]}")
        .reply(200, "{\"data\":[" + flow("F2") + "],\"nextCursor\":\"f1\"}").reply(200, "{\"data\":[" + flow("F1") + "]}");

    List<String> accounts = client.accounts().list(PageParams.ofLimit(1)).autoPagingStream().map(Account::accountId).toList();
    List<Flow> flows = client.accounts().flowsAsync("A1", PageParams.all()).join().autoPagingStream().toList();

    assertEquals(List.of("A1", "A2"), accounts);
    assertEquals(List.of("F2", "F1"), flows.stream().map(Flow::flowId).toList());
    assertEquals(Flow.Kind.PENDING, flows.get(0).kind());
    assertEquals(Flow.Direction.CREDIT, flows.get(0).direction());
    assertEquals(Arrays.asList("limit=1", "limit=1&cursor=c1", null, "cursor=f1"),
        server.requests().stream().map(ScriptedServer.Request::query).toList());
  }
}
