<?php

declare(strict_types=1);

namespace Payee\Model;

/** The payment methods payee offers: <provider>.<product>. */
enum PaymentMethod: string
{
    case AlipayQr = 'alipay.qr';
    case AlipayPage = 'alipay.page';
    case AlipayWap = 'alipay.wap';
    case AlipayApp = 'alipay.app';
    case WechatNative = 'wechat.native';
    case WechatJsapi = 'wechat.jsapi';
    case WechatH5 = 'wechat.h5';
    case WechatApp = 'wechat.app';
    case UnionpayWeb = 'unionpay.web';
    case UnionpayApp = 'unionpay.app';
    case PaypalCheckout = 'paypal.checkout';
    /** Between two ledger accounts of the merchant's (settles at create, no pay config). */
    case BalanceTransfer = 'balance.transfer';
}
