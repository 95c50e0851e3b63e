package dev.payee.model;

import java.time.Instant;

/**
 * A ledger account and its balances (its shards added up).
 *
 * @param accountId      A + ULID: what detail lines name as accountOut and accountRec
 * @param overdraftLimit how far below zero the available balance may go; null: no limit
 * @param shards         balance items the account is spread over (a hot account has several)
 */
public record Account(
    String accountId,
    String currency,
    AccountType type,
    String name,
    Long overdraftLimit,
    int shards,
    Balances balance,
    Instant createdAt) {}
