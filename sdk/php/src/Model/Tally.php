<?php

declare(strict_types=1);

namespace Payee\Model;

/** How many payments (or refunds) and their amount in minor units. */
final class Tally extends Model
{
    public function __construct(
        public readonly int $count,
        public readonly int $amount,
    ) {
    }
}
