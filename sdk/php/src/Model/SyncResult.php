<?php

declare(strict_types=1);

namespace Payee\Model;

/** The payment as it is now and the provider's answer, which payee applies asynchronously. */
final class SyncResult extends Model
{
    public function __construct(
        public readonly Payment $payment,
        public readonly ProviderState $provider,
        public readonly ?string $eventId = null,
        /** @var list<RefundOutcome>|null */
        #[ListOf(RefundOutcome::class)]
        public readonly ?array $refunds = null,
    ) {
    }
}
