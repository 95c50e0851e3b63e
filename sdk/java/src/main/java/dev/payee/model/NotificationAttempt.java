package dev.payee.model;

import java.time.Instant;

/**
 * One attempt to deliver a notification.
 *
 * @param n          1 for the first attempt
 * @param statusCode your endpoint's HTTP status, when it answered
 * @param error      why there was no answer: connection refused, timed out, address refused
 * @param latencyMs  from sending to the answer (or the error)
 */
public record NotificationAttempt(long n, Instant at, Integer statusCode, String error, long latencyMs) {}
