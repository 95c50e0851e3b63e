<?php

declare(strict_types=1);

namespace Payee\Model;

/** A payment: amounts in minor units (1999 = 19.99 CNY), times as ISO 8601 strings. */
final class Payment extends Model
{
    public function __construct(
        public readonly string $payNo,
        public readonly PaymentStatus $status,
        public readonly string $method,
        public readonly string $channel,
        public readonly string $payId,
        public readonly string $outTradeNo,
        public readonly string $subject,
        public readonly int $amount,
        public readonly int $orderAmount,
        public readonly string $currency,
        public readonly int $refundableAmount,
        public readonly string $expiresAt,
        public readonly string $createdAt,
        public readonly string $updatedAt,
        /** What to show the buyer while the payment is PENDING. */
        public readonly ?PaymentAction $action = null,
        public readonly ?string $providerTradeNo = null,
        public readonly ?Failure $failure = null,
        public readonly ?string $notifyUrl = null,
        public readonly ?string $returnUrl = null,
        /** @var array<string, string>|null */
        public readonly ?array $metadata = null,
        public readonly ?string $paidAt = null,
        /** @var list<DetailLine>|null */
        #[ListOf(DetailLine::class)]
        public readonly ?array $details = null,
    ) {
    }
}
