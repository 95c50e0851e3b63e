<?php

declare(strict_types=1);

namespace Payee\Model;

/** batch: one payment per member, each paid on its own; combined: one checkout for every member. */
enum GroupMode: string
{
    case Batch = 'batch';
    case Combined = 'combined';
}
