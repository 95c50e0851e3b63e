"""verify_notification against docs/vectors/notification-signature.json, and everything it must refuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from payee import GroupNotification, PaymentNotification, SignatureVerificationError, sign_notification, verify_notification, verify_signature

VECTORS = json.loads((Path(__file__).parents[3] / "docs/vectors/notification-signature.json").read_text())["vectors"]
FIRST = VECTORS[0]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_every_vector_verifies_and_signs_to_its_header(vector):
    body = vector["body"].encode()
    verify_signature(body, vector["header"], vector["secret"], now=vector["t"])
    assert sign_notification(body, vector["secret"], vector["t"]) == vector["header"]


@pytest.mark.parametrize("vector", [v for v in VECTORS if v["body"]], ids=lambda v: v["name"])
def test_a_vector_tampered_by_one_byte_is_refused(vector):
    body = bytearray(vector["body"].encode())
    body[len(body) // 2] ^= 1
    with pytest.raises(SignatureVerificationError):
        verify_signature(bytes(body), vector["header"], vector["secret"], now=vector["t"])


def test_verify_notification_returns_the_typed_event():
    event = verify_notification(FIRST["body"].encode(), FIRST["header"], FIRST["secret"], now=FIRST["t"])
    assert isinstance(event, PaymentNotification)
    assert (event.id, event.type, event.data.pay_no, event.data.status, event.data.amount) == (
        "N01KAX9R2Q7Y3M4ZB8C6D5E1FG", "payment.succeeded", "P01KAX9QZW0G8S5T6V7X2Y3Z4A", "SUCCEEDED", 1999,
    )  # fmt: skip


def test_a_group_body_verifies_to_a_group_notification_with_its_members():
    vector = next(v for v in VECTORS if v["name"] == "group.paid")
    event = verify_notification(vector["body"].encode(), vector["header"], vector["secret"], now=vector["t"])
    assert isinstance(event, GroupNotification)
    assert (event.type, event.data.group_no, event.data.status, event.data.member_count) == ("group.paid", "G01KAX9QZW0G8S5T6V7X2Y3Z5C", "paid", 2)
    assert [(m.pay_no, m.payment.status, m.payment.amount) for m in event.data.members] == [
        ("P01KAX9QZW0G8S5T6V7X2Y3Z5A", "SUCCEEDED", 1000), ("P01KAX9QZW0G8S5T6V7X2Y3Z5B", "SUCCEEDED", 2500),
    ]  # fmt: skip
    with pytest.raises(SignatureVerificationError):
        verify_notification(vector["body"].replace('"amount":2500', '"amount":2600'), vector["header"], vector["secret"], now=vector["t"])


def test_a_non_ascii_body_verifies_as_bytes_or_text():
    vector = VECTORS[1]
    for body in (vector["body"], vector["body"].encode()):
        assert verify_notification(body, vector["header"], vector["secret"], now=vector["t"]).data.subject == "T恤 · 贝易"


def test_a_re_serialized_body_is_refused():
    reserialized = json.dumps(json.loads(FIRST["body"]))
    with pytest.raises(SignatureVerificationError):
        verify_notification(reserialized, FIRST["header"], FIRST["secret"], now=FIRST["t"])


def test_another_secret_is_refused():
    with pytest.raises(SignatureVerificationError, match="does not match"):
        verify_notification(FIRST["body"], FIRST["header"], VECTORS[2]["secret"], now=FIRST["t"])


@pytest.mark.parametrize("skew", [301, -301, 10_000])
def test_a_timestamp_beyond_the_tolerance_is_refused(skew):
    with pytest.raises(SignatureVerificationError, match="from now"):
        verify_notification(FIRST["body"], FIRST["header"], FIRST["secret"], now=FIRST["t"] + skew)


def test_the_tolerance_is_inclusive_and_adjustable():
    verify_notification(FIRST["body"], FIRST["header"], FIRST["secret"], now=FIRST["t"] + 300)
    with pytest.raises(SignatureVerificationError):
        verify_notification(FIRST["body"], FIRST["header"], FIRST["secret"], tolerance=60, now=FIRST["t"] + 61)


def test_the_clock_is_used_by_default():
    with pytest.raises(SignatureVerificationError, match="from now"):
        verify_notification(FIRST["body"], FIRST["header"], FIRST["secret"])
    fresh = sign_notification(FIRST["body"], FIRST["secret"])
    assert verify_notification(FIRST["body"], fresh, FIRST["secret"]).id == "N01KAX9R2Q7Y3M4ZB8C6D5E1FG"


def test_any_v1_may_match_while_a_secret_rotates():
    signature = FIRST["header"].split("v1=")[1]
    header = f"t={FIRST['t']},v1={'0' * 64},v1={signature}"
    assert verify_notification(FIRST["body"], header, FIRST["secret"], now=FIRST["t"]).type == "payment.succeeded"


@pytest.mark.parametrize(
    "header",
    [None, "", "v1=82438af4", "t=1764028800", "t=abc,v1=00", "t=١٧٦٤٠٢٨٨٠٠,v1=00", "t=1764028800,v0=82438af4544284350eb8bc7f5871122d0d14708e10094b2535e15f6c2055b8cc"],
)
def test_a_malformed_header_is_refused(header):
    with pytest.raises(SignatureVerificationError):
        verify_notification(FIRST["body"], header, FIRST["secret"], now=FIRST["t"])


def test_a_verified_body_that_is_not_a_notification_is_refused():
    empty = VECTORS[3]
    verify_signature(empty["body"], empty["header"], empty["secret"], now=empty["t"])
    with pytest.raises(SignatureVerificationError, match="not a payment or group notification"):
        verify_notification(empty["body"], empty["header"], empty["secret"], now=empty["t"])
