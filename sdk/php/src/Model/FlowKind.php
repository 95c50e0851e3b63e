<?php

declare(strict_types=1);

namespace Payee\Model;

/** A flow's step: a pending hold, its post or void, or a flow posted at once. */
enum FlowKind: string
{
    case Pending = 'pending';
    case Post = 'post';
    case Void = 'void';
    case Posted = 'posted';
}
