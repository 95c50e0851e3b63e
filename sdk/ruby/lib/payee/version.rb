# frozen_string_literal: true

module Payee
  VERSION = "0.1.0"
  # The API version this SDK follows (docs/openapi.json info.version), sent as Payee-Version.
  API_VERSION = "2026-11-24"
end
