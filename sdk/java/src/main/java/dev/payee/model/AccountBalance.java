package dev.payee.model;

import java.time.Instant;

/** An account's posted balance at a time. */
public record AccountBalance(String accountId, String currency, Instant at, long posted) {}
