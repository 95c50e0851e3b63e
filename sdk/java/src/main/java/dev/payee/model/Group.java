package dev.payee.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A group of payments with every member as it is now. Optional fields are null when absent.
 *
 * @param groupNo payee's number (G + ULID); a combined group's number at the provider
 * @param action  combined: what the buyer is shown to pay every member at once
 */
public record Group(
    String groupNo,
    GroupMode mode,
    GroupStatus status,
    String method,
    String notifyUrl,
    Map<String, String> metadata,
    int memberCount,
    Instant createdAt,
    Instant updatedAt,
    PaymentAction action,
    List<GroupMember> members) {

  public Group {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    members = members == null ? List.of() : List.copyOf(members);
  }
}
