<?php

declare(strict_types=1);

namespace Payee\Model;

/** A payment's events, oldest first. */
final class PaymentEventList extends Model
{
    public function __construct(
        /** @var list<PaymentEvent> */
        #[ListOf(PaymentEvent::class)]
        public readonly array $data,
    ) {
    }
}
