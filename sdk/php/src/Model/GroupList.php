<?php

declare(strict_types=1);

namespace Payee\Model;

/** One page of groups, newest first; `nextCursor` is set when more follow. */
final class GroupList extends Model
{
    public function __construct(
        /** @var list<GroupSummary> */
        #[ListOf(GroupSummary::class)]
        public readonly array $data,
        public readonly ?string $nextCursor = null,
    ) {
    }
}
