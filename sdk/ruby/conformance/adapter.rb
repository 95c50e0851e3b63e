# frozen_string_literal: true

# The Ruby SDK's conformance adapter (sdk/CONTRIBUTING.md): reads one JSON request per line on
# stdin, makes the SDK call it names, writes the result or the SDK's error as one JSON line on
# stdout. Only the SDK's public API is used. Two call styles: "sync" (a blocking call, the
# default) and "threads" (the same call on a thread of its own, the client shared).

$LOAD_PATH.unshift(File.expand_path("../lib", __dir__))
require "payee"
require "json"
require "net/http"

$stdout.sync = true
CLIENTS = {}
# What each client was configured with: the benchmark's raw GETs use the same URL and key.
SETTINGS = {}

# The driver's camelCase parameters as keywords (nested objects may keep the wire's names).
def snake(params)
  (params || {}).to_h { |k, v| [k.gsub(/([A-Z])/) { "_#{Regexp.last_match(1).downcase}" }.to_sym, v] }
end

def waits(args)
  { max_wait: "maxWaitMs", min_delay: "minDelayMs", max_delay: "maxDelayMs" }
    .select { |_, from| args.key?(from) }.to_h { |to, from| [to, args[from] / 1000.0] }
end

def key(args)
  args["idempotencyKey"] ? { idempotency_key: args["idempotencyKey"] } : {}
end

def json(value)
  case value
  when Payee::Model then value.to_h
  when Array then value.map { |v| json(v) }
  else value
  end
end

def call(op, a, c)
  case op
  when "createPayment" then c.payments.create(**snake(a["params"]), **key(a))
  when "getPayment" then c.payments.retrieve(a["payNo"])
  when "listPayments" then c.payments.list(**snake(a["params"]))
  when "listAllPayments" then c.payments.list_all(**snake(a["params"])).to_a
  when "getPaymentByOutTradeNo" then c.payments.retrieve_by_out_trade_no(a["outTradeNo"])
  when "listPaymentEvents" then c.payments.events(a["payNo"])
  when "closePayment" then c.payments.close(a["payNo"])
  when "syncPayment" then c.payments.sync(a["payNo"])
  when "createRefund" then c.refunds.create(a["payNo"], **snake(a["params"]), **key(a))
  when "listRefunds" then c.refunds.list(a["payNo"])
  when "listNotifications" then c.notifications.list(a["payNo"])
  when "resendNotification" then c.notifications.resend(a["payNo"])
  when "getReconciliation" then c.reports.reconciliation(**snake(a["params"]))
  when "getDailyReport" then c.reports.daily(**snake(a["params"]))
  when "getOpenApi" then c.openapi
  when "createGroup" then c.groups.create(**snake(a["params"]), **key(a))
  when "getGroup" then c.groups.retrieve(a["groupNo"])
  when "closeGroup" then c.groups.close(a["groupNo"])
  when "syncGroup" then c.groups.sync(a["groupNo"])
  when "listGroups" then c.groups.list(**snake(a["params"]))
  when "listAllGroups" then c.groups.list_all(**snake(a["params"])).to_a
  when "createAccount" then c.accounts.create(**snake(a["params"]), **key(a))
  when "getAccount" then c.accounts.retrieve(a["accountId"])
  when "listAccounts" then c.accounts.list(**snake(a["params"]))
  when "listAllAccounts" then c.accounts.list_all(**snake(a["params"])).to_a
  when "listAccountFlows" then c.accounts.list_flows(a["accountId"], **snake(a["params"]))
  when "listAllAccountFlows" then c.accounts.list_all_flows(a["accountId"], **snake(a["params"])).to_a
  when "getAccountBalance" then c.accounts.balance(a["accountId"], at: a["at"])
  when "createAndWait"
    statuses = a["statuses"] ? { statuses: a["statuses"] } : {}
    c.payments.create_and_wait(**snake(a["params"]), **key(a), **waits(a), **statuses)
  when "waitFor" then c.payments.wait_for(a["payNo"], a["statuses"], **waits(a))
  when "refundAndWait" then c.payments.refund_and_wait(a["payNo"], **snake(a["params"]), **key(a), **waits(a))
  else raise ArgumentError, "unknown op #{op}"
  end
end

