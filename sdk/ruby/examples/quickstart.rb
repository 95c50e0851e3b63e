# frozen_string_literal: true

# The quickstart: against `npm start` (PAYEE_URL and PAYEE_KEY as it prints them), create a
# payment, wait while the buyer pays it (in another terminal: `npm run sandbox -- pay <payNo>`),
# refund part of it, and list the payments.
#
#   PAYEE_URL=http://127.0.0.1:4010/live PAYEE_KEY=pk_... ruby examples/quickstart.rb

$LOAD_PATH.unshift(File.expand_path("../lib", __dir__)) # with the gem installed: require "payee" is enough
require "payee"

$stdout.sync = true # each line as it happens, also through a pipe

payee = Payee::Client.new # api_key and base_url from PAYEE_KEY and PAYEE_URL

payment = payee.payments.create(method: "alipay.qr", out_trade_no: "A#{Time.now.to_i}", subject: "T-shirt", amount: 1999, currency: "CNY")
puts "#{payment.pay_no} #{payment.status}: show the buyer #{payment.action&.type} #{payment.action&.value}"
puts "pay it: npm run sandbox -- pay #{payment.pay_no}"

begin
  paid = payee.payments.wait_for(payment.pay_no, %w[SUCCEEDED CLOSED FAILED], max_wait: 120)
  puts "#{paid.pay_no} #{paid.status} at #{paid.paid_at}"
  refund = payee.payments.refund_and_wait(paid.pay_no, amount: 500, reason: "size exchange")
  puts "refund #{refund.refund_no} #{refund.status}"
rescue Payee::WaitTimeoutError => e
  puts "nobody paid within two minutes: #{e.message}"
end

payee.payments.list_all(limit: 20).each { |p| puts "#{p.pay_no} #{p.status} #{p.amount} #{p.currency}" }
