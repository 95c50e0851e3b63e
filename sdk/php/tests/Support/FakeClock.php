<?php

declare(strict_types=1);

namespace Payee\Tests\Support;

use Payee\Clock;

/** Time that passes only when slept: every sleep is recorded. */
final class FakeClock implements Clock
{
    /** @var list<float> */
    public array $sleeps = [];
    private float $now = 1000.0;

    public function now(): float
    {
        return $this->now;
    }

    public function sleep(float $seconds): void
    {
        $this->sleeps[] = $seconds;
        $this->now += $seconds;
    }

    public function advance(float $seconds): void
    {
        $this->now += $seconds;
    }
}
