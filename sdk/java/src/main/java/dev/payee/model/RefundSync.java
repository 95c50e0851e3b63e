package dev.payee.model;

/**
 * What a sync learnt about one open refund.
 *
 * @param outcome succeeded, failed, processing, resubmitted, unavailable or settled
 */
public record RefundSync(String refundNo, String outcome) {}
