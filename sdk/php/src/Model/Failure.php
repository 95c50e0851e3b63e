<?php

declare(strict_types=1);

namespace Payee\Model;

/** Why a payment or refund failed, as the provider said. */
final class Failure extends Model
{
    public function __construct(
        public readonly string $code,
        public readonly string $message,
    ) {
    }
}
