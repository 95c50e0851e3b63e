<?php

declare(strict_types=1);

namespace Payee\Tests;

use Payee\Model\PaymentStatus;
use Payee\PayeeClient;
use Payee\Tests\Support\ScriptedHttp;
use PHPUnit\Framework\TestCase;

final class PaginationTest extends TestCase
{
    public function testListAllFollowsTheCursorsLazily(): void
    {
        $http = new ScriptedHttp([
            ScriptedHttp::json(200, ['data' => [Fixtures::payment('P5'), Fixtures::payment('P4')], 'nextCursor' => 'c1']),
            ScriptedHttp::json(200, ['data' => [Fixtures::payment('P3'), Fixtures::payment('P2')], 'nextCursor' => 'c2']),
            ScriptedHttp::json(200, ['data' => [Fixtures::payment('P1', 'SUCCEEDED')]]),
        ]);
        $payee = new PayeeClient(apiKey: 'pk', baseUrl: 'http://payee.test/live', httpClient: $http);
        $all = $payee->payments->listAll(limit: 2, createdFrom: '2026-12-01T00:00:00Z');
        self::assertSame([], $http->requests, 'nothing is read before the loop asks');
        $payNos = [];
        foreach ($all as $payment) {
            $payNos[] = $payment->payNo;
        }
        self::assertSame(['P5', 'P4', 'P3', 'P2', 'P1'], $payNos);
        self::assertSame([
            'http://payee.test/live/v1/payments?limit=2&createdFrom=2026-12-01T00%3A00%3A00Z',
            'http://payee.test/live/v1/payments?limit=2&cursor=c1&createdFrom=2026-12-01T00%3A00%3A00Z',
            'http://payee.test/live/v1/payments?limit=2&cursor=c2&createdFrom=2026-12-01T00%3A00%3A00Z',
        ], array_map(static fn ($r) => $r->url, $http->requests));
    }

    public function testOnePageAndTheOrderNumberLookup(): void
    {
        $http = new ScriptedHttp([
            ScriptedHttp::json(200, ['data' => [Fixtures::payment('P5', 'SUCCEEDED')], 'nextCursor' => 'c1']),
            ScriptedHttp::json(200, ['data' => []]),
        ]);
        $payee = new PayeeClient(apiKey: 'pk', baseUrl: 'http://payee.test/live', httpClient: $http);
        $page = $payee->payments->list(limit: 1);
        self::assertSame(['c1', PaymentStatus::Succeeded], [$page->nextCursor, $page->data[0]->status]);
        self::assertNull($payee->payments->getByOutTradeNo('A 1'));
        self::assertSame('http://payee.test/live/v1/payments?outTradeNo=A%201', $http->requests[1]->url);
    }
}
