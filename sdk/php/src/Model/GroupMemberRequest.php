<?php

declare(strict_types=1);

namespace Payee\Model;

/** One member of a group to create: a payment's own fields (method, payer and URLs come from the group). */
final class GroupMemberRequest extends Model
{
    public function __construct(
        public readonly string $outTradeNo,
        public readonly string $subject,
        public readonly int $amount,
        public readonly string $currency,
        public readonly ?PaymentMethod $method = null,
        public readonly ?int $orderAmount = null,
        public readonly ?string $payId = null,
        /** @var array<string, string>|null */
        public readonly ?array $metadata = null,
        /** @var list<DetailLine>|null */
        #[ListOf(DetailLine::class)]
        public readonly ?array $details = null,
    ) {
    }
}
