<?php

declare(strict_types=1);

namespace Payee\Model;

/** What payee POSTs to a payment's notifyUrl (verify it with Webhook::verifyNotification). */
final class PaymentNotification extends Model
{
    public function __construct(
        public readonly string $id,
        public readonly string $type,
        public readonly string $createdAt,
        public readonly Payment $data,
    ) {
    }
}
