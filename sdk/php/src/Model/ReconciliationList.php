<?php

declare(strict_types=1);

namespace Payee\Model;

/** The reconciliation reports of a day. */
final class ReconciliationList extends Model
{
    public function __construct(
        public readonly string $day,
        /** @var list<ReconciliationReport> */
        #[ListOf(ReconciliationReport::class)]
        public readonly array $data,
    ) {
    }
}
