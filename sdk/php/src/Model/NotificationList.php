<?php

declare(strict_types=1);

namespace Payee\Model;

/** A payment's notifications, oldest first. */
final class NotificationList extends Model
{
    public function __construct(
        /** @var list<Notification> */
        #[ListOf(Notification::class)]
        public readonly array $data,
    ) {
    }
}
