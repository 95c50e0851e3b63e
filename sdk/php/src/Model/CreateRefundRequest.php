<?php

declare(strict_types=1);

namespace Payee\Model;

/** The body of POST /v1/payments/{payNo}/refunds. */
final class CreateRefundRequest extends Request
{
    public function __construct(
        public readonly int $amount,
        public readonly ?string $reason = null,
    ) {
    }
}
