# frozen_string_literal: true

require "test_helper"

class AccountsTest < Minitest::Test
  def account(overdraft_limit = 0)
    { "accountId" => "A01", "currency" => "CNY", "type" => "liability", "overdraftLimit" => overdraft_limit, "shards" => 1,
      "balance" => { "posted" => 100, "pendingIncoming" => 0, "pendingOutgoing" => 30, "available" => 70, "postedDebits" => 0,
                     "postedCredits" => 100, "pendingDebits" => 30, "pendingCredits" => 0 },
      "createdAt" => "2026-12-03T09:00:00.000Z" }
  end

  def flow(flow_id)
    { "flowId" => flow_id, "kind" => "posted", "direction" => "credit", "amount" => 100, "currency" => "CNY", "accountOut" => "A00",
      "accountRec" => "A01", "payNo" => "P1", "line" => 0, "at" => "2026-12-03T09:00:00.000Z" }
  end

  def test_nil_is_no_limit_and_absent_is_the_apis_default
    assert_equal '{"currency":"CNY","type":"liability","overdraftLimit":null,"shards":4}',
                 Payee::CreateAccountRequest.new(currency: "CNY", type: "liability", overdraft_limit: nil, shards: 4).to_json
    assert_equal '{"currency":"CNY","type":"asset"}', Payee::CreateAccountRequest.new(currency: "CNY", type: "asset").to_json
    unlimited = Payee::Account.from_h(account(nil))
    assert_nil unlimited.overdraft_limit
    assert_equal account(nil), JSON.parse(unlimited.to_json)
    assert_equal account, Payee::Account.from_h(account).to_h
  end

  def test_calls_and_pagination
    http = ScriptedHttp.new(ScriptedHttp.json(201, account),
                            ScriptedHttp.json(200, { "accountId" => "A01", "currency" => "CNY", "at" => "2026-12-01T00:00:00Z", "posted" => 40 }),
                            ScriptedHttp.json(200, { "data" => [flow("F2")], "nextCursor" => "c1" }),
                            ScriptedHttp.json(200, { "data" => [flow("F1")] }))
    payee = client(http)
    created = payee.accounts.create(currency: "CNY", type: "liability", name: "wallet of u1", idempotency_key: "acct-u1")
    assert_equal ["liability", 70], [created.type, created.balance.available]
    assert_equal 40, payee.accounts.balance("A01", at: "2026-12-01T00:00:00Z").posted
    assert_equal [%w[F2 posted], %w[F1 posted]], payee.accounts.list_all_flows("A01", limit: 1).map { |f| [f.flow_id, f.kind] }
    assert_equal ["POST /v1/accounts", "GET /v1/accounts/A01/balance?at=2026-12-01T00%3A00%3A00Z",
                  "GET /v1/accounts/A01/flows?limit=1", "GET /v1/accounts/A01/flows?limit=1&cursor=c1"],
                 http.requests.map { |r| "#{r.method} #{r.url.delete_prefix('http://payee.test/live')}" }
    assert_equal "acct-u1", http.requests.first.headers["Idempotency-Key"]
  end
end
