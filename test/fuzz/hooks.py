"""Schemathesis hooks of the fuzz run (test/fuzz/run.ts): how each API authenticates, and real ids.

The merchant API takes the demo merchant's key in x-api-key; the admin API (tag `admin`) takes
requests SigV4-signed for execute-api with the local stack's operator credential, as the CLI signs
them. Path ids are drawn from the generated ones or from records the driver made, and half the
payment creates are made payable, so that operations answer with their real resources (and
their schemas are checked) rather than only 404s and 400s.
"""

import json
import os
import re
from urllib.parse import urlsplit

import schemathesis
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from hypothesis import strategies as st
from requests.auth import AuthBase

with open(os.environ["PAYEE_FUZZ_CONTEXT"], encoding="utf-8") as context_file:
    CONTEXT = json.load(context_file)


class ApiKey(AuthBase):
    def __call__(self, request):
        request.headers["x-api-key"] = CONTEXT["apiKey"]
        return request


class SigV4(AuthBase):
    """Signs the prepared request: its final URL and body bytes are what API Gateway checks."""

    def __init__(self):
        admin = CONTEXT["admin"]
        self.signer = SigV4Auth(Credentials(admin["accessKeyId"], admin["secretAccessKey"]), "execute-api", CONTEXT["region"])

    def __call__(self, request):
        signed = AWSRequest(method=request.method, url=request.url, data=request.body or b"", headers={"host": urlsplit(request.url).netloc})
        self.signer.add_auth(signed)
        for name in ("Authorization", "X-Amz-Date"):
            request.headers[name] = signed.headers[name]
        return request


schemathesis.auth.set_from_requests(SigV4()).apply_to(tag="admin")
schemathesis.auth.set_from_requests(ApiKey()).skip_for(tag="admin")


@schemathesis.hook
def before_generate_path_parameters(context, strategy):
    names = re.findall(r"\{(\w+)\}", context.operation.path)
    if not names or not all(CONTEXT["ids"].get(name) for name in names):
        return strategy
    known = st.fixed_dictionaries({name: st.sampled_from(CONTEXT["ids"][name]) for name in names})
    return st.one_of(strategy, known)


def payable(body):
    """A create the demo merchant can make: the provider is reached, whatever the method."""
    if not isinstance(body, dict):
        return body
    made = {key: value for key, value in body.items() if key not in ("payId", "scene", "orderAmount")}
    made["currency"] = "CNY"
    return made


@schemathesis.hook.apply_to(operation_id="createPayment")
def before_generate_body(context, strategy):
    return st.one_of(strategy, strategy.map(payable))
