package dev.payee.model;

import java.time.Instant;

/** The query of an account's balance: {@code at} null is now. */
public record AccountBalanceParams(Instant at) {

  public static AccountBalanceParams now() {
    return new AccountBalanceParams(null);
  }

  public static AccountBalanceParams at(Instant at) {
    return new AccountBalanceParams(at);
  }
}
