# frozen_string_literal: true

require "test_helper"

class WebhookTest < Minitest::Test
  VECTORS = JSON.parse(File.read(File.expand_path("../../../docs/vectors/notification-signature.json", __dir__)))["vectors"]

  def test_every_vector_verifies_and_nothing_else
    refute_empty VECTORS
    VECTORS.each do |v|
      assert_nil Payee::Webhook.verify_signature(v["body"], v["header"], v["secret"], now: v["t"]), v["name"]
      assert_nil Payee::Webhook.verify_signature(v["body"], v["header"], v["secret"], tolerance: 1000, now: v["t"] + 1000)
      assert_equal v["header"], Payee::Webhook.sign(v["body"], v["secret"], t: v["t"])
      {
        "stale" => [v["body"], v["header"], v["secret"], v["t"] + 301],
        "early" => [v["body"], v["header"], v["secret"], v["t"] - 301],
        "tampered" => ["#{v['body']} ", v["header"], v["secret"], v["t"]],
        "other secret" => [v["body"], v["header"], "#{v['secret']}x", v["t"]],
        "no header" => [v["body"], nil, v["secret"], v["t"]]
      }.each do |name, (body, header, secret, now)|
        error = assert_raises(Payee::SignatureVerificationError, "#{v['name']}: #{name}") do
          Payee::Webhook.verify_signature(body, header, secret, now: now)
        end
        assert_equal "signature", error.type
      end
    end
  end

  def test_the_body_is_verified_as_bytes
    v = VECTORS.find { |x| x["body"].bytesize != x["body"].size } or skip "no non-ASCII vector"
    assert_nil Payee::Webhook.verify_signature(v["body"].b, v["header"], v["secret"], now: v["t"])
  end

  def test_every_v1_is_tried_while_a_secret_is_rotated
    body = '{"id":"N1"}'
    fresh = Payee::Webhook.sign(body, "new", t: 1_764_028_800).split(",").last
    old = Payee::Webhook.sign(body, "old", t: 1_764_028_800).split(",").last
    assert_nil Payee::Webhook.verify_signature(body, "t=1764028800,#{old},#{fresh}", "new", now: 1_764_028_800)
    assert_raises(Payee::SignatureVerificationError) { Payee::Webhook.verify_signature(body, "t=1764028800,#{old}", "new", now: 1_764_028_800) }
  end

  def test_the_notification_is_typed
    body = JSON.generate({ "id" => "N1", "type" => "payment.succeeded", "createdAt" => "2026-12-03T09:00:00.000Z", "data" => Fixtures.payment("P1", "SUCCEEDED") })
    notification = Payee::Webhook.verify_notification(body, Payee::Webhook.sign(body, "whsec_1"), "whsec_1")
    assert_instance_of Payee::PaymentNotification, notification
    assert_equal ["N1", "payment.succeeded", "SUCCEEDED"], [notification.id, notification.type, notification.data.status]
  end

  def test_a_groups_notification_is_a_group_notification_with_its_members
    v = VECTORS.find { |x| x["name"] == "group.paid" }
    notification = Payee::Webhook.verify_notification(v["body"], v["header"], v["secret"], now: v["t"])
    assert_instance_of Payee::GroupNotification, notification
    assert_equal ["group.paid", "G01KAX9QZW0G8S5T6V7X2Y3Z5C", "paid"], [notification.type, notification.data.group_no, notification.data.status]
    assert_equal [["P01KAX9QZW0G8S5T6V7X2Y3Z5A", "SUCCEEDED", 1000], ["P01KAX9QZW0G8S5T6V7X2Y3Z5B", "SUCCEEDED", 2500]],
                 notification.data.members.map { |m| [m.pay_no, m.payment.status, m.payment.amount] }
    assert_raises(Payee::SignatureVerificationError) do
      Payee::Webhook.verify_notification(v["body"].sub('"amount":2500', '"amount":2600'), v["header"], v["secret"], now: v["t"])
    end
  end

  def test_a_malformed_header
    error = assert_raises(Payee::SignatureVerificationError) { Payee::Webhook.verify_signature("{}", "t=abc,v1=zz", "secret") }
    assert_match "not t=<unix seconds>,v1=<hex>", error.message
  end
end
