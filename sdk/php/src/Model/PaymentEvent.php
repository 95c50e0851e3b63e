<?php

declare(strict_types=1);

namespace Payee\Model;

/** A provider event payee accepted for a payment (the audit trail). */
final class PaymentEvent extends Model
{
    public function __construct(
        public readonly string $eventId,
        public readonly string $channel,
        public readonly string $providerStatus,
        public readonly PaymentStatus $status,
        public readonly EventOutcome $outcome,
        public readonly PaymentStatus $fromStatus,
        public readonly int $amount,
        public readonly string $currency,
        public readonly string $recordedAt,
        public readonly ?PaymentStatus $toStatus = null,
        public readonly ?string $reason = null,
        public readonly ?string $providerTradeNo = null,
        public readonly ?string $paidAt = null,
        public readonly ?string $notifiedAt = null,
    ) {
    }
}
