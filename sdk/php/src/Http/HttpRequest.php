<?php

declare(strict_types=1);

namespace Payee\Http;

/** One HTTP request as the SDK sends it. */
final class HttpRequest
{
    /** @param array<string, string> $headers */
    public function __construct(
        public readonly string $method,
        public readonly string $url,
        public readonly array $headers,
        public readonly ?string $body,
        /** Seconds for the whole attempt, connect to last byte. */
        public readonly float $timeout,
    ) {
    }
}
