<?php

declare(strict_types=1);

namespace Payee\Model;

/** What the provider says about a payment, normalised (sync). */
final class ProviderState extends Model
{
    public function __construct(
        public readonly ProviderPaymentStatus $status,
        public readonly ?string $providerStatus = null,
        public readonly ?string $providerTradeNo = null,
        public readonly ?int $amount = null,
        public readonly ?string $currency = null,
        public readonly ?string $paidAt = null,
    ) {
    }
}
