<?php

declare(strict_types=1);

namespace Payee\Exception;

use Payee\Http\HttpResponse;

/** The typed exception for a non-2xx answer, whatever its body. */
final class ErrorFactory
{
    /** The class of each error.type the API documents. */
    public const CLASSES = [
        'invalid_request' => InvalidRequestException::class,
        'authentication' => AuthenticationException::class,
        'not_found' => NotFoundException::class,
        'conflict' => ConflictException::class,
        'idempotency' => IdempotencyException::class,
        'provider' => ProviderUnavailableException::class,
        'unavailable' => ServiceUnavailableException::class,
        'internal' => ApiException::class,
    ];

    public static function fromResponse(HttpResponse $response, ?float $now = null): PayeeException
    {
        $status = $response->status;
        $body = json_decode($response->body, true);
        $headerRequestId = $response->headers['x-amzn-requestid'] ?? null;
        $retryAfterMs = self::retryAfterMs($response->headers['retry-after'] ?? null, $now ?? microtime(true));
        $error = is_array($body) && is_array($body['error'] ?? null) ? $body['error'] : null;
        if ($error !== null && is_string($error['type'] ?? null)) {
            $class = self::CLASSES[$error['type']] ?? ApiException::class;
            return new $class(
                (string) ($error['message'] ?? "HTTP $status"),
                type: $error['type'],
                errorCode: self::text($error['code'] ?? null),
                param: self::text($error['param'] ?? null),
                payNo: self::text($error['payNo'] ?? null),
                requestId: self::text($error['requestId'] ?? null) ?? $headerRequestId,
                httpStatus: $status,
                retryAfterMs: $retryAfterMs,
                headers: $response->headers,
            );
        }
        // API Gateway's own refusals ({"message": ...}, "Message" for an IAM deny) come before any function.
        $message = is_array($body) ? ($body['message'] ?? $body['Message'] ?? null) : null;
        $message = is_string($message) ? $message : (substr(trim($response->body), 0, 200) ?: "HTTP $status");
        [$class, $type] = match ($status) {
            403 => [AuthenticationException::class, 'authentication'],
            404 => [NotFoundException::class, 'not_found'],
            429 => [RateLimitException::class, 'rate_limit'],
            default => [ApiException::class, 'api'],
        };
        return new $class($message, type: $type, requestId: $headerRequestId, httpStatus: $status, retryAfterMs: $retryAfterMs, headers: $response->headers);
    }

    /** What Retry-After asks, in milliseconds: seconds or an HTTP date. */
    public static function retryAfterMs(?string $value, float $now): ?int
    {
        if ($value === null || trim($value) === '') {
            return null;
        }
        if (is_numeric(trim($value))) {
            return max(0, (int) round((float) $value * 1000));
        }
        $at = strtotime($value);
        return $at === false ? null : max(0, (int) round(($at - $now) * 1000));
    }

    private static function text(mixed $value): ?string
    {
        return is_scalar($value) ? (string) $value : null;
    }
}
