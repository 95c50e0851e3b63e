# frozen_string_literal: true

require "json"
require "payee"

module Payee
  # manifest.json, read from the SDK itself (its services' methods and keywords, its models'
  # fields and enums, its error classes and ErrorCode constants) in the shape of
  # sdk/conformance/surface.ts. The contract check compares it with docs/openapi.json;
  # test/manifest_test.rb fails while the committed file is not what this computes.
  module Surface
    # operationId => the client's methods that call it ("service.method", or "method" of Client).
    OPERATIONS = {
      "createPayment" => %w[payments.create payments.create_and_wait],
      "listPayments" => %w[payments.list payments.list_all payments.retrieve_by_out_trade_no],
      "getPayment" => %w[payments.retrieve payments.wait_for],
      "listPaymentEvents" => %w[payments.events],
      "closePayment" => %w[payments.close],
      "syncPayment" => %w[payments.sync],
      "createRefund" => %w[refunds.create payments.refund_and_wait],
      "listRefunds" => %w[refunds.list],
      "getReconciliation" => %w[reports.reconciliation],
      "listNotifications" => %w[notifications.list],
      "resendNotification" => %w[notifications.resend],
      "getOpenApi" => %w[openapi],
      "getDailyReport" => %w[reports.daily],
      "createGroup" => %w[groups.create],
      "listGroups" => %w[groups.list groups.list_all],
      "getGroup" => %w[groups.retrieve],
      "closeGroup" => %w[groups.close],
      "syncGroup" => %w[groups.sync],
      "createAccount" => %w[accounts.create],
      "listAccounts" => %w[accounts.list accounts.list_all],
      "getAccount" => %w[accounts.retrieve],
      "getAccountBalance" => %w[accounts.balance],
      "listAccountFlows" => %w[accounts.list_flows accounts.list_all_flows]
    }.freeze

    # Query parameters: operationId => the methods whose parameters they are.
    QUERIES = {
      "listPayments" => [[Payments, :list], [Payments, :retrieve_by_out_trade_no]],
      "getReconciliation" => [[Reports, :reconciliation]],
      "getDailyReport" => [[Reports, :daily]],
      "listGroups" => [[Groups, :list]],
      "listAccounts" => [[Accounts, :list]],
      "getAccountBalance" => [[Accounts, :balance]],
      "listAccountFlows" => [[Accounts, :list_flows]]
    }.freeze

    # The document's component schemas as the SDK's classes.
    MODELS = {
      "CreatePaymentRequest" => CreatePaymentRequest, "CreateRefundRequest" => CreateRefundRequest,
      "Payment" => Payment, "PaymentList" => PaymentList, "PaymentEventList" => PaymentEventList,
      "SyncResult" => SyncResult, "Refund" => Refund, "RefundList" => RefundList,
      "Notification" => Notification, "NotificationList" => NotificationList,
      "PaymentNotification" => PaymentNotification, "ReconciliationList" => ReconciliationList,
      "CreateGroupRequest" => CreateGroupRequest, "Group" => Group, "GroupList" => GroupList,
      "GroupNotification" => GroupNotification,
      "GroupSyncResult" => GroupSyncResult, "CreateAccountRequest" => CreateAccountRequest, "Account" => Account,
      "AccountList" => AccountList, "AccountBalance" => AccountBalance, "FlowList" => FlowList, "DailyReport" => DailyReport
    }.freeze

    # Parameters of methods that are not query parameters: the path's.
    NOT_QUERY = %i[account_id].freeze

    # Payee::Error's keywords that are the HTTP exchange's, not the API's error object.
    NOT_ERROR_FIELDS = %i[http_status retry_after headers].freeze

    module_function

    def manifest
      OPERATIONS.each_value do |names|
        names.each do |name|
          service, method = name.include?(".") ? name.split(".") : [nil, name]
          klass = service ? service_class(service) : Client
          found = (service.nil? || Client.public_method_defined?(service)) && klass.public_method_defined?(method)
          raise "#{name} is not a public method of the client" unless found
        end
      end
      {
        "language" => "ruby",
        "package" => "payee",
        "adapter" => { "command" => ["ruby", "conformance/adapter.rb"] },
        "operations" => OPERATIONS.transform_values { |names| names.join(", ") },
        "errorTypes" => ERROR_CLASSES.transform_values { |klass| klass.name.split("::").last },
        "models" => models,
        "errorCodes" => ErrorCode.constants.map { |c| ErrorCode.const_get(c) }.sort
      }
    end

    def render
      "#{JSON.pretty_generate(manifest)}\n"
    end

    # The class of a client's service reader: payments => Payee::Payments.
    def service_class(name)
      Payee.const_get(name.capitalize)
    end

    def models
      out = MODELS.to_h { |name, klass| [name, listed(fields(klass, klass))] }
      QUERIES.each { |operation, methods| out["#{operation}.query"] = query(methods) }
      # The API's error object: the message and Payee::Error's keywords; error.type's values are ERROR_CLASSES'.
      error = { "error.message" => [] }
      Error.instance_method(:initialize).parameters.each do |kind, name|
        next unless kind == :key && !NOT_ERROR_FIELDS.include?(name)

        error["error.#{camel(name)}"] = name == :type ? ERROR_CLASSES.keys : []
      end
      out["Error"] = ["error", *listed(error)]
      out.sort.to_h.transform_values(&:sort)
    end

    # field path => its enum values or the model it names
    def fields(klass, itself, prefix = "")
      named = MODELS.invert
      klass.fields.each_with_object({}) do |f, out|
        path = "#{prefix}#{f.wire}"
        list = f.type.is_a?(Array)
        type = list ? f.type.first : f.type
        out[path] = []
        if named.key?(type) && type != itself
          out[path] << "#{named[type]}#{list ? '[]' : ''}"
        elsif type.is_a?(Class) && type < Model
          out.merge!(fields(type, itself, "#{path}#{list ? '[]' : ''}."))
        elsif f.enum
          out[path].concat(f.enum::ALL)
        end
      end
    end

    def listed(fields)
      fields.map { |path, values| values.empty? ? path : "#{path}: #{values.uniq.sort.join('|')}" }
    end

    def query(methods)
      seen = Hash.new { |h, k| h[k] = [] }
      methods.each do |klass, method|
        klass.instance_method(method).parameters.each do |kind, name|
          next if NOT_QUERY.include?(name) || !%i[req opt key keyreq].include?(kind)

          seen[camel(name)] << %i[req keyreq].include?(kind)
        end
      end
      # Required only where every method of the operation has it and requires it.
      seen.map { |name, required| required.size == methods.size && required.all? ? "#{name} (required)" : name }
    end

    def camel(name)
      name.to_s.gsub(/_([a-z])/) { Regexp.last_match(1).upcase }
    end
  end
end
