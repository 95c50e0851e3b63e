package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The body of {@code POST /v1/accounts}. Build with {@link #builder()}; currency and type are
 * required.
 *
 * @param overdraftLimit how far below zero the available balance may go, in minor units; the
 *                       builder's default 0 (the API's) never below zero; null: no limit, sent as
 *                       null (an account spread over shards needs it)
 * @param shards         balance items to spread a hot account over, 1-32; null: the API's 1
 */
public record CreateAccountParams(
    String currency,
    AccountType type,
    String name,
    @JsonInclude(JsonInclude.Include.ALWAYS) Long overdraftLimit,
    Integer shards) {

  public CreateAccountParams {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(type, "type");
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private String currency;
    private AccountType type;
    private String name;
    private Long overdraftLimit = 0L;
    private Integer shards;

    private Builder() {}

    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    public Builder type(AccountType type) {
      this.type = type;
      return this;
    }

    /** A name for people. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** How far below zero the available balance may go, in minor units (default 0). */
    public Builder overdraftLimit(long overdraftLimit) {
      this.overdraftLimit = overdraftLimit;
      return this;
    }

    /** No overdraft limit at all. */
    public Builder noOverdraftLimit() {
      this.overdraftLimit = null;
      return this;
    }

    /** Spreads a hot account's balance over 1-32 items; more than 1 needs {@link #noOverdraftLimit()}. */
    public Builder shards(int shards) {
      this.shards = shards;
      return this;
    }

    public CreateAccountParams build() {
      return new CreateAccountParams(currency, type, name, overdraftLimit, shards);
    }
  }
}
