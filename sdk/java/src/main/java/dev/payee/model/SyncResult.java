package dev.payee.model;

import java.util.List;

/**
 * The answer of {@code POST /v1/payments/{payNo}/sync}: the payment as it is now, and what the
 * provider said (applied asynchronously, like a callback).
 *
 * @param eventId the event queued for the status worker, when the answer is a fact to apply
 * @param refunds the payment's open refunds, asked about at the provider now
 */
public record SyncResult(Payment payment, ProviderState provider, String eventId, List<RefundSync> refunds) {
  public SyncResult {
    refunds = refunds == null ? List.of() : List.copyOf(refunds);
  }
}
