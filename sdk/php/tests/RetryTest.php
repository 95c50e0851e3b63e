<?php

declare(strict_types=1);

namespace Payee\Tests;

use Payee\Exception\ConnectionException;
use Payee\Exception\ConflictException;
use Payee\Exception\InvalidRequestException;
use Payee\Exception\ProviderUnavailableException;
use Payee\Exception\RateLimitException;
use Payee\PayeeClient;
use Payee\Tests\Support\FakeClock;
use Payee\Tests\Support\ScriptedHttp;
use PHPUnit\Framework\TestCase;

final class RetryTest extends TestCase
{
    private const PARAMS = ['method' => 'alipay.qr', 'outTradeNo' => 'A1001', 'subject' => 'T-shirt', 'amount' => 1999, 'currency' => 'CNY'];

    private FakeClock $clock;

    private function client(ScriptedHttp $http, int $maxRetries = 2): PayeeClient
    {
        $this->clock = new FakeClock();
        return new PayeeClient(apiKey: 'pk_test', baseUrl: 'http://payee.test/live/', maxRetries: $maxRetries, httpClient: $http, clock: $this->clock);
    }

    public function testRetryAfterIsWaitedExactlyAndTheIdempotencyKeyReused(): void
    {
        $http = new ScriptedHttp([
            ScriptedHttp::json(503, Fixtures::error('provider', 'provider_unavailable'), ['retry-after' => '2']),
            ScriptedHttp::json(201, Fixtures::payment()),
        ]);
        $payment = $this->client($http)->payments->create(self::PARAMS);
        self::assertSame('P01KAX9QZW0G8S5T6V7X2Y3Z4A', $payment->payNo);
        self::assertSame([2.0], $this->clock->sleeps);
        [$first, $second] = $http->requests;
        self::assertMatchesRegularExpression('/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/', $first->headers['Idempotency-Key']);
        self::assertSame($first->headers['Idempotency-Key'], $second->headers['Idempotency-Key']);
        self::assertSame($first->body, $second->body);
        self::assertSame('http://payee.test/live/v1/payments', $first->url);
    }

    public function testBackoffDoublesFromHalfASecondWithJitter(): void
    {
        for ($run = 0; $run < 20; $run++) {
            $http = new ScriptedHttp([
                ScriptedHttp::json(500, Fixtures::error('internal', 'internal_error')),
                ScriptedHttp::json(502, ['message' => 'Bad Gateway']),
                ScriptedHttp::json(200, Fixtures::payment()),
            ]);
            $this->client($http)->payments->get('P1');
            [$a, $b] = $this->clock->sleeps;
            self::assertTrue($a >= 0.25 && $a <= 0.5, "first backoff $a");
            self::assertTrue($b >= 0.5 && $b <= 1.0, "second backoff $b");
        }
    }

    public function testBackoffIsCappedAtFiveSeconds(): void
    {
        $http = new ScriptedHttp(array_fill(0, 7, ScriptedHttp::json(500, Fixtures::error('internal', 'internal_error'))));
        try {
            $this->client($http, 6)->payments->get('P1');
            self::fail('no error');
        } catch (\Payee\Exception\ApiException) {
            self::assertCount(6, $this->clock->sleeps);
            self::assertLessThanOrEqual(5.0, max($this->clock->sleeps));
            self::assertGreaterThanOrEqual(2.5, $this->clock->sleeps[5]);
        }
    }

    public function testACallersOwnKeyWinsOnEveryAttempt(): void
    {
        $http = new ScriptedHttp([new ConnectionException('dropped', type: 'connection'), ScriptedHttp::json(201, Fixtures::payment())]);
        $this->client($http)->payments->create(self::PARAMS, ['idempotencyKey' => 'order-A1001']);
        self::assertSame(['order-A1001', 'order-A1001'], array_map(static fn ($r) => $r->headers['Idempotency-Key'], $http->requests));
    }

    public function testEachCallMakesItsOwnKey(): void
    {
        $http = new ScriptedHttp([ScriptedHttp::json(201, Fixtures::payment()), ScriptedHttp::json(201, Fixtures::payment())]);
        $client = $this->client($http);
        $client->payments->create(self::PARAMS);
        $client->payments->create(self::PARAMS);
        self::assertNotSame($http->requests[0]->headers['Idempotency-Key'], $http->requests[1]->headers['Idempotency-Key']);
    }

