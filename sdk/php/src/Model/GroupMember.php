<?php

declare(strict_types=1);

namespace Payee\Model;

/** A member of a group: its payment, or why it has none yet. */
final class GroupMember extends Model
{
    public function __construct(
        public readonly string $outTradeNo,
        public readonly string $payNo,
        public readonly ?Payment $payment = null,
        public readonly ?Failure $error = null,
    ) {
    }
}
