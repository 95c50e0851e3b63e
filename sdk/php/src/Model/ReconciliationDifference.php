<?php

declare(strict_types=1);

namespace Payee\Model;

/** One payment on which the statement and payee disagree. */
final class ReconciliationDifference extends Model
{
    public function __construct(
        public readonly DifferenceKind $kind,
        public readonly string $payNo,
        public readonly ?string $providerTradeNo = null,
        public readonly ?ProviderSide $provider = null,
        public readonly ?LocalSide $local = null,
        public readonly ?LedgerSide $ledger = null,
    ) {
    }
}
