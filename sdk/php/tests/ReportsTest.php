<?php

declare(strict_types=1);

namespace Payee\Tests;

use Payee\Model\ReportGroupBy;
use Payee\PayeeClient;
use Payee\Tests\Support\ScriptedHttp;
use PHPUnit\Framework\TestCase;

final class ReportsTest extends TestCase
{
    public function testTheDailyReport(): void
    {
        $tally = static fn (int $count, int $amount) => ['count' => $count, 'amount' => $amount];
        $row = [
            'day' => '2026-12-03', 'group' => 'alipay', 'currency' => 'CNY', 'created' => $tally(4, 8000), 'succeeded' => $tally(3, 6000), 'closed' => $tally(1, 2000),
            'failed' => $tally(0, 0), 'refunded' => $tally(1, 500), 'successRate' => 0.75, 'averageTicket' => 2000,
            'timeToPay' => ['count' => 3, 'p50Ms' => 41000, 'p95Ms' => 90000], 'callbackLatency' => ['count' => 0],
        ];
        $http = new ScriptedHttp([
            ScriptedHttp::json(200, ['from' => '2026-12-01', 'to' => '2026-12-03', 'groupBy' => 'method', 'data' => [$row]]),
            ScriptedHttp::json(200, ['day' => '2026-12-03', 'data' => []]),
        ]);
        $payee = new PayeeClient(apiKey: 'pk', baseUrl: 'http://payee.test/live', httpClient: $http);
        $report = $payee->reports->daily('2026-12-01', '2026-12-03', ReportGroupBy::Method);
        self::assertSame([ReportGroupBy::Method, 'CNY', 0.75, 6000, 41000, null], [$report->groupBy, $report->data[0]->currency, $report->data[0]->successRate, $report->data[0]->succeeded->amount, $report->data[0]->timeToPay->p50Ms, $report->data[0]->callbackLatency->p50Ms]);
        self::assertEquals($row, json_decode(json_encode($report->data[0]), true), "the same fields (in the constructor's order)");
        $payee->reports->reconciliation('2026-12-03', payId: 'cfg_1');
        self::assertSame([
            'http://payee.test/live/v1/reports/daily?from=2026-12-01&to=2026-12-03&groupBy=method',
            'http://payee.test/live/v1/reports/reconciliation?day=2026-12-03&payId=cfg_1',
        ], array_map(static fn ($r) => $r->url, $http->requests));
    }
}
