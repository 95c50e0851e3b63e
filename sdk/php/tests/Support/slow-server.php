<?php

// A router for `php -S` (tests/ConcurrentTest.php): every GET of /live/v1/payments/{payNo} answers
// that payment after 500 ms; /live/v1/payments/fail answers 400.

declare(strict_types=1);

require __DIR__ . '/../Fixtures.php';

usleep(500_000);
header('Content-Type: application/json');
$payNo = basename(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if ($payNo === 'fail') {
    http_response_code(400);
    echo json_encode(Payee\Tests\Fixtures::error('invalid_request', 'parameter_invalid', ['param' => 'payNo']));
    return;
}
echo json_encode(Payee\Tests\Fixtures::payment($payNo));
