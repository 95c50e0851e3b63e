<?php

declare(strict_types=1);

namespace Payee\Model;

/** liability: what payee owes its holder (a wallet), grows with credits; asset: money payee holds (a provider clearing account), grows with debits. */
enum AccountType: string
{
    case Asset = 'asset';
    case Liability = 'liability';
}
