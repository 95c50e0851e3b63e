<?php

declare(strict_types=1);

namespace Payee\Model;

/** A detail line of a payment: what moves from one account to another (the lines add up to the amount). */
final class DetailLine extends Model
{
    public function __construct(
        public readonly string $accountOut,
        public readonly string $accountRec,
        public readonly int $amount,
        public readonly ?string $memo = null,
    ) {
    }
}
