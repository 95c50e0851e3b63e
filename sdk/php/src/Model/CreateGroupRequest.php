<?php

declare(strict_types=1);

namespace Payee\Model;

/** The body of POST /v1/groups: 1 to 50 members, paid one by one (batch) or in one checkout (combined). */
final class CreateGroupRequest extends Request
{
    public function __construct(
        public readonly GroupMode $mode,
        /** @var list<GroupMemberRequest> */
        #[ListOf(GroupMemberRequest::class)]
        public readonly array $members,
        public readonly ?PaymentMethod $method = null,
        public readonly ?string $notifyUrl = null,
        public readonly ?string $returnUrl = null,
        public readonly ?int $expiresIn = null,
        public readonly ?Payer $payer = null,
        public readonly ?string $payId = null,
        public readonly ?string $scene = null,
        /** @var array<string, string>|null */
        public readonly ?array $metadata = null,
    ) {
    }
}
