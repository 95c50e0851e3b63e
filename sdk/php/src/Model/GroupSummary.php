<?php

declare(strict_types=1);

namespace Payee\Model;

/** A group as a list shows it (get() has its members). */
final class GroupSummary extends Model
{
    public function __construct(
        public readonly string $groupNo,
        public readonly GroupMode $mode,
        public readonly GroupStatus $status,
        public readonly int $memberCount,
        public readonly string $createdAt,
        public readonly string $updatedAt,
        public readonly ?string $method = null,
        public readonly ?string $notifyUrl = null,
        /** @var array<string, string>|null */
        public readonly ?array $metadata = null,
    ) {
    }
}
