<?php

declare(strict_types=1);

namespace Payee\Service;

use Payee\Internal\Transport;

/** @internal A group of the API's calls, sharing the client's transport. */
abstract class Service
{
    public function __construct(protected readonly Transport $transport)
    {
    }

    /** A payment's path: its payNo encoded, so that none reaches another route. */
    protected static function paymentPath(string $payNo, string $rest = ''): string
    {
        return '/v1/payments/' . rawurlencode($payNo) . $rest;
    }
}
