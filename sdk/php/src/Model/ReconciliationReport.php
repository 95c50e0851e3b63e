<?php

declare(strict_types=1);

namespace Payee\Model;

/** The reconciliation of one pay config's statement of a day. */
final class ReconciliationReport extends Model
{
    public function __construct(
        public readonly string $payId,
        public readonly string $channel,
        public readonly string $day,
        public readonly string $checkedAt,
        public readonly int $statementLines,
        public readonly int $localPayments,
        /** @var list<ReconciliationDifference> */
        #[ListOf(ReconciliationDifference::class)]
        public readonly array $differences,
        /** The daily ledger proof; null when no payment of the day posts to the ledger. */
        public readonly ?LedgerProof $ledger = null,
    ) {
    }
}
