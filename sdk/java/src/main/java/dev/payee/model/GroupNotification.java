package dev.payee.model;

import java.time.Instant;

/**
 * The body payee POSTs to a group's notifyUrl when the group is paid or closed, as returned by
 * {@link dev.payee.Webhooks#verifyNotification}.
 *
 * @param id   N + ULID, the same on every retry of this notification: deduplicate on it
 * @param type {@code group.paid} or {@code group.closed}
 * @param data the group, with its members, exactly as {@code GET /v1/groups/{groupNo}} returned it then
 */
public record GroupNotification(String id, String type, Instant createdAt, Group data) implements VerifiedNotification {}
