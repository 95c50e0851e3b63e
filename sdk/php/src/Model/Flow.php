<?php

declare(strict_types=1);

namespace Payee\Model;

/** A movement of money between two accounts, as one of them sees it. */
final class Flow extends Model
{
    public function __construct(
        public readonly string $flowId,
        public readonly FlowKind $kind,
        public readonly FlowDirection $direction,
        public readonly int $amount,
        public readonly string $currency,
        public readonly string $accountOut,
        public readonly string $accountRec,
        public readonly string $payNo,
        /** The payment's detail line it comes from. */
        public readonly int $line,
        public readonly string $at,
        public readonly ?string $refundNo = null,
        public readonly ?string $pendingFlowId = null,
        public readonly ?string $memo = null,
    ) {
    }
}
