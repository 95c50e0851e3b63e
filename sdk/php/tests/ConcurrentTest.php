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
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) substr(strrchr(stream_socket_get_name($socket, false), ':'), 1);
        fclose($socket);
        self::$url = "http://127.0.0.1:$port/live";
        // Four workers: the server answers four requests at a time.
        self::$server = proc_open([PHP_BINARY, '-S', "127.0.0.1:$port", __DIR__ . '/Support/slow-server.php'], [['pipe', 'r'], ['file', '/dev/null', 'w'], ['file', '/dev/null', 'w']], $pipes, null, ['PHP_CLI_SERVER_WORKERS' => '4']);
        $deadline = microtime(true) + 10;
        while (@fsockopen('127.0.0.1', $port) === false) {
            if (microtime(true) > $deadline) {
                throw new \RuntimeException('php -S did not start');
            }
            usleep(20_000);
        }
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
        $started = microtime(true);
        $payments = $payee->concurrently([
            'a' => fn () => $payee->payments->get('P1'),
            'b' => fn () => $payee->payments->get('P2'),
            'c' => fn () => $payee->payments->get('P3'),
            'd' => fn () => [$payee->payments->get('P4')->payNo, $payee->payments->get('P5')->payNo],
        ]);
        $took = microtime(true) - $started;
        self::assertSame(['a' => 'P1', 'b' => 'P2', 'c' => 'P3'], array_map(static fn (Payment $p) => $p->payNo, array_slice($payments, 0, 3)));
        self::assertSame(['P4', 'P5'], $payments['d']);
        // One after another: 5 × 0.5 s. Together: the slowest task, two calls in a row.
        self::assertLessThan(2.0, $took, "took $took s");
        self::assertGreaterThanOrEqual(1.0, $took);
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

