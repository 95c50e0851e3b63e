<?php

declare(strict_types=1);

namespace Payee\Model;

/** The group as it is now and the provider's answer for each member, applied asynchronously. */
final class GroupSyncResult extends Model
{
    public function __construct(
        public readonly Group $group,
        /** @var list<GroupMemberSync> */
        #[ListOf(GroupMemberSync::class)]
        public readonly array $members,
    ) {
    }
}
