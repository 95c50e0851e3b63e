<?php

declare(strict_types=1);

namespace Payee\Exception;

/** 400: the request is wrong; `param` names the field. */
final class InvalidRequestException extends PayeeException
{
}
