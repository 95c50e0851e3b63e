<?php

declare(strict_types=1);

namespace Payee\Model;

/** Whether a provider event changed the payment. */
enum EventOutcome: string
{
    case Applied = 'applied';
    case Ignored = 'ignored';
}
