# frozen_string_literal: true

require_relative "lib/payee/version"

Gem::Specification.new do |spec|
  spec.name = "payee"
  spec.version = Payee::VERSION
  spec.summary = "The merchant API of payee, the open serverless payment gateway"
  spec.description = "Typed models and errors, retries with one Idempotency-Key per call, " \
                     "auto-pagination, waiters and Payee-Signature verification, on net/http and json alone."
  spec.authors = ["payee"]
  spec.license = "Apache-2.0"
  spec.homepage = "https://github.com/payee-dev/payee/tree/main/sdk/ruby"
  spec.required_ruby_version = ">= 3.1"
  spec.files = Dir["lib/**/*.rb", "README.md", "manifest.json"]
  spec.require_paths = ["lib"]
  spec.metadata["rubygems_mfa_required"] = "true"
  spec.add_development_dependency "minitest", "~> 5.15"
  spec.add_development_dependency "rake", "~> 13.0"
end
