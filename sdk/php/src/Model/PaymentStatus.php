<?php

declare(strict_types=1);

namespace Payee\Model;

/** Where a payment is: CREATED and PENDING are open; the rest are reached once the buyer is done. */
enum PaymentStatus: string
{
    case Created = 'CREATED';
    case Pending = 'PENDING';
    case Succeeded = 'SUCCEEDED';
    case PartiallyRefunded = 'PARTIALLY_REFUNDED';
    case Refunded = 'REFUNDED';
    case Closed = 'CLOSED';
    case Failed = 'FAILED';
}
