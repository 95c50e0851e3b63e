<?php

declare(strict_types=1);

namespace Payee\Model;

/** What a payment's detail lines posted to the ledger (a ledger_differs difference). */
final class LedgerSide extends Model
{
    public function __construct(
        public readonly int $posted,
    ) {
    }
}