# +calls+ runs of the block on +concurrency+ threads: milliseconds.
def timed(calls, concurrency)
  queue = Queue.new
  calls.times { |i| queue << i }
  queue.close
  started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
  Array.new(concurrency) { |worker| Thread.new { while queue.pop; yield worker; end } }.each(&:join)
  (Process.clock_gettime(Process::CLOCK_MONOTONIC) - started) * 1000
end

# Payee::Client#payments.retrieve on 16 threads against the same GET through net/http (the SDK's
# own library), one kept-alive session per thread, its body parsed as plain JSON.
def bench(a, client, setting)
  uri = URI("#{setting[:base_url].chomp('/')}/v1/payments/#{ERB::Util.url_encode(a['payNo'])}")
  calls, concurrency, rounds = a.values_at("calls", "concurrency", "rounds")
  sessions = Array.new(concurrency) { Net::HTTP.new(uri.host, uri.port).tap { |h| h.keep_alive_timeout = 30 }.tap(&:start) }
  raw = lambda do |worker|
    response = sessions[worker].request(Net::HTTP::Get.new(uri.request_uri, "x-api-key" => setting[:api_key]))
    raise "raw GET answered #{response.code}" unless response.code == "200"

    JSON.parse(response.body)
  end
  sdk = ->(_) { client.payments.retrieve(a["payNo"]) }
  timed(concurrency * 4, concurrency, &raw)
  timed(concurrency * 4, concurrency, &sdk)
  raw_ms = sdk_ms = 0.0
  rounds.times do |round|
    share = (calls / rounds) + (round < calls % rounds ? 1 : 0)
    raw_ms += timed(share, concurrency, &raw) if round.even?
    sdk_ms += timed(share, concurrency, &sdk)
    raw_ms += timed(share, concurrency, &raw) if round.odd?
  end
  sessions.each(&:finish)
  { "rawMs" => raw_ms, "sdkMs" => sdk_ms, "variant" => "threads (#{concurrency}, Net::HTTP pool)" }
end

def run(op, a)
  name = a.delete("client") || "default"
  if op == "configure"
    options = { api_key: a["apiKey"], base_url: a["baseUrl"] }
    options[:max_retries] = a["maxRetries"] if a["maxRetries"]
    options[:timeout] = a["timeoutMs"] / 1000.0 if a["timeoutMs"]
    CLIENTS[name] = Payee::Client.new(**options)
    SETTINGS[name] = options
    return nil
  end
  variant = a.delete("variant") || "sync"
  if %w[verifyNotification verifySignature].include?(op)
    options = { tolerance: a["toleranceSeconds"] || Payee::Webhook::DEFAULT_TOLERANCE, now: a["now"] }
    return Payee::Webhook.public_send(op == "verifyNotification" ? :verify_notification : :verify_signature, a["rawBody"], a["header"], a["secret"], **options)
  end
  client = CLIENTS.fetch(name) { raise ArgumentError, "no client #{name}: configure it first" }
  return bench(a, client, SETTINGS[name]) if op == "bench"
  return Thread.new { call(op, a, client) }.value if variant == "threads"

  call(op, a, client)
end

def error_of(error)
  return { "kind" => "adapter", "class" => error.class.name, "message" => "#{error.message}\n#{error.backtrace&.first(8)&.join("\n")}" } unless error.is_a?(Payee::Error)

  {
    "kind" => error.type || "api", "class" => error.class.name.split("::").last, "message" => error.message,
    "status" => error.http_status, "code" => error.code, "param" => error.param, "payNo" => error.pay_no,
    "requestId" => error.request_id, "retryAfterMs" => error.retry_after && (error.retry_after * 1000).round,
    "last" => error.is_a?(Payee::WaitTimeoutError) ? error.last.to_h : nil
  }.compact
end

puts JSON.generate({ "ready" => { "sdk" => "ruby", "version" => Payee::VERSION, "variants" => %w[sync threads] } })
$stdin.each_line do |line|
  next if line.strip.empty?

  request = JSON.parse(line)
  begin
    puts JSON.generate({ "id" => request["id"], "ok" => true, "result" => json(run(request["op"], request["args"] || {})) })
  rescue StandardError => e
    puts JSON.generate({ "id" => request["id"], "ok" => false, "error" => error_of(e) })
  end
end
