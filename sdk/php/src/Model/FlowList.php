<?php

declare(strict_types=1);

namespace Payee\Model;

/** One page of an account's flows; `nextCursor` is set when more follow. */
final class FlowList extends Model
{
    public function __construct(
        /** @var list<Flow> */
        #[ListOf(Flow::class)]
        public readonly array $data,
        public readonly ?string $nextCursor = null,
    ) {
    }
}
