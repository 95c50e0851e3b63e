<?php

declare(strict_types=1);

namespace Payee\Tests;

use Payee\Model\GroupStatus;
use Payee\Model\ProviderPaymentStatus;
use Payee\PayeeClient;
use Payee\Tests\Support\ScriptedHttp;
use PHPUnit\Framework\TestCase;

final class GroupsTest extends TestCase
{
    private static function group(string $status = 'open'): array
    {
        return [
            'groupNo' => 'G01', 'mode' => 'batch', 'status' => $status, 'memberCount' => 2,
            'createdAt' => '2026-12-03T09:00:00.000Z', 'updatedAt' => '2026-12-03T09:00:00.000Z',
            'members' => [
                ['outTradeNo' => 'A1', 'payNo' => 'P1', 'payment' => Fixtures::payment('P1')],
                ['outTradeNo' => 'A2', 'payNo' => 'P2', 'error' => ['code' => 'provider_unavailable', 'message' => 'retry']],
            ],
        ];
    }

    public function testCreateSendsTheMembersAndReadsThemBack(): void
    {
        $http = new ScriptedHttp([ScriptedHttp::json(201, self::group())]);
        $payee = new PayeeClient(apiKey: 'pk', baseUrl: 'http://payee.test/live', httpClient: $http);
        $group = $payee->groups->create(['mode' => 'batch', 'method' => 'alipay.qr', 'members' => [
            ['outTradeNo' => 'A1', 'subject' => 's', 'amount' => 100, 'currency' => 'CNY', 'details' => [['accountOut' => 'a', 'accountRec' => 'b', 'amount' => 100]]],
            ['outTradeNo' => 'A2', 'subject' => 's', 'amount' => 200, 'currency' => 'CNY'],
        ]], ['idempotencyKey' => 'g-1']);
        self::assertSame('{"mode":"batch","members":[{"outTradeNo":"A1","subject":"s","amount":100,"currency":"CNY","details":[{"accountOut":"a","accountRec":"b","amount":100}]},{"outTradeNo":"A2","subject":"s","amount":200,"currency":"CNY"}],"method":"alipay.qr"}', $http->requests[0]->body);
        self::assertSame('g-1', $http->requests[0]->headers['Idempotency-Key']);
        self::assertSame([GroupStatus::Open, 'P1', 'provider_unavailable'], [$group->status, $group->members[0]->payment->payNo, $group->members[1]->error->code]);
    }

    public function testListAllSyncAndClose(): void
    {
        $summary = array_diff_key(self::group(), ['members' => 0]);
        $http = new ScriptedHttp([
            ScriptedHttp::json(200, ['data' => [$summary], 'nextCursor' => 'c1']),
            ScriptedHttp::json(200, ['data' => [['groupNo' => 'G00'] + $summary]]),
            ScriptedHttp::json(202, ['group' => self::group(), 'members' => [['payNo' => 'P1', 'provider' => 'SUCCEEDED', 'eventId' => 'E1']]]),
            ScriptedHttp::json(200, self::group('closed')),
        ]);
        $payee = new PayeeClient(apiKey: 'pk', baseUrl: 'http://payee.test/live', httpClient: $http);
        self::assertSame(['G01', 'G00'], array_map(static fn ($g) => $g->groupNo, iterator_to_array($payee->groups->listAll(limit: 1), false)));
        self::assertSame(ProviderPaymentStatus::Succeeded, $payee->groups->sync('G01')->members[0]->provider);
        self::assertSame(GroupStatus::Closed, $payee->groups->close('G01')->status);
        self::assertSame(
            ['GET /v1/groups?limit=1', 'GET /v1/groups?limit=1&cursor=c1', 'POST /v1/groups/G01/sync', 'POST /v1/groups/G01/close'],
            array_map(static fn ($r) => $r->method . ' ' . substr($r->url, strlen('http://payee.test/live')), $http->requests),
        );
    }
}
