import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.payee.Page;
import dev.payee.PayeeClient;
import dev.payee.RequestOptions;
import dev.payee.Version;
import dev.payee.WaitOptions;
import dev.payee.Webhooks;
import dev.payee.exception.ApiConnectionException;
import dev.payee.exception.AuthenticationException;
import dev.payee.exception.ConflictException;
import dev.payee.exception.IdempotencyException;
import dev.payee.exception.InvalidRequestException;
import dev.payee.exception.NotFoundException;
import dev.payee.exception.PayeeException;
import dev.payee.exception.ProviderUnavailableException;
import dev.payee.exception.RateLimitException;
import dev.payee.exception.ServiceUnavailableException;
import dev.payee.exception.SignatureVerificationException;
import dev.payee.exception.WaitFailedException;
import dev.payee.exception.WaitTimeoutException;
import dev.payee.model.AccountBalanceParams;
import dev.payee.model.AccountType;
import dev.payee.model.CreateAccountParams;
import dev.payee.model.CreateGroupParams;
import dev.payee.model.CreatePaymentParams;
import dev.payee.model.DailyReportParams;
import dev.payee.model.CreateRefundParams;
import dev.payee.model.ListPaymentsParams;
import dev.payee.model.PageParams;
import dev.payee.model.PaymentStatus;
import dev.payee.model.ReconciliationParams;
import dev.payee.model.ReportDimension;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The Java SDK's conformance adapter (sdk/CONTRIBUTING.md): one JSON request per line on stdin,
 * the SDK call it names, one JSON reply per line on stdout. Only the SDK's public API is used;
 * Jackson (the SDK's own dependency) reads the requests and writes the results.
 */
public final class Adapter {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
      .build();

  private final Map<String, PayeeClient> clients = new HashMap<>();
  /** What each client was configured with: the benchmark's raw GETs use the same URL and key. */
  private final Map<String, JsonNode> settings = new HashMap<>();

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    out.println(JSON.writeValueAsString(Map.of("ready",
        Map.of("sdk", "java", "version", Version.SDK_VERSION, "variants", List.of("sync", "async")))));
    Adapter adapter = new Adapter();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) continue;
      JsonNode request = JSON.readTree(line);
      ObjectNode reply = JSON.createObjectNode().put("id", request.get("id").asLong());
      try {
        Object result = adapter.run(request.get("op").asText(), request.path("args"));
        reply.put("ok", true).set("result", JSON.valueToTree(result));
      } catch (Throwable e) {
        reply.put("ok", false).set("error", errorOf(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
      }
      out.println(JSON.writeValueAsString(reply));
    }
  }

  private Object run(String op, JsonNode a) throws Exception {
    if (op.equals("configure")) return configure(a);
    if (op.equals("verifyNotification")) {
      return Webhooks.verifyNotification(a.get("rawBody").asText().getBytes(StandardCharsets.UTF_8), a.get("header").asText(),
          a.get("secret").asText(), tolerance(a), now(a));
    }
    if (op.equals("verifySignature")) {
      Webhooks.verifySignature(a.get("rawBody").asText().getBytes(StandardCharsets.UTF_8), a.get("header").asText(),
          a.get("secret").asText(), tolerance(a), now(a));
      return null;
    }
    PayeeClient payee = clients.get(a.path("client").asText("default"));
    if (payee == null) throw new IllegalStateException("no client " + a.path("client").asText("default") + ": configure it first");
    boolean async = a.path("variant").asText("sync").equals("async");
    String payNo = a.path("payNo").asText(null);
    RequestOptions options = a.hasNonNull("idempotencyKey") ? RequestOptions.idempotencyKey(a.get("idempotencyKey").asText()) : RequestOptions.NONE;
    return switch (op) {
      case "createPayment" -> call(async, () -> payee.payments().create(payment(a), options),
          () -> payee.payments().createAsync(payment(a), options));
      case "getPayment" -> call(async, () -> payee.payments().get(payNo), () -> payee.payments().getAsync(payNo));
      case "listPayments" -> page(call(async, () -> payee.payments().list(list(a)), () -> payee.payments().listAsync(list(a))));
      case "listAllPayments" -> call(async, () -> payee.payments().list(list(a)), () -> payee.payments().listAsync(list(a)))
          .autoPagingStream().toList();
      case "getPaymentByOutTradeNo" -> call(async, () -> payee.payments().findByOutTradeNo(a.get("outTradeNo").asText()),
          () -> payee.payments().findByOutTradeNoAsync(a.get("outTradeNo").asText())).orElse(null);
      case "listPaymentEvents" -> data(call(async, () -> payee.payments().events(payNo), () -> payee.payments().eventsAsync(payNo)));
      case "closePayment" -> call(async, () -> payee.payments().close(payNo), () -> payee.payments().closeAsync(payNo));
      case "syncPayment" -> call(async, () -> payee.payments().sync(payNo), () -> payee.payments().syncAsync(payNo));
      case "createRefund" -> call(async, () -> payee.refunds().create(payNo, refund(a), options),
          () -> payee.refunds().createAsync(payNo, refund(a), options));
      case "listRefunds" -> data(call(async, () -> payee.refunds().list(payNo), () -> payee.refunds().listAsync(payNo)));
      case "listNotifications" -> data(call(async, () -> payee.notifications().list(payNo), () -> payee.notifications().listAsync(payNo)));
      case "resendNotification" -> call(async, () -> payee.notifications().resend(payNo), () -> payee.notifications().resendAsync(payNo));
      case "getReconciliation" -> {
        ReconciliationParams params = JSON.treeToValue(a.get("params"), ReconciliationParams.class);
        yield call(async, () -> payee.reports().reconciliation(params), () -> payee.reports().reconciliationAsync(params));
      }
      case "getOpenApi" -> call(async, payee::openapi, payee::openapiAsync);
      case "getDailyReport" -> {
        JsonNode p = a.get("params");
        DailyReportParams params = new DailyReportParams(LocalDate.parse(p.get("from").asText()), LocalDate.parse(p.get("to").asText()),
            p.hasNonNull("groupBy") ? JSON.convertValue(p.get("groupBy"), ReportDimension.class) : null, p.path("companyId").asText(null));
        yield call(async, () -> payee.reports().daily(params), () -> payee.reports().dailyAsync(params));
      }
      case "createGroup" -> {
        CreateGroupParams params = JSON.treeToValue(a.get("params"), CreateGroupParams.class);
        yield call(async, () -> payee.groups().create(params, options), () -> payee.groups().createAsync(params, options));
      }
      case "getGroup" -> call(async, () -> payee.groups().get(groupNo(a)), () -> payee.groups().getAsync(groupNo(a)));
      case "listGroups" -> page(call(async, () -> payee.groups().list(pages(a)), () -> payee.groups().listAsync(pages(a))));
      case "listAllGroups" -> call(async, () -> payee.groups().list(pages(a)), () -> payee.groups().listAsync(pages(a)))
          .autoPagingStream().toList();
      case "createAccount" -> {
        CreateAccountParams params = account(a.get("params"));
        yield call(async, () -> payee.accounts().create(params, options), () -> payee.accounts().createAsync(params, options));
      }
      case "getAccount" -> call(async, () -> payee.accounts().get(accountId(a)), () -> payee.accounts().getAsync(accountId(a)));
      case "listAccounts" -> page(call(async, () -> payee.accounts().list(pages(a)), () -> payee.accounts().listAsync(pages(a))));
      case "listAllAccounts" -> call(async, () -> payee.accounts().list(pages(a)), () -> payee.accounts().listAsync(pages(a)))
          .autoPagingStream().toList();
      case "listAccountFlows" -> page(call(async, () -> payee.accounts().flows(accountId(a), pages(a)),
          () -> payee.accounts().flowsAsync(accountId(a), pages(a))));
      case "listAllAccountFlows" -> call(async, () -> payee.accounts().flows(accountId(a), pages(a)),
          () -> payee.accounts().flowsAsync(accountId(a), pages(a))).autoPagingStream().toList();
      case "getAccountBalance" -> {
        AccountBalanceParams at = a.hasNonNull("at") ? AccountBalanceParams.at(Instant.parse(a.get("at").asText())) : AccountBalanceParams.now();
        yield call(async, () -> payee.accounts().balance(accountId(a), at), () -> payee.accounts().balanceAsync(accountId(a), at));
      }
      case "closeGroup" -> call(async, () -> payee.groups().close(groupNo(a)), () -> payee.groups().closeAsync(groupNo(a)));
      case "syncGroup" -> call(async, () -> payee.groups().sync(groupNo(a)), () -> payee.groups().syncAsync(groupNo(a)));
      case "bench" -> bench(payee, settings.get(a.path("client").asText("default")), a);
      case "createAndWait" -> {
        Set<PaymentStatus> statuses = a.has("statuses") ? statuses(a) : null;
        yield statuses == null
            ? call(async, () -> payee.payments().createAndWait(payment(a), options, wait(a)),
                () -> payee.payments().createAndWaitAsync(payment(a), options, wait(a)))
            : call(async, () -> payee.payments().createAndWait(payment(a), statuses, options, wait(a)),
                () -> payee.payments().createAndWaitAsync(payment(a), statuses, options, wait(a)));
      }
      case "waitFor" -> call(async, () -> payee.payments().waitFor(payNo, statuses(a), wait(a)),
          () -> payee.payments().waitForAsync(payNo, statuses(a), wait(a)));
      case "refundAndWait" -> call(async, () -> payee.payments().refundAndWait(payNo, refund(a), options, wait(a)),
          () -> payee.payments().refundAndWaitAsync(payNo, refund(a), options, wait(a)));
      default -> throw new IllegalArgumentException("unknown op " + op);
    };
  }

  private Object configure(JsonNode a) {
    PayeeClient.Builder builder = PayeeClient.builder().baseUrl(a.get("baseUrl").asText()).apiKey(a.get("apiKey").asText());
    if (a.hasNonNull("maxRetries")) builder.maxRetries(a.get("maxRetries").asInt());
    if (a.hasNonNull("timeoutMs")) builder.timeout(Duration.ofMillis(a.get("timeoutMs").asLong()));
    clients.put(a.path("client").asText("default"), builder.build());
    settings.put(a.path("client").asText("default"), a);
    return null;
  }

  /**
   * getAsync against the same GET through a java.net.http.HttpClient as the SDK builds its own
   * (HTTP/1.1 to a plain-http server), its body read as a Jackson tree: after an untimed warm-up
   * of each, rounds alternating which goes first.
   */
  private static Map<String, Object> bench(PayeeClient payee, JsonNode client, JsonNode a) {
    int calls = a.get("calls").asInt();
    int concurrency = a.get("concurrency").asInt();
    int rounds = a.get("rounds").asInt();
    String payNo = a.get("payNo").asText();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(client.get("baseUrl").asText().replaceAll("/+$", "")
            + "/v1/payments/" + URLEncoder.encode(payNo, StandardCharsets.UTF_8)))
        .header("x-api-key", client.get("apiKey").asText()).GET().build();
    Supplier<CompletableFuture<?>> raw = () -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(reply -> {
      if (reply.statusCode() != 200) throw new IllegalStateException("raw GET answered " + reply.statusCode());
      try {
        return JSON.readTree(reply.body());
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    });
    Supplier<CompletableFuture<?>> sdk = () -> payee.payments().getAsync(payNo);
    timed(concurrency * 4, concurrency, raw);
    timed(concurrency * 4, concurrency, sdk);
    double rawMs = 0;
    double sdkMs = 0;
    for (int i = 0; i < rounds; i++) {
      int share = calls / rounds + (i < calls % rounds ? 1 : 0);
      if (i % 2 == 0) rawMs += timed(share, concurrency, raw);
      sdkMs += timed(share, concurrency, sdk);
      if (i % 2 == 1) rawMs += timed(share, concurrency, raw);
    }
    return Map.of("rawMs", rawMs, "sdkMs", sdkMs, "variant", "async (CompletableFuture)");
  }

  /** {@code calls} runs of {@code task}, {@code concurrency} chains of futures at once; milliseconds. */
  private static double timed(int calls, int concurrency, Supplier<CompletableFuture<?>> task) {
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    CompletableFuture.allOf(IntStream.range(0, concurrency).mapToObj(i -> chain(next, calls, task)).toArray(CompletableFuture[]::new)).join();
    return (System.nanoTime() - started) / 1e6;
  }

  private static CompletableFuture<Void> chain(AtomicInteger next, int calls, Supplier<CompletableFuture<?>> task) {
    if (next.getAndIncrement() >= calls) return CompletableFuture.completedFuture(null);
    return task.get().thenCompose(ignored -> chain(next, calls, task));
  }

  /** The blocking form, or the CompletableFuture form joined. */
  private static <T> T call(boolean async, Supplier<T> blocking, Supplier<CompletableFuture<T>> future) {
    return async ? future.get().join() : blocking.get();
  }

  private static CreatePaymentParams payment(JsonNode a) {
    return JSON.convertValue(a.get("params"), CreatePaymentParams.class);
  }

  private static CreateRefundParams refund(JsonNode a) {
    return JSON.convertValue(a.get("params"), CreateRefundParams.class);
  }

  private static String groupNo(JsonNode a) {
    return a.path("groupNo").asText(null);
  }

  private static String accountId(JsonNode a) {
    return a.path("accountId").asText(null);
  }

  /** The builder, so that an overdraftLimit left out keeps the API's 0 and only an explicit null is no limit. */
  private static CreateAccountParams account(JsonNode p) {
    CreateAccountParams.Builder builder = CreateAccountParams.builder().currency(p.path("currency").asText(null))
        .type(JSON.convertValue(p.get("type"), AccountType.class));
    if (p.hasNonNull("name")) builder.name(p.get("name").asText());
    if (p.has("overdraftLimit")) {
      if (p.get("overdraftLimit").isNull()) builder.noOverdraftLimit();
      else builder.overdraftLimit(p.get("overdraftLimit").asLong());
    }
    if (p.hasNonNull("shards")) builder.shards(p.get("shards").asInt());
    return builder.build();
  }

  private static PageParams pages(JsonNode a) {
    return a.hasNonNull("params") ? JSON.convertValue(a.get("params"), PageParams.class) : PageParams.all();
  }

  private static ListPaymentsParams list(JsonNode a) {
    return a.hasNonNull("params") ? JSON.convertValue(a.get("params"), ListPaymentsParams.class) : ListPaymentsParams.all();
  }

  private static Set<PaymentStatus> statuses(JsonNode a) {
    Set<PaymentStatus> statuses = EnumSet.noneOf(PaymentStatus.class);
    a.get("statuses").forEach(s -> statuses.add(PaymentStatus.valueOf(s.asText())));
    return statuses;
  }

  private static WaitOptions wait(JsonNode a) {
    WaitOptions defaults = WaitOptions.defaults();
    return new WaitOptions(
        a.hasNonNull("maxWaitMs") ? Duration.ofMillis(a.get("maxWaitMs").asLong()) : defaults.maxWait(),
        a.hasNonNull("minDelayMs") ? Duration.ofMillis(a.get("minDelayMs").asLong()) : defaults.minDelay(),
        a.hasNonNull("maxDelayMs") ? Duration.ofMillis(a.get("maxDelayMs").asLong()) : defaults.maxDelay());
  }

  private static Duration tolerance(JsonNode a) {
    return a.hasNonNull("toleranceSeconds") ? Duration.ofSeconds(a.get("toleranceSeconds").asLong()) : Webhooks.DEFAULT_TOLERANCE;
  }

  private static Instant now(JsonNode a) {
    return a.hasNonNull("now") ? Instant.ofEpochSecond(a.get("now").asLong()) : Instant.now();
  }

  private static Map<String, Object> page(Page<?> page) {
    Map<String, Object> list = new HashMap<>();
    list.put("data", page.data());
    page.nextCursor().ifPresent(cursor -> list.put("nextCursor", cursor));
    return list;
  }

  private static Map<String, Object> data(List<?> items) {
    return Map.of("data", items);
  }

  private static ObjectNode errorOf(Throwable e) {
    ObjectNode error = JSON.createObjectNode();
    if (!(e instanceof PayeeException p)) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      return error.put("kind", "adapter").put("class", e.getClass().getName()).put("message", trace.toString());
    }
    error.put("kind", kind(p)).put("class", p.getClass().getSimpleName()).put("message", p.getMessage());
    if (p.status() != 0) error.put("status", p.status());
    if (p.code() != null) error.put("code", p.code());
    if (p.param() != null) error.put("param", p.param());
    if (p.payNo() != null) error.put("payNo", p.payNo());
    if (p.requestId() != null) error.put("requestId", p.requestId());
    p.retryAfter().ifPresent(after -> error.put("retryAfterMs", after.toMillis()));
    if (p instanceof WaitTimeoutException timeout) error.set("last", JSON.valueToTree(timeout.lastSeen()));
    if (p instanceof WaitFailedException failed) error.set("last", JSON.valueToTree(failed.lastSeen()));
    return error;
  }

  /** The protocol's kind: the API's error.type for each typed class, else what went wrong. */
  private static String kind(PayeeException e) {
    if (e instanceof InvalidRequestException) return "invalid_request";
    if (e instanceof AuthenticationException) return "authentication";
    if (e instanceof NotFoundException) return "not_found";
    if (e instanceof ConflictException) return "conflict";
    if (e instanceof IdempotencyException) return "idempotency";
    if (e instanceof ProviderUnavailableException) return "provider";
    if (e instanceof ServiceUnavailableException) return "unavailable";
    if (e instanceof RateLimitException) return "rate_limit";
    if (e instanceof ApiConnectionException) return "connection";
    if (e instanceof SignatureVerificationException) return "signature";
    if (e instanceof WaitTimeoutException) return "wait_timeout";
    if (e instanceof WaitFailedException) return "wait_failed";
    return "internal".equals(e.type()) ? "internal" : "api";
  }
}
