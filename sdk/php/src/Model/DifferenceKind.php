<?php

declare(strict_types=1);

namespace Payee\Model;

/** How a statement line and payee's record differ. */
enum DifferenceKind: string
{
    case MissingLocally = 'missing_locally';
    case MissingAtProvider = 'missing_at_provider';
    case AmountDiffers = 'amount_differs';
    case StatusDiffers = 'status_differs';
    /** The payment's detail lines posted another amount to the ledger than it was paid. */
    case LedgerDiffers = 'ledger_differs';
}
