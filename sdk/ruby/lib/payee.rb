# frozen_string_literal: true

# The merchant API of payee: Payee::Client, its models and errors, Payee::Webhook.
require_relative "payee/version"
require_relative "payee/errors"
require_relative "payee/model"
require_relative "payee/models"
require_relative "payee/clock"
require_relative "payee/http_client"
require_relative "payee/transport"
require_relative "payee/services"
require_relative "payee/client"
require_relative "payee/webhook"
