<?php

declare(strict_types=1);

namespace Payee\Model;

/** One page of payments, newest first; `nextCursor` is set when more follow. */
final class PaymentList extends Model
{
    public function __construct(
        /** @var list<Payment> */
        #[ListOf(Payment::class)]
        public readonly array $data,
        public readonly ?string $nextCursor = null,
    ) {
    }
}
