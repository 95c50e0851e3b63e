<?php

declare(strict_types=1);

namespace Payee\Model;

/** Whether a flow debits or credits the account. */
enum FlowDirection: string
{
    case Debit = 'debit';
    case Credit = 'credit';
}
