<?php

declare(strict_types=1);

namespace Payee\Tests;

use Payee\Exception\InvalidRequestException;
use Payee\Model\Payment;
use Payee\PayeeClient;
use Payee\Tests\Support\FakeClock;
use Payee\Tests\Support\ScriptedHttp;
use PHPUnit\Framework\TestCase;

/** concurrently(): tasks in Fibers, requests in flight together through curl_multi against a real server. */
final class ConcurrentTest extends TestCase
{
    /** @var resource|null */
    private static $server = null;
    private static string $url;

    public static function setUpBeforeClass(): void
    {
        self::$server = proc_open([PHP_BINARY, __DIR__ . '/Support/slow-server.php'], [['pipe', 'r'], ['pipe', 'w'], ['file', '/dev/null', 'w']], $pipes);
        $port = (int) fgets($pipes[1]);
        if ($port === 0) {
            throw new \RuntimeException('tests/Support/slow-server.php did not start');
        }
        self::$url = "http://127.0.0.1:$port/live";
    }

    public static function tearDownAfterClass(): void
    {
        if (self::$server !== null) {
            proc_terminate(self::$server);
            proc_close(self::$server);
        }
    }

    public function testFourCallsInFlightTogether(): void
    {
        $payee = new PayeeClient(apiKey: 'pk', baseUrl: self::$url);
        $payee->payments->get('warm-up');
        // The server answers T1..T4 only once all four are in flight together (Support/slow-server.php);
        // one after another, the first would be refused after 5 s.
        $run = bin2hex(random_bytes(6));
        $payments = $payee->concurrently([
            'a' => fn () => $payee->payments->get("T1of4_$run"),
            'b' => fn () => $payee->payments->get("T2of4_$run"),
            'c' => fn () => $payee->payments->get("T3of4_$run"),
            'd' => fn () => [$payee->payments->get("T4of4_$run")->payNo, $payee->payments->get('P5')->payNo],
        ]);
        self::assertSame(['a' => "T1of4_$run", 'b' => "T2of4_$run", 'c' => "T3of4_$run"], array_map(static fn (Payment $p) => $p->payNo, array_slice($payments, 0, 3)));
        // A task's own calls still run in order: P5 after T4.
        self::assertSame(["T4of4_$run", 'P5'], $payments['d']);
    }

    public function testTheFirstFailureIsThrownOnceAllHaveEnded(): void
    {
        $payee = new PayeeClient(apiKey: 'pk', baseUrl: self::$url, maxRetries: 0);
        $finished = [];
        try {
            $payee->concurrently([
                function () use ($payee, &$finished) {
                    $payee->payments->get('P1');
                    $finished[] = 'P1';
                },
                fn () => $payee->payments->get('fail'),
            ]);
            self::fail('no error');
        } catch (InvalidRequestException $e) {
            self::assertSame(['payNo', ['P1']], [$e->param, $finished]);
        }
    }

    public function testWithoutCurlMultiTheTasksStillRunAndSleepOnTheClock(): void
    {
        $http = new ScriptedHttp([
            ScriptedHttp::json(503, Fixtures::error('unavailable', 'service_unavailable'), ['retry-after' => '2']),
            fn ($request) => ScriptedHttp::json(200, Fixtures::payment(basename($request->url))),
            fn ($request) => ScriptedHttp::json(200, Fixtures::payment(basename($request->url))),
        ]);
        $clock = new FakeClock();
        $payee = new PayeeClient(apiKey: 'pk', baseUrl: 'http://payee.test/live', httpClient: $http, clock: $clock);
        $results = $payee->concurrently([fn () => $payee->payments->get('P1')->payNo, fn () => $payee->payments->get('P2')->payNo], 2);
        self::assertSame(['P1', 'P2'], $results);
        self::assertSame([2.0], $clock->sleeps, 'the retry waited on the clock while the other task went on');
    }
}

