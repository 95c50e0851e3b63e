<?php

declare(strict_types=1);

namespace Payee\Service;

use Payee\Model\CreateGroupRequest;
use Payee\Model\Group;
use Payee\Model\GroupList;
use Payee\Model\GroupSummary;
use Payee\Model\GroupSyncResult;
use Payee\Model\Model;
use Payee\RequestOptions;

/** Groups of payments: several orders paid one by one (batch) or in one checkout (combined). */
final class Groups extends Service
{
    /**
     * Creates the group and a payment for each member; a member whose payment could not be made
     * carries its `error` (create again with the same Idempotency-Key to retry those).
     *
     * @param CreateGroupRequest|array<string, mixed> $params
     */
    public function create(CreateGroupRequest|array $params, RequestOptions|array|null $options = null): Group
    {
        $body = CreateGroupRequest::of($params);
        return Model::fromAnswer(Group::class, $this->transport->request('POST', '/v1/groups', [], $body, RequestOptions::of($options)));
    }

    public function get(string $groupNo, RequestOptions|array|null $options = null): Group
    {
        return Model::fromAnswer(Group::class, $this->transport->request('GET', self::groupPath($groupNo), [], null, RequestOptions::of($options)));
    }

    /** One page, newest first. */
    public function list(?int $limit = null, ?string $cursor = null, RequestOptions|array|null $options = null): GroupList
    {
        return Model::fromAnswer(GroupList::class, $this->transport->request('GET', '/v1/groups', ['limit' => $limit, 'cursor' => $cursor], null, RequestOptions::of($options)));
    }

    /** @return \Generator<int, GroupSummary> every group, page after page as the loop goes */
    public function listAll(?int $limit = null, RequestOptions|array|null $options = null): \Generator
    {
        $cursor = null;
        do {
            $page = $this->list($limit, $cursor, $options);
            yield from $page->data;
            $cursor = $page->nextCursor;
        } while ($cursor !== null);
    }

    /** Closes every unpaid member's payment. */
    public function close(string $groupNo, RequestOptions|array|null $options = null): Group
    {
        return Model::fromAnswer(Group::class, $this->transport->request('POST', self::groupPath($groupNo, '/close'), [], null, RequestOptions::of($options)));
    }

    /** Asks the provider about every member now; what it says is applied asynchronously. */
    public function sync(string $groupNo, RequestOptions|array|null $options = null): GroupSyncResult
    {
        return Model::fromAnswer(GroupSyncResult::class, $this->transport->request('POST', self::groupPath($groupNo, '/sync'), [], null, RequestOptions::of($options)));
    }

    private static function groupPath(string $groupNo, string $rest = ''): string
    {
        return '/v1/groups/' . rawurlencode($groupNo) . $rest;
    }
}
