<?php

declare(strict_types=1);

namespace Payee\Model;

/** An account's balance in minor units: posted, pending both ways, and what is available. */
final class Balance extends Model
{
    public function __construct(
        public readonly int $posted,
        public readonly int $pendingIncoming,
        public readonly int $pendingOutgoing,
        /** posted - pendingOutgoing: what the overdraft rule is checked against. */
        public readonly int $available,
        public readonly int $postedDebits,
        public readonly int $postedCredits,
        public readonly int $pendingDebits,
        public readonly int $pendingCredits,
    ) {
    }
}
