<?php

declare(strict_types=1);

namespace Payee\Model;

/** Where a group is, from its members' payments. */
enum GroupStatus: string
{
    case Open = 'open';
    case Paid = 'paid';
    case PartiallyPaid = 'partially_paid';
    case Closed = 'closed';
    case Mixed = 'mixed';
}
