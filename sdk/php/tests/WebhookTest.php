<?php

declare(strict_types=1);

namespace Payee\Tests;

use Payee\Exception\SignatureVerificationException;
use Payee\Model\GroupNotification;
use Payee\Model\GroupStatus;
use Payee\Model\PaymentNotification;
use Payee\Model\PaymentStatus;
use Payee\Webhook;
use PHPUnit\Framework\TestCase;

final class WebhookTest extends TestCase
{
    /** @return iterable<string, array{array<string, mixed>}> */
    public static function vectors(): iterable
    {
        $file = json_decode(file_get_contents(__DIR__ . '/../../../docs/vectors/notification-signature.json'), true);
        foreach ($file['vectors'] as $vector) {
            yield $vector['name'] => [$vector];
        }
    }

    /** @dataProvider vectors */
    public function testEveryVectorVerifiesAndNothingElse(array $v): void
    {
        Webhook::verifySignature($v['body'], $v['header'], $v['secret'], now: $v['t']);
        Webhook::verifySignature($v['body'], $v['header'], $v['secret'], toleranceSeconds: 1000, now: $v['t'] + 1000);
        self::assertSame($v['header'], Webhook::sign($v['body'], $v['secret'], $v['t']));
        foreach ([
            'stale' => [$v['body'], $v['header'], $v['secret'], 300, $v['t'] + 301],
            'early' => [$v['body'], $v['header'], $v['secret'], 300, $v['t'] - 301],
            'tampered' => [$v['body'] . ' ', $v['header'], $v['secret'], 300, $v['t']],
            'other secret' => [$v['body'], $v['header'], $v['secret'] . 'x', 300, $v['t']],
            'no header' => [$v['body'], null, $v['secret'], 300, $v['t']],
        ] as $case => $args) {
            try {
                Webhook::verifySignature(...$args);
                self::fail("$case verified");
            } catch (SignatureVerificationException $e) {
                self::assertSame('signature', $e->type, $case);
            }
        }
    }

    public function testEveryV1IsTriedWhileASecretIsRotated(): void
    {
        $body = '{"id":"N1"}';
        $header = Webhook::sign($body, 'new', 1_764_028_800);
        $old = explode('v1=', Webhook::sign($body, 'old', 1_764_028_800))[1];
        Webhook::verifySignature($body, "t=1764028800,v1=$old," . explode(',', $header)[1], 'new', now: 1_764_028_800);
        $this->expectException(SignatureVerificationException::class);
        Webhook::verifySignature($body, "t=1764028800,v1=$old", 'new', now: 1_764_028_800);
    }

    public function testTheNotificationIsTyped(): void
    {
        $body = json_encode(['id' => 'N1', 'type' => 'payment.succeeded', 'createdAt' => '2026-12-03T09:00:00.000Z', 'data' => Fixtures::payment(status: 'SUCCEEDED')]);
        $notification = Webhook::verifyNotification($body, Webhook::sign($body, 'whsec_1'), 'whsec_1');
        self::assertInstanceOf(PaymentNotification::class, $notification);
        self::assertSame(['N1', 'payment.succeeded', PaymentStatus::Succeeded], [$notification->id, $notification->type, $notification->data->status]);
    }

    public function testAGroupsNotificationIsAGroupNotificationWithItsMembers(): void
    {
        $file = json_decode(file_get_contents(__DIR__ . '/../../../docs/vectors/notification-signature.json'), true);
        $v = array_values(array_filter($file['vectors'], fn (array $x) => $x['name'] === 'group.paid'))[0];
        $notification = Webhook::verifyNotification($v['body'], $v['header'], $v['secret'], now: $v['t']);
        self::assertInstanceOf(GroupNotification::class, $notification);
        self::assertSame(['group.paid', 'G01KAX9QZW0G8S5T6V7X2Y3Z5C', GroupStatus::Paid], [$notification->type, $notification->data->groupNo, $notification->data->status]);
        self::assertSame(
            [['P01KAX9QZW0G8S5T6V7X2Y3Z5A', PaymentStatus::Succeeded, 1000], ['P01KAX9QZW0G8S5T6V7X2Y3Z5B', PaymentStatus::Succeeded, 2500]],
            array_map(fn ($m) => [$m->payNo, $m->payment?->status, $m->payment?->amount], $notification->data->members),
        );
        $this->expectException(SignatureVerificationException::class);
        Webhook::verifyNotification(str_replace('"amount":2500', '"amount":2600', $v['body']), $v['header'], $v['secret'], now: $v['t']);
    }

    public function testAMalformedHeader(): void
    {
        $this->expectException(SignatureVerificationException::class);
        $this->expectExceptionMessage('not t=<unix seconds>,v1=<hex>');
        Webhook::verifySignature('{}', 't=abc,v1=zz', 'secret');
    }
}
