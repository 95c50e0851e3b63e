<?php

declare(strict_types=1);

namespace Payee\Model;

/** The body of POST /v1/payments: amounts in minor units; `payer` as the method needs it. */
final class CreatePaymentRequest extends Request
{
    /** @param array<string, string>|null $metadata */
    public function __construct(
        public readonly PaymentMethod $method,
        public readonly string $outTradeNo,
        public readonly string $subject,
        public readonly int $amount,
        public readonly string $currency,
        public readonly ?int $orderAmount = null,
        public readonly ?string $notifyUrl = null,
        public readonly ?string $returnUrl = null,
        /** Seconds until the payment closes by itself (60 to 604800). */
        public readonly ?int $expiresIn = null,
        public readonly ?Payer $payer = null,
        public readonly ?string $payId = null,
        public readonly ?string $scene = null,
        public readonly ?array $metadata = null,
        /** Detail lines adding up to the amount (1 to 20). @var list<DetailLine>|null */
        #[ListOf(DetailLine::class)]
        public readonly ?array $details = null,
    ) {
    }
}
