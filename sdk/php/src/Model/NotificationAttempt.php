<?php

declare(strict_types=1);

namespace Payee\Model;

/** One delivery attempt of a notification. */
final class NotificationAttempt extends Model
{
    public function __construct(
        public readonly int $n,
        public readonly string $at,
        public readonly int $latencyMs,
        public readonly ?int $statusCode = null,
        public readonly ?string $error = null,
    ) {
    }
}
