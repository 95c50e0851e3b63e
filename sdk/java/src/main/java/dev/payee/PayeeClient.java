package dev.payee;

import com.fasterxml.jackson.databind.JavaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The entry point: one client per base URL and API key, thread-safe, meant to be shared.
 *
 * <pre>{@code
 * PayeeClient payee = PayeeClient.builder()
 *     .baseUrl("http://127.0.0.1:4010/live")
 *     .apiKey("pk_...")
 *     .build();
 * Payment payment = payee.payments().create(CreatePaymentParams.builder()
 *     .method(PaymentMethod.ALIPAY_QR).outTradeNo("A1001").subject("T-shirt")
 *     .amount(1999).currency("CNY").build());
 * }</pre>
 */
public final class PayeeClient {
  private final Payments payments;
  private final Refunds refunds;
  private final Notifications notifications;
  private final Reports reports;
  private final Groups groups;
  private final Accounts accounts;

  private static final JavaType DOCUMENT = Json.MAPPER.getTypeFactory().constructMapType(Map.class, String.class, Object.class);

  private final Requester requester;

  private PayeeClient(Requester requester, DoubleSupplier random) {
    this.requester = requester;
    this.refunds = new Refunds(requester);
    this.payments = new Payments(requester, refunds, new Waiter(requester, random));
    this.notifications = new Notifications(requester);
    this.reports = new Reports(requester);
    this.groups = new Groups(requester);
    this.accounts = new Accounts(requester);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Payments, and the waiters createAndWait, waitFor and refundAndWait. */
  public Payments payments() {
    return payments;
  }

  public Refunds refunds() {
    return refunds;
  }

  /** The notifications payee sent to a payment's notifyUrl. */
  public Notifications notifications() {
    return notifications;
  }

  public Reports reports() {
    return reports;
  }

  /** Groups of payments: a batch created in one call, or one combined payment at the provider. */
  public Groups groups() {
    return groups;
  }

  /** The ledger: accounts, their flows and balances. */
  public Accounts accounts() {
    return accounts;
  }

  /** The API's OpenAPI 3.1 document ({@code GET /v1/openapi.json}), as parsed JSON. */
  public Map<String, Object> openapi() {
    return requester.send(requester.call("GET", "/v1/openapi.json", null, null, RequestOptions.NONE), DOCUMENT);
  }

  public CompletableFuture<Map<String, Object>> openapiAsync() {
    return requester.sendAsync(requester.call("GET", "/v1/openapi.json", null, null, RequestOptions.NONE), DOCUMENT);
  }

  public static final class Builder {
    private String baseUrl;
    private String apiKey;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration timeout = Duration.ofSeconds(80);
    private int maxRetries = 2;
    private HttpClient httpClient;
    private Executor executor;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /** The API's base URL, stage included: {@code ApiUrl} of a stack, or the local stack's. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** The merchant's API key, sent as {@code x-api-key}. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** Connect timeout of the HttpClient the SDK builds (30 s); ignored with {@link #httpClient}. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout);
      return this;
    }

    /** How long one attempt may take, connect to last byte (80 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout);
      return this;
    }

    /**
     * Retries after a failed first attempt (2): on connection errors, 409
     * {@code idempotency_key_in_use}, 429 and 5xx, with backoff and jitter from 0.5 s to 5 s,
     * or the {@code Retry-After} asked for (up to 60 s). 0 turns retries off, except one retry
     * of a request whose kept-alive connection turned out dead.
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0");
      this.maxRetries = maxRetries;
      return this;
    }

    /** Your own HttpClient (proxy, TLS, pool settings). */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /** Runs asynchronous calls' continuations and retry delays (default: the common pool). */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    Builder random(DoubleSupplier random) {
      this.random = random;
      return this;
    }

    public PayeeClient build() {
      if (baseUrl == null || baseUrl.isBlank()) throw new IllegalStateException("baseUrl is required");
      if (apiKey == null || apiKey.isBlank()) throw new IllegalStateException("apiKey is required");
      URI base = URI.create(baseUrl);
      if (base.getScheme() == null || base.getHost() == null) throw new IllegalStateException("baseUrl must be an absolute URL: " + baseUrl);
      Executor pool = executor != null ? executor : ForkJoinPool.commonPool();
      HttpClient http = httpClient;
      if (http == null) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (executor != null) builder.executor(executor);
        http = builder.build();
      }
      String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
      Requester requester = new Requester(http, trimmed, apiKey, timeout, maxRetries, pool, sleeper, clock, random);
      return new PayeeClient(requester, random);
    }
  }
}
