<?php

declare(strict_types=1);

namespace Payee\Model;

/** An account's posted balance at a moment. */
final class AccountBalance extends Model
{
    public function __construct(
        public readonly string $accountId,
        public readonly string $currency,
        public readonly string $at,
        public readonly int $posted,
    ) {
    }
}
