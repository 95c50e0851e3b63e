<?php

declare(strict_types=1);

namespace Payee\Internal;

use Payee\Clock;
use Payee\Exception\ConnectionException;
use Payee\Http\ConcurrentHttpClient;
use Payee\Http\HttpClient;
use Payee\Http\HttpRequest;
use Payee\Http\HttpResponse;

/**
 * Runs tasks concurrently, each in a Fiber: where a task's call would block (a request, a backoff,
 * a waiter's pause) its Fiber is suspended, and the loop drives every request in flight through
 * curl_multi and wakes sleepers on time. Outside run(), send() and sleep() simply block.
 *
 * @internal
 */
final class Scheduler
{
    /** @var \WeakMap<\Fiber, true> the fibers of the run in progress */
    private \WeakMap $fibers;
    private bool $running = false;

    public function __construct()
    {
        $this->fibers = new \WeakMap();
    }

    public function send(HttpClient $http, HttpRequest $request): HttpResponse
    {
        if (!$this->inTask()) {
            return $http->send($request);
        }
        $outcome = \Fiber::suspend(['send', $request]);
        if ($outcome instanceof ConnectionException) {
            throw $outcome;
        }
        return $outcome;
    }

    public function sleep(Clock $clock, float $seconds): void
    {
        if ($this->inTask()) {
            \Fiber::suspend(['sleep', $seconds]);
        } else {
            $clock->sleep($seconds);
        }
    }

    /**
     * Every task's result by its key, `$concurrency` tasks at a time; once all have ended, the
     * first exception a task threw (in key order) is thrown instead.
     *
     * @template T
     * @param array<array-key, callable(): T> $tasks
     * @return array<array-key, T>
     */
    public function run(array $tasks, int $concurrency, HttpClient $http, Clock $clock): array
    {
        if ($concurrency < 1) {
            throw new \InvalidArgumentException('concurrency must be 1 or more');
        }
        if ($this->running) {
            throw new \LogicException('payee: concurrently() cannot be nested');
        }
        $this->running = true;
        try {
            $outcomes = $this->loop($tasks, $concurrency, $http, $clock);
        } finally {
            $this->running = false;
        }
        $results = [];
        foreach (array_keys($tasks) as $key) {
            if ($outcomes[$key] instanceof TaskFailure) {
                throw $outcomes[$key]->error;
            }
            $results[$key] = $outcomes[$key];
        }
        return $results;
    }

    private function inTask(): bool
    {
        $fiber = \Fiber::getCurrent();
        return $fiber !== null && isset($this->fibers[$fiber]);
    }

    /** @return array<array-key, mixed> */
    private function loop(array $tasks, int $concurrency, HttpClient $http, Clock $clock): array
    {
        $keys = array_keys($tasks);
        $next = 0;
        $fibers = [];   // slot => [key, Fiber]
        $sleeping = []; // slot => wake time
        $outcomes = [];
        $slot = 0;
        $step = function (int $slot, mixed $value, bool $start = false) use (&$fibers, &$sleeping, &$outcomes, $http, $clock): void {
            [$key, $fiber] = $fibers[$slot];
            try {
                $wanted = $start ? $fiber->start() : $fiber->resume($value);
            } catch (\Throwable $e) {
                $outcomes[$key] = new TaskFailure($e);
                unset($fibers[$slot]);
                return;
            }
            if ($fiber->isTerminated()) {
                $outcomes[$key] = $fiber->getReturn();
                unset($fibers[$slot]);
            } elseif ($wanted[0] === 'sleep') {
                $sleeping[$slot] = $clock->now() + $wanted[1];
            } elseif ($http instanceof ConcurrentHttpClient) {
                $http->start($wanted[1], $slot);
            } else {
                $sleeping[$slot] = $clock->now(); // sent below, one at a time
                $fibers[$slot][2] = $wanted[1];
            }
        };
        while ($next < count($keys) || $fibers !== []) {
            while (count($fibers) < $concurrency && $next < count($keys)) {
                $key = $keys[$next++];
                $fiber = new \Fiber($tasks[$key]);
                $this->fibers[$fiber] = true;
                $fibers[++$slot] = [$key, $fiber];
                $step($slot, null, true);
            }
            if ($fibers === []) {
                break;
            }
            $now = $clock->now();
            foreach ($sleeping as $s => $at) {
                if ($at <= $now) {
                    unset($sleeping[$s]);
                    $pending = $fibers[$s][2] ?? null;
                    if ($pending !== null) {
                        unset($fibers[$s][2]);
                        try {
                            $value = $http->send($pending);
                        } catch (ConnectionException $e) {
                            $value = $e;
                        }
                        $step($s, $value);
                    } else {
                        $step($s, null);
                    }
                }
            }
            $inFlight = count($fibers) - count($sleeping);
            if ($inFlight > 0 && $http instanceof ConcurrentHttpClient) {
                $wait = $sleeping === [] ? 1.0 : max(0.0, min($sleeping) - $clock->now());
                foreach ($http->poll($wait) as $s => $outcome) {
                    $step($s, $outcome);
                }
            } elseif ($sleeping !== [] && ($wait = min($sleeping) - $clock->now()) > 0) {
                $clock->sleep($wait);
            }
        }
        return $outcomes;
    }
}
