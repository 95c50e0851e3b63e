<?php

declare(strict_types=1);

namespace Payee\Model;

/** Whether a notification reached its notifyUrl. */
enum NotificationStatus: string
{
    case Pending = 'PENDING';
    case Delivered = 'DELIVERED';
    case Failed = 'FAILED';
}
