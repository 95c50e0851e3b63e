<?php

declare(strict_types=1);

namespace Payee\Model;

/** One page of accounts; `nextCursor` is set when more follow. */
final class AccountList extends Model
{
    public function __construct(
        /** @var list<Account> */
        #[ListOf(Account::class)]
        public readonly array $data,
        public readonly ?string $nextCursor = null,
    ) {
    }
}
