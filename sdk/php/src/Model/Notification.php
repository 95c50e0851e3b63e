<?php

declare(strict_types=1);

namespace Payee\Model;

/** A notification of a payment to its notifyUrl, with every delivery attempt. */
final class Notification extends Model
{
    public function __construct(
        public readonly string $notificationId,
        public readonly string $payNo,
        public readonly string $type,
        public readonly string $url,
        public readonly NotificationStatus $status,
        /** @var list<NotificationAttempt> */
        #[ListOf(NotificationAttempt::class)]
        public readonly array $attempts,
        public readonly string $createdAt,
        public readonly string $updatedAt,
        public readonly ?string $nextAttemptAt = null,
    ) {
    }
}
