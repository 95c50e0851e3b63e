<?php

declare(strict_types=1);

namespace Payee\Http;

/** One HTTP answer: its status, headers (names lower-cased) and body. */
final class HttpResponse
{
    /** @param array<string, string> $headers */
    public function __construct(
        public readonly int $status,
        public readonly array $headers,
        public readonly string $body,
    ) {
    }
}
