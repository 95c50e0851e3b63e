<?php

declare(strict_types=1);

namespace Payee\Model;

/** The daily ledger proof: the day's paid ledger payments, their amounts, what their lines posted, what the statement says. */
final class LedgerProof extends Model
{
    public function __construct(
        public readonly int $payments,
        public readonly int $paid,
        public readonly int $posted,
        public readonly int $statement,
    ) {
    }
}
