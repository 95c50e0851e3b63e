# frozen_string_literal: true

require "test_helper"

class GroupsTest < Minitest::Test
  def group(status = "open")
    { "groupNo" => "G01", "mode" => "batch", "status" => status, "memberCount" => 2,
      "createdAt" => "2026-12-03T09:00:00.000Z", "updatedAt" => "2026-12-03T09:00:00.000Z",
      "members" => [{ "outTradeNo" => "A1", "payNo" => "P1", "payment" => Fixtures.payment("P1") },
                    { "outTradeNo" => "A2", "payNo" => "P2", "error" => { "code" => "provider_unavailable", "message" => "retry" } }] }
  end

  def test_create_sends_the_members_and_reads_them_back
    http = ScriptedHttp.new(ScriptedHttp.json(201, group))
    created = client(http).groups.create(mode: "batch", method: "alipay.qr", idempotency_key: "g-1", members: [
                                           { out_trade_no: "A1", subject: "s", amount: 100, currency: "CNY", details: [{ account_out: "a", account_rec: "b", amount: 100 }] },
                                           { out_trade_no: "A2", subject: "s", amount: 200, currency: "CNY" }
                                         ])
    assert_equal '{"mode":"batch","method":"alipay.qr","members":[{"outTradeNo":"A1","subject":"s","amount":100,"currency":"CNY",' \
                 '"details":[{"accountOut":"a","accountRec":"b","amount":100}]},{"outTradeNo":"A2","subject":"s","amount":200,"currency":"CNY"}]}',
                 http.requests.first.body
    assert_equal "g-1", http.requests.first.headers["Idempotency-Key"]
    assert_equal %w[open P1 provider_unavailable], [created.status, created.members[0].payment.pay_no, created.members[1].error.code]
  end

  def test_list_all_sync_and_close
    summary = group.except("members")
    http = ScriptedHttp.new(ScriptedHttp.json(200, { "data" => [summary], "nextCursor" => "c1" }),
                            ScriptedHttp.json(200, { "data" => [summary.merge("groupNo" => "G00")] }),
                            ScriptedHttp.json(202, { "group" => group, "members" => [{ "payNo" => "P1", "provider" => "SUCCEEDED", "eventId" => "E1" }] }),
                            ScriptedHttp.json(200, group("closed")))
    payee = client(http)
    assert_equal %w[G01 G00], payee.groups.list_all(limit: 1).map(&:group_no)
    assert_equal "SUCCEEDED", payee.groups.sync("G01").members.first.provider
    assert_equal "closed", payee.groups.close("G01").status
    assert_equal ["GET /v1/groups?limit=1", "GET /v1/groups?limit=1&cursor=c1", "POST /v1/groups/G01/sync", "POST /v1/groups/G01/close"],
                 http.requests.map { |r| "#{r.method} #{r.url.delete_prefix('http://payee.test/live')}" }
  end
end
