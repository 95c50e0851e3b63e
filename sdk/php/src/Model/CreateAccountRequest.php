<?php

declare(strict_types=1);

namespace Payee\Model;

/** The body of POST /v1/accounts. */
final class CreateAccountRequest extends Request
{
    public function __construct(
        public readonly string $currency,
        public readonly AccountType $type,
        public readonly ?string $name = null,
        /** How far below zero the available balance may go: 0 (the API's default) never below zero; null: no limit. */
        #[Nullable]
        public readonly ?int $overdraftLimit = 0,
        /** Balance items the account is spread over (1 to 32; more than 1 needs overdraftLimit null). */
        public readonly ?int $shards = null,
    ) {
    }
}
