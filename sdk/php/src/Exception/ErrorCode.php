<?php

declare(strict_types=1);

namespace Payee\Exception;

/** The error codes the API documents (`$e->code`); the API may add others, so compare, never switch exhaustively. */
final class ErrorCode
{
    public const ACCOUNT_NOT_FOUND = 'account_not_found';
    public const API_KEY_EXPIRED = 'api_key_expired';
    public const COMBINE_PARTNER_UNSUPPORTED = 'combine_partner_unsupported';
    public const COMBINED_NOT_SUPPORTED = 'combined_not_supported';
    public const CURRENCY_MISMATCH = 'currency_mismatch';
    public const CURRENCY_NOT_SUPPORTED = 'currency_not_supported';
    public const DUPLICATE_OUT_TRADE_NO = 'duplicate_out_trade_no';
    public const GROUP_NOT_CLOSABLE = 'group_not_closable';
    public const IDEMPOTENCY_KEY_IN_USE = 'idempotency_key_in_use';
    public const IDEMPOTENCY_KEY_REUSED = 'idempotency_key_reused';
    public const INSUFFICIENT_FUNDS = 'insufficient_funds';
    public const INVALID_CLIENT = 'invalid_client';
    public const INVALID_JSON = 'invalid_json';
    public const LEDGER_DISABLED = 'ledger_disabled';
    public const METHOD_NOT_SUPPORTED = 'method_not_supported';
    public const NO_NOTIFY_URL = 'no_notify_url';
    public const NOT_CAPTURED = 'not_captured';
    public const NOT_PAID = 'not_paid';
    public const PARAMETER_CONFLICT = 'parameter_conflict';
    public const PARAMETER_INVALID = 'parameter_invalid';
    public const PARAMETER_MISSING = 'parameter_missing';
    public const PARAMETER_UNKNOWN = 'parameter_unknown';
    public const PAY_CONFIG_AMBIGUOUS = 'pay_config_ambiguous';
    public const PAY_CONFIG_INVALID = 'pay_config_invalid';
    public const PAY_CONFIG_MISMATCH = 'pay_config_mismatch';
    public const PAY_CONFIG_NOT_FOUND = 'pay_config_not_found';
    public const PAYER_CLIENT_IP_REQUIRED = 'payer_client_ip_required';
    public const PAYER_OPENID_REQUIRED = 'payer_openid_required';
    public const PAYMENT_CHANGED = 'payment_changed';
    public const PAYMENT_NOT_CLOSABLE = 'payment_not_closable';
    public const PAYMENT_NOT_REFUNDABLE = 'payment_not_refundable';
    public const PROVIDER_REFUSED = 'provider_refused';
    public const PROVIDER_UNAVAILABLE = 'provider_unavailable';
    public const REFUND_EXCEEDS_REFUNDABLE = 'refund_exceeds_refundable';
    public const RESOURCE_MISSING = 'resource_missing';
    public const SCENE_METHOD_UNAVAILABLE = 'scene_method_unavailable';
    public const SCENE_NOT_FOUND = 'scene_not_found';
    public const SERVICE_UNAVAILABLE = 'service_unavailable';
    public const STATEMENT_NOT_SUPPORTED = 'statement_not_supported';
    public const TRANSFER_NOT_REFUNDABLE = 'transfer_not_refundable';
    public const UNKNOWN_API_VERSION = 'unknown_api_version';
    public const UNSUPPORTED_CONTENT_TYPE = 'unsupported_content_type';
}