    public function testAnotherFourHundredIsNotRetried(): void
    {
        $http = new ScriptedHttp([ScriptedHttp::json(400, Fixtures::error('invalid_request', 'parameter_invalid', ['param' => 'amount']))]);
        try {
            $this->client($http)->payments->create(self::PARAMS);
            self::fail('no error');
        } catch (InvalidRequestException $e) {
            self::assertSame(['amount', 400, 1], [$e->param, $e->httpStatus, count($http->requests)]);
        }
    }

    public function testAConflictIsNotRetriedButAKeyInUseIs(): void
    {
        $http = new ScriptedHttp([
            ScriptedHttp::json(409, Fixtures::error('idempotency', 'idempotency_key_in_use')),
            ScriptedHttp::json(409, Fixtures::error('conflict', 'duplicate_out_trade_no', ['payNo' => 'P0'])),
        ]);
        try {
            $this->client($http)->payments->create(self::PARAMS);
            self::fail('no error');
        } catch (ConflictException $e) {
            self::assertSame(['P0', 2], [$e->payNo, count($http->requests)]);
        }
    }

    public function testALongRetryAfterIsNotWaitedFor(): void
    {
        $http = new ScriptedHttp([ScriptedHttp::json(429, ['message' => 'Limit Exceeded'], ['retry-after' => '3600'])]);
        try {
            $this->client($http)->payments->get('P1');
            self::fail('no error');
        } catch (RateLimitException $e) {
            self::assertSame([3_600_000, 'rate_limit', []], [$e->retryAfterMs, $e->type, $this->clock->sleeps]);
        }
    }

    public function testRetriesOffAnswersTheFirstError(): void
    {
        $http = new ScriptedHttp([ScriptedHttp::json(503, Fixtures::error('provider', 'provider_unavailable'), ['retry-after' => '2'])]);
        try {
            $this->client($http, 0)->payments->create(self::PARAMS);
            self::fail('no error');
        } catch (ProviderUnavailableException $e) {
            self::assertSame([2000, 'provider_unavailable', 'req-1'], [$e->retryAfterMs, $e->errorCode, $e->requestId]);
        }
    }

    public function testAConnectionErrorAfterTheRetries(): void
    {
        $http = new ScriptedHttp(array_fill(0, 3, new ConnectionException('refused', type: 'connection')));
        $this->expectException(ConnectionException::class);
        try {
            $this->client($http)->payments->get('P1');
        } finally {
            self::assertCount(3, $http->requests);
        }
    }

    public function testTheHeaders(): void
    {
        $http = new ScriptedHttp([ScriptedHttp::json(200, Fixtures::payment())]);
        $this->client($http)->payments->get('P 1/2');
        $request = $http->requests[0];
        self::assertSame('http://payee.test/live/v1/payments/P%201%2F2', $request->url);
        self::assertSame('pk_test', $request->headers['x-api-key']);
        self::assertSame(PayeeClient::API_VERSION, $request->headers['Payee-Version']);
        self::assertSame('php/' . PayeeClient::VERSION, $request->headers['Payee-Client']);
        self::assertStringStartsWith('payee-php/' . PayeeClient::VERSION . ' php/', $request->headers['User-Agent']);
        self::assertArrayNotHasKey('Idempotency-Key', $request->headers);
        self::assertSame(80.0, $request->timeout);
    }

    public function testPerCallOptions(): void
    {
        $http = new ScriptedHttp([ScriptedHttp::json(500, Fixtures::error('internal', 'internal_error'))]);
        try {
            $this->client($http)->payments->get('P1', ['maxRetries' => 0, 'timeout' => 2.5, 'apiKey' => 'pk_other']);
            self::fail('no error');
        } catch (\Payee\Exception\ApiException) {
            self::assertSame([1, 2.5, 'pk_other'], [count($http->requests), $http->requests[0]->timeout, $http->requests[0]->headers['x-api-key']]);
        }
    }

    public function testARealConnectionRefused(): void
    {
        $client = new PayeeClient(apiKey: 'pk', baseUrl: 'http://127.0.0.1:9/live', maxRetries: 0, timeout: 2.0);
        $this->expectException(ConnectionException::class);
        $this->expectExceptionMessage('GET /live/v1/payments/P1 failed');
        $client->payments->get('P1');
    }
}
