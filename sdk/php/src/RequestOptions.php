<?php

declare(strict_types=1);

namespace Payee;

/** Settings for one call, over the client's. */
final class RequestOptions
{
    public function __construct(
        /** A POST's Idempotency-Key; one is made when absent. The same key goes with every retry. */
        public readonly ?string $idempotencyKey = null,
        public readonly ?int $maxRetries = null,
        /** Seconds per attempt. */
        public readonly ?float $timeout = null,
        public readonly ?string $apiKey = null,
    ) {
    }

    /** @param RequestOptions|array{idempotencyKey?: string, maxRetries?: int, timeout?: float, apiKey?: string}|null $options */
    public static function of(self|array|null $options): self
    {
        return is_array($options) ? new self(...$options) : ($options ?? new self());
    }
}
