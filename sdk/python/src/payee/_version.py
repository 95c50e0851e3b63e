VERSION = "0.1.0"
# The API version this SDK is written against (the server's API_VERSION, sent as Payee-Version).
API_VERSION = "2026-11-24"
