<?php

declare(strict_types=1);

namespace Payee\Model;

/** A duration's percentiles over `count` samples (none without samples). */
final class Latency extends Model
{
    public function __construct(
        public readonly int $count,
        public readonly ?int $p50Ms = null,
        public readonly ?int $p95Ms = null,
    ) {
    }
}
