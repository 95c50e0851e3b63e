<?php

declare(strict_types=1);

namespace Payee\Model;

/** A group of payments and its members. */
final class Group extends Model
{
    public function __construct(
        public readonly string $groupNo,
        public readonly GroupMode $mode,
        public readonly GroupStatus $status,
        public readonly int $memberCount,
        public readonly string $createdAt,
        public readonly string $updatedAt,
        /** @var list<GroupMember> */
        #[ListOf(GroupMember::class)]
        public readonly array $members,
        public readonly ?string $method = null,
        public readonly ?string $notifyUrl = null,
        /** @var array<string, string>|null */
        public readonly ?array $metadata = null,
        /** A combined group's one checkout. */
        public readonly ?PaymentAction $action = null,
    ) {
    }
}
