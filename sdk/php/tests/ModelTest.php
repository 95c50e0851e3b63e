<?php

declare(strict_types=1);

namespace Payee\Tests;

use Payee\Exception\ApiException;
use Payee\Model\ActionType;
use Payee\Model\CreatePaymentRequest;
use Payee\Model\Model;
use Payee\Model\Payer;
use Payee\Model\Payment;
use Payee\Model\PaymentMethod;
use Payee\Model\PaymentStatus;
use PHPUnit\Framework\TestCase;

final class ModelTest extends TestCase
{
    public function testAPaymentRoundTripsAsTheApiSentIt(): void
    {
        $json = Fixtures::payment(extra: ['metadata' => ['order' => '42'], 'failure' => ['code' => 'x', 'message' => 'y']]);
        $payment = Payment::fromArray($json + ['aFieldOfANewerApi' => 1]);
        self::assertSame([PaymentStatus::Pending, ActionType::QrCode, '42'], [$payment->status, $payment->action->type, $payment->metadata['order']]);
        self::assertEquals($json, json_decode(json_encode($payment), true));
    }

    public function testJsapiParametersStayAMap(): void
    {
        $payment = Payment::fromArray(Fixtures::payment(extra: ['action' => ['type' => 'jsapi_params', 'value' => ['appId' => 'wx1']]]));
        self::assertSame(['appId' => 'wx1'], $payment->action->value);
        self::assertSame('{}', json_encode(Payment::fromArray(Fixtures::payment(extra: ['metadata' => []]))->toArray()['metadata']));
    }

    public function testRequestsFromArraysOrNamedArguments(): void
    {
        $fromArray = CreatePaymentRequest::of(['method' => 'wechat.jsapi', 'outTradeNo' => 'A1', 'subject' => 's', 'amount' => 1, 'currency' => 'CNY', 'payer' => ['openid' => 'o1']]);
        $named = new CreatePaymentRequest(method: PaymentMethod::WechatJsapi, outTradeNo: 'A1', subject: 's', amount: 1, currency: 'CNY', payer: new Payer(openid: 'o1'));
        self::assertEquals($named, $fromArray);
        self::assertSame('{"method":"wechat.jsapi","outTradeNo":"A1","subject":"s","amount":1,"currency":"CNY","payer":{"openid":"o1"}}', json_encode($named));
    }

    public function testWrongParametersNameTheField(): void
    {
        foreach ([
            [['method' => 'alipay.qr', 'outTradeNo' => 'A1', 'subject' => 's', 'amount' => 1, 'currency' => 'CNY', 'amuont' => 2], 'unknown parameter amuont'],
            [['method' => 'alipay.qr', 'outTradeNo' => 'A1', 'subject' => 's', 'currency' => 'CNY'], 'amount is required'],
            [['method' => 'bitcoin', 'outTradeNo' => 'A1', 'subject' => 's', 'amount' => 1, 'currency' => 'CNY'], 'method is not one of alipay.qr'],
            [['method' => 'alipay.qr', 'outTradeNo' => 'A1', 'subject' => 's', 'amount' => '1', 'currency' => 'CNY'], 'amount must be int'],
        ] as [$params, $message]) {
            try {
                CreatePaymentRequest::of($params);
                self::fail("accepted: $message");
            } catch (\InvalidArgumentException $e) {
                self::assertStringContainsString($message, $e->getMessage());
            }
        }
    }

    public function testAnAnswerOfTheWrongShapeIsTheApisError(): void
    {
        $this->expectException(ApiException::class);
        $this->expectExceptionMessage('data[].payNo is required');
        Model::fromAnswer(\Payee\Model\PaymentList::class, ['data' => [['status' => 'PENDING']]]);
    }
}
