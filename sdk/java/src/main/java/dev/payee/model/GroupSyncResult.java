package dev.payee.model;

import java.util.List;

/** A group sync: the group as it is now and each member's provider answer (applied asynchronously). */
public record GroupSyncResult(Group group, List<GroupMemberSync> members) {

  public GroupSyncResult {
    members = members == null ? List.of() : List.copyOf(members);
  }
}
