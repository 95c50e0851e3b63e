<?php

declare(strict_types=1);

namespace Payee\Exception;

/** No answer: the connection failed or was dropped, or the request timed out. */
final class ConnectionException extends PayeeException
{
}
