<?php

declare(strict_types=1);

namespace Payee\Model;

/** Where a refund is: SUCCEEDED and FAILED are final. */
enum RefundStatus: string
{
    case Pending = 'PENDING';
    case Processing = 'PROCESSING';
    case Succeeded = 'SUCCEEDED';
    case Failed = 'FAILED';
}
