package dev.payee;

import java.time.Duration;

/**
 * Per-call overrides of the client's settings. Start from {@link #builder()}; unset fields
 * keep the client's value.
 *
 * @param apiKey         another API key for this call (a child company's, say)
 * @param idempotencyKey the Idempotency-Key of a POST; by default the SDK makes one per call
 *                       and reuses it on every retry
 * @param timeout        how long one attempt may take, connect to last byte
 * @param maxRetries     retries after the first attempt
 */
public record RequestOptions(String apiKey, String idempotencyKey, Duration timeout, Integer maxRetries) {
  /** No overrides: the client's settings. */
  public static final RequestOptions NONE = new RequestOptions(null, null, null, null);

  public static Builder builder() {
    return new Builder();
  }

  /** Only an Idempotency-Key: the common case. */
  public static RequestOptions idempotencyKey(String key) {
    return new RequestOptions(null, key, null, null);
  }

  public static final class Builder {
    private String apiKey;
    private String idempotencyKey;
    private Duration timeout;
    private Integer maxRetries;

    private Builder() {}

    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    public RequestOptions build() {
      return new RequestOptions(apiKey, idempotencyKey, timeout, maxRetries);
    }
  }
}
