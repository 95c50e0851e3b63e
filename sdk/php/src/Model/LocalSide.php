<?php

declare(strict_types=1);

namespace Payee\Model;

/** payee's side of a difference. */
final class LocalSide extends Model
{
    public function __construct(
        public readonly int $amount,
        public readonly string $currency,
        public readonly string $status,
        public readonly int $refundedAmount,
        public readonly ?string $paidAt = null,
    ) {
    }
}
