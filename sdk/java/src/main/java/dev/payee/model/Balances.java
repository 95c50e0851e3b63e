package dev.payee.model;

/**
 * An account's balances in minor units, in its type's own sense (a liability's posted balance is
 * its credits less its debits).
 *
 * @param pendingIncoming pending flows that raise {@code posted} when their payments succeed
 * @param pendingOutgoing pending flows that lower it, already held from {@code available}
 * @param available       posted less pendingOutgoing: what the overdraft rule is checked against
 */
public record Balances(
    long posted,
    long pendingIncoming,
    long pendingOutgoing,
    long available,
    long postedDebits,
    long postedCredits,
    long pendingDebits,
    long pendingCredits) {}
