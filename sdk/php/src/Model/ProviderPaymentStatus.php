<?php

declare(strict_types=1);

namespace Payee\Model;

/** The provider's view of a payment, normalised. */
enum ProviderPaymentStatus: string
{
    case NotFound = 'NOT_FOUND';
    case Pending = 'PENDING';
    case Succeeded = 'SUCCEEDED';
    case Closed = 'CLOSED';
    case Refunded = 'REFUNDED';
}
