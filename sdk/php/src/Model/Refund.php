<?php

declare(strict_types=1);

namespace Payee\Model;

/** A refund of part or all of a paid payment. */
final class Refund extends Model
{
    public function __construct(
        public readonly string $refundNo,
        public readonly string $payNo,
        public readonly RefundStatus $status,
        public readonly int $amount,
        public readonly string $currency,
        public readonly string $createdAt,
        public readonly string $updatedAt,
        public readonly ?string $reason = null,
        public readonly ?string $providerRefundNo = null,
        public readonly ?Failure $failure = null,
    ) {
    }
}
