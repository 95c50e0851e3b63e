<?php

declare(strict_types=1);

namespace Payee;

/** Time for retries and waiters: tests and schedulers inject their own. */
interface Clock
{
    /** Seconds on a monotonic scale. */
    public function now(): float;

    public function sleep(float $seconds): void;
}
