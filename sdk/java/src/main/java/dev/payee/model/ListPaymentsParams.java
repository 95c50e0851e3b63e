package dev.payee.model;

import java.time.Instant;

/**
 * Filters of {@code GET /v1/payments}, newest first. All optional; build with
 * {@link #builder()} or take {@link #all()}.
 *
 * @param companyId   a descendant company whose payments to list instead of the caller's
 * @param limit       page size, 1 to 100 (the API's default is 20)
 * @param cursor      the nextCursor of the previous page; auto-pagination fills it in
 * @param createdFrom oldest creation time, at most 366 days before createdTo
 * @param createdTo   newest creation time (exclusive); default now
 */
public record ListPaymentsParams(String companyId, Integer limit, String cursor, Instant createdFrom, Instant createdTo) {

  public static ListPaymentsParams all() {
    return new ListPaymentsParams(null, null, null, null, null);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The same filters from another page on. */
  public ListPaymentsParams withCursor(String cursor) {
    return new ListPaymentsParams(companyId, limit, cursor, createdFrom, createdTo);
  }

  public static final class Builder {
    private String companyId;
    private Integer limit;
    private String cursor;
    private Instant createdFrom;
    private Instant createdTo;

    private Builder() {}

    public Builder companyId(String companyId) {
      this.companyId = companyId;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public Builder cursor(String cursor) {
      this.cursor = cursor;
      return this;
    }

    public Builder createdFrom(Instant createdFrom) {
      this.createdFrom = createdFrom;
      return this;
    }

    public Builder createdTo(Instant createdTo) {
      this.createdTo = createdTo;
      return this;
    }

    public ListPaymentsParams build() {
      return new ListPaymentsParams(companyId, limit, cursor, createdFrom, createdTo);
    }
  }
}
