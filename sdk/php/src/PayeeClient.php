<?php

declare(strict_types=1);

namespace Payee;

use Payee\Http\CurlHttpClient;
use Payee\Http\HttpClient;
use Payee\Internal\Scheduler;
use Payee\Internal\Transport;
use Payee\Service\Accounts;
use Payee\Service\Groups;
use Payee\Service\Notifications;
use Payee\Service\Payments;
use Payee\Service\Refunds;
use Payee\Service\Reports;

/**
 * A client of payee's merchant API.
 *
 *     $payee = new PayeeClient(apiKey: 'pk_...', baseUrl: 'http://127.0.0.1:4010/live');
 *     $payment = $payee->payments->create(['method' => 'alipay.qr', 'outTradeNo' => 'A1001',
 *         'subject' => 'T-shirt', 'amount' => 1999, 'currency' => 'CNY']);
 *
 * `apiKey` and `baseUrl` default to the environment's PAYEE_KEY and PAYEE_URL. Failed calls are
 * retried `maxRetries` times (a lost connection, 409 idempotency_key_in_use, 429, 5xx) with
 * exponential backoff and jitter, or as Retry-After asks; every POST carries one Idempotency-Key
 * for all its attempts. Durations are seconds.
 */
final class PayeeClient
{
    public const VERSION = '0.1.0';
    /** The API version this SDK follows (docs/openapi.json info.version), sent as Payee-Version. */
    public const API_VERSION = '2026-11-24';

    public readonly Payments $payments;
    public readonly Refunds $refunds;
    public readonly Notifications $notifications;
    public readonly Reports $reports;
    public readonly Groups $groups;
    public readonly Accounts $accounts;
    private readonly Transport $transport;

    /**
     * @param float $timeout seconds per attempt, connect to last byte
     * @param float $initialRetryDelay the first backoff; it doubles up to $maxRetryDelay, × 0.5..1 jitter
     * @param HttpClient|null $httpClient CurlHttpClient by default (pass one with your CURLOPT_* settings)
     * @param Clock|null $clock time for retries and waiters
     * @param string|null $appInfo appended to the User-Agent, e.g. "my-shop/1.2"
     */
    public function __construct(
        ?string $apiKey = null,
        ?string $baseUrl = null,
        int $maxRetries = 2,
        float $timeout = 80.0,
        float $initialRetryDelay = 0.5,
        float $maxRetryDelay = 5.0,
        ?HttpClient $httpClient = null,
        ?Clock $clock = null,
        ?string $appInfo = null,
    ) {
        $apiKey ??= getenv('PAYEE_KEY') ?: null;
        $baseUrl ??= getenv('PAYEE_URL') ?: null;
        if ($apiKey === null || $apiKey === '') {
            throw new \InvalidArgumentException('payee: no API key: pass apiKey or set PAYEE_KEY');
        }
        if ($baseUrl === null || $baseUrl === '') {
            throw new \InvalidArgumentException('payee: no base URL: pass baseUrl (the stack\'s ApiUrl, e.g. http://127.0.0.1:4010/live) or set PAYEE_URL');
        }
        if ($maxRetries < 0 || $timeout <= 0) {
            throw new \InvalidArgumentException('payee: maxRetries must be 0 or more and timeout more than 0');
        }
        $this->transport = new Transport(
            rtrim($baseUrl, '/'),
            $apiKey,
            $maxRetries,
            $timeout,
            $initialRetryDelay,
            $maxRetryDelay,
            $httpClient ?? new CurlHttpClient(),
            $clock ?? new SystemClock(),
            new Scheduler(),
            $appInfo,
        );
        $this->payments = new Payments($this->transport);
        $this->refunds = new Refunds($this->transport);
        $this->notifications = new Notifications($this->transport);
        $this->reports = new Reports($this->transport);
        $this->groups = new Groups($this->transport);
        $this->accounts = new Accounts($this->transport);
    }

    /**
     * The OpenAPI 3.1 document the API serves: the contract this SDK follows.
     *
     * @return array<string, mixed>
     */
    public function openapi(RequestOptions|array|null $options = null): array
    {
        return $this->transport->request('GET', '/v1/openapi.json', [], null, RequestOptions::of($options));
    }

    /**
     * Runs the tasks concurrently, `$concurrency` at a time, and returns their results by key. Each
     * task is an ordinary function making ordinary calls of this client (waiters too): it runs in
     * a Fiber, and where a call would wait for the network or a backoff the next task goes on,
     * every request in flight driven by one curl_multi handle. Once all tasks have ended, the first
     * exception one threw (in key order) is thrown.
     *
     *     [$a, $b] = $payee->concurrently([
     *         fn () => $payee->payments->get('P01…'),
     *         fn () => $payee->payments->createAndWait($params, maxWait: 120),
     *     ]);
     *
     * @template T
     * @param array<array-key, callable(): T> $tasks
     * @return array<array-key, T>
     */
    public function concurrently(array $tasks, int $concurrency = 16): array
    {
        return $this->transport->scheduler->run($tasks, $concurrency, $this->transport->http, $this->transport->clock);
    }
}
