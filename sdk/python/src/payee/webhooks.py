"""Payee-Signature: verifying the notifications payee POSTs to a notifyUrl (docs/notifications.md)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Union

from .errors import SignatureVerificationError
from .models import GroupNotification, PaymentNotification, from_json

DEFAULT_TOLERANCE = 300

VerifiedNotification = Union[PaymentNotification, GroupNotification]
"""What verify_notification returns: a GroupNotification for a `group.` type, else a PaymentNotification."""


def _signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def verify_signature(
    raw_body: bytes | str,
    header: str | None,
    secret: str,
    tolerance: int = DEFAULT_TOLERANCE,
    *,
    now: int | None = None,
) -> None:
    """Raises SignatureVerificationError unless `header` (Payee-Signature) signs `raw_body` with `secret`.

    `raw_body` must be the bytes received, before any JSON parsing: a re-serialized body does not
    verify. Any `v1` may match (there are several while a secret rotates). A timestamp more than
    `tolerance` seconds from `now` (default: the clock) is refused, so a captured notification
    cannot be replayed later.
    """
    body = raw_body.encode() if isinstance(raw_body, str) else bytes(raw_body)
    if not header:
        raise SignatureVerificationError("No Payee-Signature header")
    pairs = [part.strip().split("=", 1) for part in header.split(",")]
    fields = [(pair[0], pair[1]) for pair in pairs if len(pair) == 2]
    timestamp = next((value for key, value in fields if key == "t"), "")
    # isdigit() alone accepts non-ASCII digits, which int() reads but the signer never writes.
    if not (timestamp.isascii() and timestamp.isdigit()):
        raise SignatureVerificationError("Payee-Signature has no timestamp t")
    signatures = [value for key, value in fields if key == "v1"]
    if not signatures:
        raise SignatureVerificationError("Payee-Signature has no v1 signature")
    current = int(time.time()) if now is None else now
    if abs(current - int(timestamp)) > tolerance:
        raise SignatureVerificationError(f"Payee-Signature timestamp is more than {tolerance} s from now")
    expected = _signature(secret, timestamp, body).encode()
    # Compare with every candidate, so the time taken does not tell which one (if any) matched.
    matched = False
    for candidate in signatures:
        matched |= hmac.compare_digest(candidate.encode(), expected)
    if not matched:
        raise SignatureVerificationError("Payee-Signature does not match the body")


def verify_notification(
    raw_body: bytes | str,
    header: str | None,
    secret: str,
    tolerance: int = DEFAULT_TOLERANCE,
    *,
    now: int | None = None,
) -> VerifiedNotification:
    """The typed notification in `raw_body` once verify_signature accepts it: a GroupNotification
    (`data` is the Group) when its type starts with `group.`, a PaymentNotification otherwise.

    A verified body that is not a notification is refused with SignatureVerificationError too:
    either way the receiver answers 400 and does not act on it.
    """
    verify_signature(raw_body, header, secret, tolerance, now=now)
    try:
        body = json.loads(raw_body)
        model = GroupNotification if str(body["type"]).startswith("group.") else PaymentNotification
        return from_json(model, body)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise SignatureVerificationError("The body is not a payment or group notification") from exc


def sign_notification(raw_body: bytes | str, secret: str, timestamp: int | None = None) -> str:
    """A Payee-Signature header for `raw_body`, as payee sends it: for testing your receiver."""
    body = raw_body.encode() if isinstance(raw_body, str) else bytes(raw_body)
    t = str(int(time.time()) if timestamp is None else timestamp)
    return f"t={t},v1={_signature(secret, t, body)}"
