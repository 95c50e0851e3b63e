<?php

declare(strict_types=1);

namespace Payee\Internal;

use Payee\Clock;
use Payee\Exception\ApiException;
use Payee\Exception\ConnectionException;
use Payee\Exception\ErrorCode;
use Payee\Exception\ErrorFactory;
use Payee\Exception\PayeeException;
use Payee\Http\HttpClient;
use Payee\Http\HttpRequest;
use Payee\Http\HttpResponse;
use Payee\PayeeClient;
use Payee\RequestOptions;

/**
 * One call with the house rules: the key and version headers, a timeout per attempt, retries with
 * exponential backoff and jitter (or what Retry-After asks) on a lost connection, 409
 * idempotency_key_in_use, 429 and 5xx, and one Idempotency-Key for every attempt of a POST.
 *
 * @internal
 */
final class Transport
{
    /** A longer Retry-After (a quota spent for the day) is not waited out inside a call. */
    public const MAX_RETRY_AFTER_MS = 60_000;

    private readonly string $userAgent;

    public function __construct(
        private readonly string $baseUrl,
        private readonly string $apiKey,
        private readonly int $maxRetries,
        private readonly float $timeout,
        private readonly float $initialRetryDelay,
        private readonly float $maxRetryDelay,
        public readonly HttpClient $http,
        public readonly Clock $clock,
        public readonly Scheduler $scheduler,
        ?string $appInfo,
    ) {
        $curl = curl_version()['version'] ?? '?';
        $this->userAgent = trim(sprintf('payee-php/%s php/%s curl/%s %s', PayeeClient::VERSION, PHP_VERSION, $curl, $appInfo ?? ''));
    }

    /**
     * The decoded JSON answer.
     *
     * @param array<string, scalar|null> $query
     */
    public function request(string $method, string $path, array $query = [], mixed $body = null, ?RequestOptions $options = null): array
    {
        $options ??= new RequestOptions();
        $query = array_filter($query, static fn ($v) => $v !== null);
        $url = $this->baseUrl . $path . ($query === [] ? '' : '?' . http_build_query($query, '', '&', PHP_QUERY_RFC3986));
        $headers = [
            'x-api-key' => $options->apiKey ?? $this->apiKey,
            'Payee-Version' => PayeeClient::API_VERSION,
            'User-Agent' => $this->userAgent,
            'Payee-Client' => 'php/' . PayeeClient::VERSION,
            'Accept' => 'application/json',
        ];
        if ($method === 'POST') {
            // Made once, so that every retry of this call is the same request to the API.
            $headers['Idempotency-Key'] = $options->idempotencyKey ?? self::newIdempotencyKey();
        }
        $json = null;
        if ($body !== null) {
            $headers['Content-Type'] = 'application/json';
            $json = json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);
        }
        $request = new HttpRequest($method, $url, $headers, $json, $options->timeout ?? $this->timeout);
        $maxRetries = $options->maxRetries ?? $this->maxRetries;

        for ($attempt = 0; ; $attempt++) {
            try {
                return $this->answer($request, $this->scheduler->send($this->http, $request));
            } catch (PayeeException $error) {
                if ($attempt >= $maxRetries || !self::isRetryable($error)) {
                    throw $error;
                }
                if ($error->retryAfterMs !== null && $error->retryAfterMs > self::MAX_RETRY_AFTER_MS) {
                    throw $error;
                }
                $this->scheduler->sleep($this->clock, $error->retryAfterMs !== null ? $error->retryAfterMs / 1000 : $this->backoff($attempt + 1));
            }
        }
    }

    /** Seconds before retry `$retry` (1, 2, ...): doubling from the first delay up to the cap, × 0.5..1 jitter. */
    public function backoff(int $retry): float
    {
        $ceiling = min($this->maxRetryDelay, $this->initialRetryDelay * 2 ** ($retry - 1));
        return $ceiling * (0.5 + mt_rand() / mt_getrandmax() / 2);
    }

    /** Connection errors, 409 in progress, 429 and 5xx; never another 4xx. */
    public static function isRetryable(PayeeException $error): bool
    {
        if ($error instanceof ConnectionException) {
            return true;
        }
        if ($error->httpStatus === 409) {
            return $error->errorCode === ErrorCode::IDEMPOTENCY_KEY_IN_USE;
        }
        return $error->httpStatus === 429 || ($error->httpStatus !== null && $error->httpStatus >= 500);
    }

    public static function newIdempotencyKey(): string
    {
        $bytes = random_bytes(16);
        $bytes[6] = chr(ord($bytes[6]) & 0x0f | 0x40); // version 4
        $bytes[8] = chr(ord($bytes[8]) & 0x3f | 0x80); // RFC 4122 variant
        return vsprintf('%s%s-%s-%s-%s-%s%s%s', str_split(bin2hex($bytes), 4));
    }

    private function answer(HttpRequest $request, HttpResponse $response): array
    {
        if ($response->status < 200 || $response->status >= 300) {
            throw ErrorFactory::fromResponse($response);
        }
        $decoded = json_decode($response->body, true);
        if (!is_array($decoded)) {
            $path = parse_url($request->url, PHP_URL_PATH);
            throw new ApiException("payee: the {$response->status} answer to {$request->method} $path is not a JSON object", type: 'api', requestId: $response->headers['x-amzn-requestid'] ?? null, httpStatus: $response->status, headers: $response->headers);
        }
        return $decoded;
    }
}
