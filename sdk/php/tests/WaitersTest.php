<?php

declare(strict_types=1);

namespace Payee\Tests;

use Payee\Exception\WaitTimeoutException;
use Payee\Model\PaymentStatus;
use Payee\Model\RefundStatus;
use Payee\PayeeClient;
use Payee\Tests\Support\FakeClock;
use Payee\Tests\Support\ScriptedHttp;
use PHPUnit\Framework\TestCase;

final class WaitersTest extends TestCase
{
    private FakeClock $clock;

    private function client(ScriptedHttp $http): PayeeClient
    {
        $this->clock = new FakeClock();
        return new PayeeClient(apiKey: 'pk', baseUrl: 'http://payee.test/live', httpClient: $http, clock: $this->clock);
    }

    public function testWaitForPollsWithDoublingDelaysUntilAStatus(): void
    {
        $http = new ScriptedHttp([
            ScriptedHttp::json(200, Fixtures::payment()),
            ScriptedHttp::json(200, Fixtures::payment()),
            ScriptedHttp::json(200, Fixtures::payment()),
            ScriptedHttp::json(200, Fixtures::payment(status: 'SUCCEEDED')),
        ]);
        $paid = $this->client($http)->payments->waitFor('P01KAX9QZW0G8S5T6V7X2Y3Z4A', ['SUCCEEDED'], maxWait: 30, minDelay: 1, maxDelay: 3);
        self::assertSame(PaymentStatus::Succeeded, $paid->status);
        [$a, $b, $c] = $this->clock->sleeps;
        self::assertTrue($a >= 0.5 && $a <= 1 && $b >= 1 && $b <= 2 && $c >= 1.5 && $c <= 3, json_encode($this->clock->sleeps));
    }

    public function testTheDeadlineEndsTheWaitWithTheLastPaymentSeen(): void
    {
        $http = new ScriptedHttp(array_fill(0, 50, ScriptedHttp::json(200, Fixtures::payment())));
        try {
            $this->client($http)->payments->createAndWait(['method' => 'alipay.qr', 'outTradeNo' => 'A1', 'subject' => 's', 'amount' => 1, 'currency' => 'CNY'], maxWait: 10, minDelay: 1, maxDelay: 2);
            self::fail('no timeout');
        } catch (WaitTimeoutException $e) {
            self::assertSame(['wait_timeout', PaymentStatus::Pending], [$e->type, $e->last->status]);
            self::assertEqualsWithDelta(10.0, array_sum($this->clock->sleeps), 1e-9, 'it sleeps to the deadline, not past it');
        }
        self::assertSame('POST', $http->requests[0]->method);
    }

    public function testCreateAndWaitStopsAtAFinalStatusByDefault(): void
    {
        $http = new ScriptedHttp([ScriptedHttp::json(201, Fixtures::payment()), ScriptedHttp::json(200, Fixtures::payment(status: 'CLOSED'))]);
        $closed = $this->client($http)->payments->createAndWait(['method' => 'alipay.qr', 'outTradeNo' => 'A1', 'subject' => 's', 'amount' => 1, 'currency' => 'CNY']);
        self::assertSame(PaymentStatus::Closed, $closed->status);
    }

    public function testRefundAndWaitFollowsTheRefundInItsList(): void
    {
        $http = new ScriptedHttp([
            ScriptedHttp::json(201, Fixtures::refund('PROCESSING')),
            ScriptedHttp::json(200, ['data' => [Fixtures::refund('SUCCEEDED', 'R00'), Fixtures::refund('PROCESSING')]]),
            ScriptedHttp::json(200, ['data' => [Fixtures::refund('SUCCEEDED', 'R00'), Fixtures::refund('SUCCEEDED')]]),
        ]);
        $refund = $this->client($http)->payments->refundAndWait('P01', ['amount' => 500, 'reason' => 'size'], minDelay: 0.1);
        self::assertSame(['R01', RefundStatus::Succeeded], [$refund->refundNo, $refund->status]);
        self::assertSame('{"amount":500,"reason":"size"}', $http->requests[0]->body);
        self::assertSame('http://payee.test/live/v1/payments/P01/refunds', $http->requests[2]->url);
    }

    public function testAWaiterNeedsSaneDelays(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        $this->client(new ScriptedHttp([]))->payments->waitFor('P1', ['SUCCEEDED'], minDelay: 2, maxDelay: 1);
    }
}
