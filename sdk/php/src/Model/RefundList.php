<?php

declare(strict_types=1);

namespace Payee\Model;

/** A payment's refunds. */
final class RefundList extends Model
{
    public function __construct(
        /** @var list<Refund> */
        #[ListOf(Refund::class)]
        public readonly array $data,
    ) {
    }
}
