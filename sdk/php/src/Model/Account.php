<?php

declare(strict_types=1);

namespace Payee\Model;

/** A ledger account and its balance. */
final class Account extends Model
{
    public function __construct(
        public readonly string $accountId,
        public readonly string $currency,
        public readonly AccountType $type,
        /** How far below zero the available balance may go; null: no limit. */
        #[Nullable]
        public readonly ?int $overdraftLimit,
        public readonly int $shards,
        public readonly Balance $balance,
        public readonly string $createdAt,
        public readonly ?string $name = null,
    ) {
    }
}
