<?php

declare(strict_types=1);

namespace Payee\Model;

/** What the buyer is shown: a QR code, a redirect, a form, app or JSAPI parameters. */
enum ActionType: string
{
    case QrCode = 'qr_code';
    case Redirect = 'redirect';
    case Form = 'form';
    case AppParams = 'app_params';
    case JsapiParams = 'jsapi_params';
}
