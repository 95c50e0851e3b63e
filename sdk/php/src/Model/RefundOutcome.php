<?php

declare(strict_types=1);

namespace Payee\Model;

/** What a sync did with one refund. */
final class RefundOutcome extends Model
{
    public function __construct(
        public readonly string $refundNo,
        public readonly RefundSyncOutcome $outcome,
    ) {
    }
}
