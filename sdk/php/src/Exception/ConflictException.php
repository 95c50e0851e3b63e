<?php

declare(strict_types=1);

namespace Payee\Exception;

/** 409: the request conflicts with the state of a resource (`duplicate_out_trade_no` names the existing payment in `payNo`). */
final class ConflictException extends PayeeException
{
}
