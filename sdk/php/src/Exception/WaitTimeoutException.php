<?php

declare(strict_types=1);

namespace Payee\Exception;

use Payee\Model\Payment;
use Payee\Model\Refund;

/** A waiter's deadline passed before the payment (or refund) reached a status waited for. */
final class WaitTimeoutException extends PayeeException
{
    /** @param Payment|Refund $last what the last poll saw */
    public function __construct(string $message, public readonly Payment|Refund $last)
    {
        parent::__construct($message, type: 'wait_timeout');
    }
}
