package dev.payee.model;

/** The provider's reason for refusing a payment or refund. */
public record Failure(String code, String message) {}
