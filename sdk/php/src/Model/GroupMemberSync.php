<?php

declare(strict_types=1);

namespace Payee\Model;

/** What the provider said of one member's payment (sync). */
final class GroupMemberSync extends Model
{
    public function __construct(
        public readonly string $payNo,
        public readonly ?ProviderPaymentStatus $provider = null,
        public readonly ?string $eventId = null,
        public readonly ?Failure $error = null,
    ) {
    }
}
