<?php

declare(strict_types=1);

namespace Payee\Model;

/** What payee POSTs to a group's notifyUrl when the group is paid or closed (verify it with Webhook::verifyNotification). */
final class GroupNotification extends Model
{
    public function __construct(
        public readonly string $id,
        public readonly string $type,
        public readonly string $createdAt,
        public readonly Group $data,
    ) {
    }
}
