package dev.payee.model;

/** How many payments (or refunds) and their sum in minor units. */
public record Tally(long count, long amount) {}
