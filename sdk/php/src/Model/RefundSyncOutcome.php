<?php

declare(strict_types=1);

namespace Payee\Model;

/** What a sync did with one of the payment's refunds. */
enum RefundSyncOutcome: string
{
    case Succeeded = 'succeeded';
    case Failed = 'failed';
    case Processing = 'processing';
    case Resubmitted = 'resubmitted';
    case Unavailable = 'unavailable';
    case Settled = 'settled';
}
