<?php

declare(strict_types=1);

namespace Payee\Service;

use Payee\Model\Account;
use Payee\Model\AccountBalance;
use Payee\Model\AccountList;
use Payee\Model\CreateAccountRequest;
use Payee\Model\Flow;
use Payee\Model\FlowList;
use Payee\Model\Model;
use Payee\RequestOptions;

/** The ledger: accounts, their balances and flows (payments' detail lines move money between them). */
final class Accounts extends Service
{
    /** @param CreateAccountRequest|array<string, mixed> $params */
    public function create(CreateAccountRequest|array $params, RequestOptions|array|null $options = null): Account
    {
        $body = CreateAccountRequest::of($params);
        return Model::fromAnswer(Account::class, $this->transport->request('POST', '/v1/accounts', [], $body, RequestOptions::of($options)));
    }

    public function get(string $accountId, RequestOptions|array|null $options = null): Account
    {
        return Model::fromAnswer(Account::class, $this->transport->request('GET', self::accountPath($accountId), [], null, RequestOptions::of($options)));
    }

    /** One page of accounts. */
    public function list(?int $limit = null, ?string $cursor = null, RequestOptions|array|null $options = null): AccountList
    {
        return Model::fromAnswer(AccountList::class, $this->transport->request('GET', '/v1/accounts', ['limit' => $limit, 'cursor' => $cursor], null, RequestOptions::of($options)));
    }

    /** @return \Generator<int, Account> every account, page after page as the loop goes */
    public function listAll(?int $limit = null, RequestOptions|array|null $options = null): \Generator
    {
        $cursor = null;
        do {
            $page = $this->list($limit, $cursor, $options);
            yield from $page->data;
            $cursor = $page->nextCursor;
        } while ($cursor !== null);
    }

    /** The posted balance now, or at `$at` (ISO 8601). */
    public function balance(string $accountId, ?string $at = null, RequestOptions|array|null $options = null): AccountBalance
    {
        return Model::fromAnswer(AccountBalance::class, $this->transport->request('GET', self::accountPath($accountId, '/balance'), ['at' => $at], null, RequestOptions::of($options)));
    }

    /** One page of the account's flows. */
    public function listFlows(string $accountId, ?int $limit = null, ?string $cursor = null, RequestOptions|array|null $options = null): FlowList
    {
        $query = ['limit' => $limit, 'cursor' => $cursor];
        return Model::fromAnswer(FlowList::class, $this->transport->request('GET', self::accountPath($accountId, '/flows'), $query, null, RequestOptions::of($options)));
    }

    /** @return \Generator<int, Flow> every flow of the account, page after page as the loop goes */
    public function listAllFlows(string $accountId, ?int $limit = null, RequestOptions|array|null $options = null): \Generator
    {
        $cursor = null;
        do {
            $page = $this->listFlows($accountId, $limit, $cursor, $options);
            yield from $page->data;
            $cursor = $page->nextCursor;
        } while ($cursor !== null);
    }

    private static function accountPath(string $accountId, string $rest = ''): string
    {
        return '/v1/accounts/' . rawurlencode($accountId) . $rest;
    }
}
