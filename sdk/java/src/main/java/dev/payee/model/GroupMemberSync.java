package dev.payee.model;

/**
 * What one member's provider said to a group sync, or why it was not asked.
 *
 * @param provider the provider's answer, normalised; null with an error
 * @param eventId  the event queued to apply the answer, when it is a fact to apply
 */
public record GroupMemberSync(String payNo, ProviderState.Status provider, String eventId, Failure error) {}
