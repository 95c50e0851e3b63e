"""payee: the Python client of the payee payment gateway's merchant API."""

from ._version import API_VERSION, VERSION
from .async_client import AsyncPayee
from .client import Payee
from .errors import (
    APIConnectionError,
    APIError,
    AuthenticationError,
    ConflictError,
    ErrorCode,
    IdempotencyError,
    InvalidRequestError,
    NotFoundError,
    PayeeError,
    ProviderUnavailableError,
    RateLimitError,
    ServiceUnavailableError,
    SignatureVerificationError,
    WaiterError,
    WaiterFailureError,
    WaiterTimeoutError,
)
from .models import *  # noqa: F403 (the models' __all__)
from .models import __all__ as _models
from .webhooks import sign_notification, verify_notification, verify_signature

__version__ = VERSION

__all__ = [
    "API_VERSION",
    "VERSION",
    "APIConnectionError",
    "APIError",
    "AsyncPayee",
    "AuthenticationError",
    "ConflictError",
    "ErrorCode",
    "IdempotencyError",
    "InvalidRequestError",
    "NotFoundError",
    "Payee",
    "PayeeError",
    "ProviderUnavailableError",
    "RateLimitError",
    "ServiceUnavailableError",
    "SignatureVerificationError",
    "WaiterError",
    "WaiterFailureError",
    "WaiterTimeoutError",
    "sign_notification",
    "verify_notification",
    "verify_signature",
    *_models,
]
