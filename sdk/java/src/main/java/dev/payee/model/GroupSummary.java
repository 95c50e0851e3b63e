package dev.payee.model;

import java.time.Instant;
import java.util.Map;

/** A group as the list gives it: without its members ({@code groups().get} has them). */
public record GroupSummary(
    String groupNo,
    GroupMode mode,
    GroupStatus status,
    String method,
    String notifyUrl,
    Map<String, String> metadata,
    int memberCount,
    Instant createdAt,
    Instant updatedAt) {

  public GroupSummary {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
