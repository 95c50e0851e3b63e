<?php

/**
 * The quickstart: against `npm start` (PAYEE_URL and PAYEE_KEY as it prints them), create a
 * payment, wait while the buyer pays it (in another terminal: `npm run sandbox -- pay <payNo>`),
 * refund part of it, and list the payments.
 *
 *     PAYEE_URL=http://127.0.0.1:4010/live PAYEE_KEY=pk_... php examples/quickstart.php
 */

declare(strict_types=1);

require __DIR__ . '/../src/autoload.php'; // with Composer: require 'vendor/autoload.php';

use Payee\Exception\WaitTimeoutException;
use Payee\PayeeClient;

$payee = new PayeeClient(); // apiKey and baseUrl from PAYEE_KEY and PAYEE_URL

$payment = $payee->payments->create([
    'method' => 'alipay.qr',
    'outTradeNo' => 'A' . time(),
    'subject' => 'T-shirt',
    'amount' => 1999,
    'currency' => 'CNY',
]);
echo "{$payment->payNo} {$payment->status->value}: show the buyer {$payment->action?->type->value} ", json_encode($payment->action?->value, JSON_UNESCAPED_SLASHES), "\n";
echo "pay it: npm run sandbox -- pay {$payment->payNo}\n";

try {
    $paid = $payee->payments->waitFor($payment->payNo, ['SUCCEEDED', 'CLOSED', 'FAILED'], maxWait: 120);
    echo "{$paid->payNo} {$paid->status->value} at {$paid->paidAt}\n";
    $refund = $payee->payments->refundAndWait($paid->payNo, ['amount' => 500, 'reason' => 'size exchange']);
    echo "refund {$refund->refundNo} {$refund->status->value}\n";
} catch (WaitTimeoutException $e) {
    echo "nobody paid within two minutes: {$e->getMessage()}\n";
}

foreach ($payee->payments->listAll(limit: 20) as $p) {
    echo "{$p->payNo} {$p->status->value} {$p->amount} {$p->currency}\n";
}
