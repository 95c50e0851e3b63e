<?php

// A one-process HTTP server for tests/ConcurrentTest.php that serves many connections at once (php -S
// does not: a worker takes connections that arrive together and answers them one after another). It
// prints its port, then serves until killed:
// - GET …/v1/payments/fail answers 400 at once;
// - GET …/v1/payments/T<n>of<k>_<run> answers only once k payments of that run are in flight together,
//   and 400 `barrier` after 5 s otherwise — proof of concurrency however loaded the machine is;
// - any other GET …/v1/payments/{payNo} answers that payment after 500 ms.

declare(strict_types=1);

require __DIR__ . '/../Fixtures.php';

use Payee\Tests\Fixtures;

$server = stream_socket_server('tcp://127.0.0.1:0');
stream_set_blocking($server, false);
echo substr(strrchr(stream_socket_get_name($server, false), ':'), 1), "\n";

/** @var array<int, array{socket: resource, request: string, payNo: ?string, arrived: float}> */
$connections = [];
/** @var array<string, int> how many payments of each barrier run have arrived */
$barriers = [];

function answer($socket, int $status, array $body): void
{
    $json = json_encode($body);
    fwrite($socket, "HTTP/1.1 $status X\r\nContent-Type: application/json\r\nContent-Length: " . strlen($json) . "\r\nConnection: close\r\n\r\n$json");
    fclose($socket);
}

function refusal(string $param): array
{
    return Fixtures::error('invalid_request', 'parameter_invalid', ['param' => $param]);
}

while (true) {
    $now = microtime(true);
    foreach ($connections as $id => $c) {
        $payNo = $c['payNo'];
        if ($payNo === null) {
            continue;
        }
        $waited = $now - $c['arrived'];
        if ($payNo === 'fail') {
            answer($c['socket'], 400, refusal('payNo'));
        } elseif (preg_match('/^T\d+of(\d+)_(\w+)$/', $payNo, $m) === 1) {
            if ($barriers[$m[2]] >= (int) $m[1]) {
                answer($c['socket'], 200, Fixtures::payment($payNo));
            } elseif ($waited >= 5) {
                answer($c['socket'], 400, refusal('barrier'));
            } else {
                continue;
            }
        } elseif ($waited >= 0.5) {
            answer($c['socket'], 200, Fixtures::payment($payNo));
        } else {
            continue;
        }
        unset($connections[$id]);
    }

    $read = [$server];
    foreach ($connections as $c) {
        $read[] = $c['socket'];
    }
    $write = $except = null;
    if (stream_select($read, $write, $except, 0, 20_000) === false) {
        exit(1);
    }
    foreach ($read as $socket) {
        if ($socket === $server) {
            $client = @stream_socket_accept($server, 0);
            if ($client !== false) {
                stream_set_blocking($client, false);
                $connections[(int) $client] = ['socket' => $client, 'request' => '', 'payNo' => null, 'arrived' => 0.0];
            }
            continue;
        }
        $id = (int) $socket;
        $chunk = fread($socket, 8192);
        if ($chunk === '' || $chunk === false) {
            fclose($socket);
            unset($connections[$id]);
            continue;
        }
        $connections[$id]['request'] .= $chunk;
        if ($connections[$id]['payNo'] === null && str_contains($connections[$id]['request'], "\r\n\r\n")) {
            $path = explode(' ', $connections[$id]['request'], 3)[1] ?? '/';
            $payNo = basename((string) parse_url($path, PHP_URL_PATH));
            $connections[$id]['payNo'] = $payNo;
            $connections[$id]['arrived'] = microtime(true);
            if (preg_match('/^T\d+of\d+_(\w+)$/', $payNo, $m) === 1) {
                $barriers[$m[1]] = ($barriers[$m[1]] ?? 0) + 1;
            }
        }
    }
}
