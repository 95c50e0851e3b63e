package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.time.Instant;

/**
 * What the provider says about a payment, normalised.
 *
 * @param providerStatus the provider's own word, e.g. TRADE_SUCCESS
 * @param amount         minor units, when the provider said
 */
public record ProviderState(
    Status status, String providerStatus, String providerTradeNo, Long amount, String currency, Instant paidAt) {

  public enum Status {
    NOT_FOUND,
    PENDING,
    SUCCEEDED,
    CLOSED,
    REFUNDED,
    @JsonEnumDefaultValue
    UNKNOWN
  }
}
