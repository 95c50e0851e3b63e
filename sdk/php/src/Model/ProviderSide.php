<?php

declare(strict_types=1);

namespace Payee\Model;

/** A statement line's side of a difference. */
final class ProviderSide extends Model
{
    public function __construct(
        public readonly string $currency,
        public readonly string $status,
        public readonly int $refundedAmount,
        public readonly string $at,
        public readonly ?int $amount = null,
    ) {
    }
}
