<?php

declare(strict_types=1);

namespace Payee\Tests;

use Payee\Model\Account;
use Payee\Model\AccountType;
use Payee\Model\CreateAccountRequest;
use Payee\Model\FlowKind;
use Payee\PayeeClient;
use Payee\Tests\Support\ScriptedHttp;
use PHPUnit\Framework\TestCase;

final class AccountsTest extends TestCase
{
    private static function account(?int $overdraftLimit = 0): array
    {
        return [
            'accountId' => 'A01', 'currency' => 'CNY', 'type' => 'liability', 'overdraftLimit' => $overdraftLimit, 'shards' => 1,
            'balance' => ['posted' => 100, 'pendingIncoming' => 0, 'pendingOutgoing' => 30, 'available' => 70, 'postedDebits' => 0, 'postedCredits' => 100, 'pendingDebits' => 30, 'pendingCredits' => 0],
            'createdAt' => '2026-12-03T09:00:00.000Z',
        ];
    }

    private static function flow(string $flowId): array
    {
        return ['flowId' => $flowId, 'kind' => 'posted', 'direction' => 'credit', 'amount' => 100, 'currency' => 'CNY', 'accountOut' => 'A00', 'accountRec' => 'A01', 'payNo' => 'P1', 'line' => 0, 'at' => '2026-12-03T09:00:00.000Z'];
    }

    public function testNoLimitIsSentAsNullAndTheDefaultAsZero(): void
    {
        self::assertSame('{"currency":"CNY","type":"liability","overdraftLimit":null,"shards":4}', json_encode(CreateAccountRequest::of(['currency' => 'CNY', 'type' => 'liability', 'overdraftLimit' => null, 'shards' => 4])));
        self::assertSame('{"currency":"CNY","type":"asset","overdraftLimit":0}', json_encode(new CreateAccountRequest(currency: 'CNY', type: AccountType::Asset)));
        $unlimited = Account::fromArray(self::account(null));
        self::assertNull($unlimited->overdraftLimit);
        self::assertSame(self::account(null), json_decode(json_encode($unlimited), true));
        $this->expectException(\InvalidArgumentException::class);
        Account::fromArray(array_diff_key(self::account(), ['overdraftLimit' => 0]));
    }

    public function testCallsAndPagination(): void
    {
        $http = new ScriptedHttp([
            ScriptedHttp::json(201, self::account()),
            ScriptedHttp::json(200, ['accountId' => 'A01', 'currency' => 'CNY', 'at' => '2026-12-01T00:00:00Z', 'posted' => 40]),
            ScriptedHttp::json(200, ['data' => [self::flow('F2')], 'nextCursor' => 'c1']),
            ScriptedHttp::json(200, ['data' => [self::flow('F1')]]),
        ]);
        $payee = new PayeeClient(apiKey: 'pk', baseUrl: 'http://payee.test/live', httpClient: $http);
        $account = $payee->accounts->create(['currency' => 'CNY', 'type' => 'liability', 'name' => 'wallet of u1'], ['idempotencyKey' => 'acct-u1']);
        self::assertSame([AccountType::Liability, 70], [$account->type, $account->balance->available]);
        self::assertSame(40, $payee->accounts->balance('A01', at: '2026-12-01T00:00:00Z')->posted);
        $flows = iterator_to_array($payee->accounts->listAllFlows('A01', limit: 1), false);
        self::assertSame([['F2', FlowKind::Posted], ['F1', FlowKind::Posted]], array_map(static fn ($f) => [$f->flowId, $f->kind], $flows));
        self::assertSame([
            'POST /v1/accounts',
            'GET /v1/accounts/A01/balance?at=2026-12-01T00%3A00%3A00Z',
            'GET /v1/accounts/A01/flows?limit=1',
            'GET /v1/accounts/A01/flows?limit=1&cursor=c1',
        ], array_map(static fn ($r) => $r->method . ' ' . substr($r->url, strlen('http://payee.test/live')), $http->requests));
        self::assertSame('acct-u1', $http->requests[0]->headers['Idempotency-Key']);
    }
}
