<?php

declare(strict_types=1);

namespace Payee\Service;

use Payee\Model\Model;
use Payee\Model\Notification;
use Payee\Model\NotificationList;
use Payee\RequestOptions;

final class Notifications extends Service
{
    /** Every notification of the payment and each attempt to deliver it. */
    public function list(string $payNo, RequestOptions|array|null $options = null): NotificationList
    {
        return Model::fromAnswer(NotificationList::class, $this->transport->request('GET', self::paymentPath($payNo, '/notifications'), [], null, RequestOptions::of($options)));
    }

    /** Sends the payment as it is now, as a new notification (409 no_notify_url without one). */
    public function resend(string $payNo, RequestOptions|array|null $options = null): Notification
    {
        return Model::fromAnswer(Notification::class, $this->transport->request('POST', self::paymentPath($payNo, '/notifications/resend'), [], null, RequestOptions::of($options)));
    }
}
