<?php

declare(strict_types=1);

namespace Payee\Exception;

/**
 * Every error the SDK throws. What the API said is kept as it said it: `type` (the API's
 * error.type, or for failures it did not type: rate_limit, api, connection, signature,
 * wait_timeout), `errorCode` (error.code: Exception's own getCode() is an int), `param`, `payNo`,
 * `requestId` and getMessage(); beside them the HTTP exchange's status, Retry-After and headers.
 */
class PayeeException extends \RuntimeException
{
    /**
     * @param array<string, string> $headers lower-cased header names
     */
    public function __construct(
        string $message,
        public readonly ?string $type = null,
        public readonly ?string $errorCode = null,
        public readonly ?string $param = null,
        public readonly ?string $payNo = null,
        public readonly ?string $requestId = null,
        public readonly ?int $httpStatus = null,
        public readonly ?int $retryAfterMs = null,
        public readonly array $headers = [],
        ?\Throwable $previous = null,
    ) {
        parent::__construct($message, 0, $previous);
    }
}
