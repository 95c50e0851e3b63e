package dev.payee.model;

import java.util.Objects;

/**
 * One line of a payment's {@code details}: part of its amount moving out of {@code accountOut}
 * into {@code accountRec}. A payment's lines add up to its amount.
 *
 * @param amount minor units this line moves
 * @param memo   free text kept with the line, or null
 */
public record DetailLine(String accountOut, String accountRec, long amount, String memo) {

  public DetailLine {
    Objects.requireNonNull(accountOut, "accountOut");
    Objects.requireNonNull(accountRec, "accountRec");
  }

  public static DetailLine of(String accountOut, String accountRec, long amount) {
    return new DetailLine(accountOut, accountRec, amount, null);
  }

  public static DetailLine of(String accountOut, String accountRec, long amount, String memo) {
    return new DetailLine(accountOut, accountRec, amount, memo);
  }
}
