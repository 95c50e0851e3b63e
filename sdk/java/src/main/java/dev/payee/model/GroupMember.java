package dev.payee.model;

/**
 * A member of a group.
 *
 * @param payment the member's payment as it is now; null when it could not be created (see error)
 * @param error   why the member has no payment yet (duplicate_out_trade_no, provider_unavailable:
 *                the same create again, with the same Idempotency-Key, completes it), or null
 */
public record GroupMember(String outTradeNo, String payNo, Payment payment, Failure error) {}
