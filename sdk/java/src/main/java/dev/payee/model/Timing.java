package dev.payee.model;

/**
 * Durations measured: how many, and the histogram buckets holding the median and the 95th
 * percentile (null when none was measured).
 */
public record Timing(long count, Long p50Ms, Long p95Ms) {}
