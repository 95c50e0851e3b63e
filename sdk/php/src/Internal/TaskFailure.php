<?php

declare(strict_types=1);

namespace Payee\Internal;

/** @internal What a concurrent task threw, kept until every task has ended. */
final class TaskFailure
{
    public function __construct(public readonly \Throwable $error)
    {
    }
}
