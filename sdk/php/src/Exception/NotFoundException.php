<?php

declare(strict_types=1);

namespace Payee\Exception;

/** 404: no such payment (or one another company owns), or no such route. */
final class NotFoundException extends PayeeException
{
}
