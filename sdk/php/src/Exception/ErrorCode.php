<?php

declare(strict_types=1);

namespace Payee\Exception;

/** The error codes the API documents (`$e->code`); the API may add others, so compare, never switch exhaustively. */
final class ErrorCode
{
    public const API_KEY_EXPIRED = 'api_key_expired';
    public const DUPLICATE_OUT_TRADE_NO = 'duplicate_out_trade_no';
    public const GROUP_NOT_CLOSABLE = 'group_not_closable';
    public const IDEMPOTENCY_KEY_IN_USE = 'idempotency_key_in_use';
    public const IDEMPOTENCY_KEY_REUSED = 'idempotency_key_reused';
    public const LEDGER_DISABLED = 'ledger_disabled';
    public const NO_NOTIFY_URL = 'no_notify_url';
    public const PARAMETER_INVALID = 'parameter_invalid';
    public const PARAMETER_MISSING = 'parameter_missing';
    public const PAYMENT_NOT_CLOSABLE = 'payment_not_closable';
    public const PAYMENT_NOT_REFUNDABLE = 'payment_not_refundable';
    public const PROVIDER_REFUSED = 'provider_refused';
    public const PROVIDER_UNAVAILABLE = 'provider_unavailable';
    public const REFUND_EXCEEDS_REFUNDABLE = 'refund_exceeds_refundable';
    public const RESOURCE_MISSING = 'resource_missing';
    public const SERVICE_UNAVAILABLE = 'service_unavailable';
}
