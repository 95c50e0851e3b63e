package dev.payee;

import static dev.payee.Fixtures.error;
import static dev.payee.Fixtures.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payee.exception.ConflictException;
import dev.payee.exception.ErrorCode;
import dev.payee.exception.NotFoundException;
import dev.payee.model.CreateGroupParams;
import dev.payee.model.CreatePaymentParams;
import dev.payee.model.DetailLine;
import dev.payee.model.Group;
import dev.payee.model.GroupMemberParams;
import dev.payee.model.GroupMode;
import dev.payee.model.GroupStatus;
import dev.payee.model.GroupSummary;
import dev.payee.model.GroupSyncResult;
import dev.payee.model.PageParams;
import dev.payee.model.Payment;
import dev.payee.model.PaymentMethod;
import dev.payee.model.ProviderState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupsTest {
  private final ScriptedServer server;
  private final FakeTime time = new FakeTime();
  private final PayeeClient client;

  GroupsTest() throws IOException {
    server = new ScriptedServer();
    client = time.client(server, 1.0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String group(String groupNo, String status) {
    return """
        {"groupNo":"%s","mode":"batch","status":"%s","memberCount":2,"createdAt":"2026-12-03T00:00:00.000Z",
         "updatedAt":"2026-12-03T00:00:00.000Z","members":[
         {"outTradeNo":"A1001","payNo":"P1","payment":%s},
         {"outTradeNo":"A1002","payNo":"P2","error":{"code":"provider_unavailable","message":"retry"}}]}"""
        .formatted(groupNo, status, payment("P1", "PENDING"));
  }

  private static String summaries(String cursor, String... groupNos) {
    StringBuilder data = new StringBuilder();
    for (String no : groupNos) {
      if (data.length() > 0) data.append(',');
      data.append("""
          {"groupNo":"%s","mode":"batch","status":"paid","memberCount":1,"createdAt":"2026-12-03T00:00:00Z","updatedAt":"2026-12-03T00:00:00Z"}"""
          .formatted(no));
    }
    return "{\"data\":[" + data + "]" + (cursor == null ? "" : ",\"nextCursor\":\"" + cursor + "\"") + "}";
  }

  private static final CreateGroupParams BATCH = CreateGroupParams.builder()
      .mode(GroupMode.BATCH)
      .method(PaymentMethod.ALIPAY_QR)
      .member(GroupMemberParams.builder().outTradeNo("A1001").subject("Tea").amount(1000).currency("CNY")
          .details(List.of(DetailLine.of("buyer", "shop-7", 950), DetailLine.of("buyer", "fees", 50, "fee"))).build())
      .member(GroupMemberParams.builder().outTradeNo("A1002").subject("Cup").amount(500).currency("CNY")
          .method(PaymentMethod.WECHAT_NATIVE).build())
      .build();

  @Test
  void createSendsTheMembersAndTheirDetailLinesAndReadsEachMember() throws IOException {
    server.reply(201, group("G1", "open"));

    Group group = client.groups().create(BATCH);

    ScriptedServer.Request request = server.requests().get(0);
    assertEquals("POST /live/v1/groups", request.method() + " " + request.path());
    JsonNode expected = Json.MAPPER.readTree("""
        {"mode":"batch","method":"alipay.qr","members":[
         {"outTradeNo":"A1001","subject":"Tea","amount":1000,"currency":"CNY","details":[
          {"accountOut":"buyer","accountRec":"shop-7","amount":950},{"accountOut":"buyer","accountRec":"fees","amount":50,"memo":"fee"}]},
         {"method":"wechat.native","outTradeNo":"A1002","subject":"Cup","amount":500,"currency":"CNY"}]}""");
    assertEquals(expected, Json.MAPPER.readTree(request.body()));
    assertEquals(GroupStatus.OPEN, group.status());
    assertEquals("P1", group.members().get(0).payment().payNo());
    assertNull(group.members().get(1).payment());
    assertEquals(ErrorCode.PROVIDER_UNAVAILABLE, group.members().get(1).error().code());
  }

  @Test
  void aRetriedCreateSendsOneKeyAndTheSameBody() {
    server.reply(503, error("provider", "provider_unavailable"), Map.of("Retry-After", "1")).reply(201, group("G1", "open"));

    client.groups().createAsync(BATCH).join();

    List<ScriptedServer.Request> requests = server.requests();
    assertEquals(2, requests.size());
    assertNotNull(requests.get(0).header("Idempotency-Key"));
    assertEquals(requests.get(0).header("Idempotency-Key"), requests.get(1).header("Idempotency-Key"));
    assertEquals(requests.get(0).body(), requests.get(1).body());
    assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps());
  }

  @Test
  void getCloseAndSyncHaveTheirPaths() {
    server.reply(200, group("G1", "open")).reply(200, group("G1", "closed"))
        .reply(202, "{\"group\":" + group("G1", "open") + ",\"members\":[{\"payNo\":\"P1\",\"provider\":\"PENDING\",\"eventId\":\"E1\"}]}");

    client.groups().get("G/1");
    assertEquals(GroupStatus.CLOSED, client.groups().close("G1", RequestOptions.idempotencyKey("close-G1")).status());
    GroupSyncResult synced = client.groups().syncAsync("G1").join();

    assertEquals(ProviderState.Status.PENDING, synced.members().get(0).provider());
    assertEquals("E1", synced.members().get(0).eventId());
    assertEquals("A1001", synced.group().members().get(0).payment().outTradeNo());
    List<ScriptedServer.Request> requests = server.requests();
    assertEquals(List.of("GET /live/v1/groups/G%2F1", "POST /live/v1/groups/G1/close", "POST /live/v1/groups/G1/sync"),
        requests.stream().map(r -> r.method() + " " + r.path()).toList());
    assertNull(requests.get(0).header("Idempotency-Key"));
    assertEquals("close-G1", requests.get(1).header("Idempotency-Key"));
    assertNotNull(requests.get(2).header("Idempotency-Key"));
  }

  @Test
  void autoPagingWalksEveryPageKeepingThePageSize() {
    server.reply(200, summaries("c1", "G3", "G2")).reply(200, summaries(null, "G1"));

    List<String> groupNos = client.groups().list(new PageParams(2, null)).autoPagingStream().map(GroupSummary::groupNo).toList();

    assertEquals(List.of("G3", "G2", "G1"), groupNos);
    assertEquals(List.of("limit=2", "limit=2&cursor=c1"), server.requests().stream().map(ScriptedServer.Request::query).toList());
  }

  @Test
  void groupNotClosableIsAConflictNotRetriedAndAnUnknownGroupIsNotFound() {
    server.reply(409, error("conflict", ErrorCode.GROUP_NOT_CLOSABLE)).reply(404, error("not_found", "resource_missing"));

    ConflictException conflict = assertThrows(ConflictException.class, () -> client.groups().close("G1"));
    assertEquals(409, conflict.status());
    assertEquals(ErrorCode.GROUP_NOT_CLOSABLE, conflict.code());
    assertThrows(NotFoundException.class, () -> client.groups().get("G0"));
    assertEquals(2, server.requests().size());
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void aPaymentCarriesItsDetailLinesThereAndBack() throws IOException {
    List<DetailLine> lines = List.of(DetailLine.of("buyer", "shop", 1999, "order A1001"));
    String body = payment("P1", "PENDING");
    server.reply(201, body.substring(0, body.length() - 1)
        + ",\"details\":[{\"accountOut\":\"buyer\",\"accountRec\":\"shop\",\"amount\":1999,\"memo\":\"order A1001\"}]}");

    Payment created = client.payments().create(CreatePaymentParams.builder().method(PaymentMethod.ALIPAY_QR)
        .outTradeNo("A1001").subject("T-shirt").amount(1999).currency("CNY").details(lines).build());

    assertEquals(Json.MAPPER.readTree("[{\"accountOut\":\"buyer\",\"accountRec\":\"shop\",\"amount\":1999,\"memo\":\"order A1001\"}]"),
        Json.MAPPER.readTree(server.requests().get(0).body()).get("details"));
    assertEquals(lines, created.details());
  }
}
