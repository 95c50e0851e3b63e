# frozen_string_literal: true

require "json"
require "openssl"

module Payee
  # Payee-Signature (docs/notifications.md): t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>,
  # one v1 per secret while a secret is rotated. Verify the raw bytes received, before any JSON parsing.
  module Webhook
    SIGNATURE_HEADER = "Payee-Signature"
    DEFAULT_TOLERANCE = 300

    module_function

    # The notification in +raw_body+ (request.raw_post, request.body.read), once +header+
    # (request.headers["Payee-Signature"]) signs it with +secret+ and its timestamp is within
    # +tolerance+ seconds of +now+ (unix seconds, default the time now): a GroupNotification (data the
    # Group) when its type starts with "group.", a PaymentNotification otherwise.
    def verify_notification(raw_body, header, secret, tolerance: DEFAULT_TOLERANCE, now: nil)
      verify_signature(raw_body, header, secret, tolerance: tolerance, now: now)
      body = JSON.parse(raw_body)
      raise ArgumentError, "not a JSON object" unless body.is_a?(Hash)

      (body["type"].to_s.start_with?("group.") ? GroupNotification : PaymentNotification).from_h(body)
    rescue JSON::ParserError, ArgumentError => e
      raise SignatureVerificationError.new("payee: the signed body is not a notification: #{e.message}", type: "signature")
    end

    # Returns nil when +header+ signs +raw_body+ with +secret+ within the tolerance (every v1 tried,
    # compared in constant time); raises SignatureVerificationError otherwise.
    def verify_signature(raw_body, header, secret, tolerance: DEFAULT_TOLERANCE, now: nil)
      raise SignatureVerificationError.new("payee: no Payee-Signature header", type: "signature") if header.nil? || header.empty?

      fields = header.split(",").map { |part| part.split("=", 2).map(&:strip) }
      t = fields.find { |k, _| k == "t" }&.last
      signatures = fields.select { |k, v| k == "v1" && v.to_s.match?(/\A[0-9a-f]{64}\z/) }.map(&:last)
      if t.nil? || !t.match?(/\A\d+\z/) || signatures.empty?
        raise SignatureVerificationError.new("payee: Payee-Signature is not t=<unix seconds>,v1=<hex>", type: "signature")
      end
      if ((now || Time.now.to_i) - t.to_i).abs > tolerance
        raise SignatureVerificationError.new("payee: the notification's timestamp is more than #{tolerance} s from now", type: "signature")
      end

      expected = hmac(t, raw_body, secret)
      return nil if signatures.any? { |signature| OpenSSL.secure_compare(expected, signature) }

      raise SignatureVerificationError.new("payee: no signature in Payee-Signature matches the body and secret", type: "signature")
    end

    # The Payee-Signature payee would send for +raw_body+ at +t+: for a receiver's own tests.
    def sign(raw_body, secret, t: Time.now.to_i)
      "t=#{t},v1=#{hmac(t.to_s, raw_body, secret)}"
    end

    def hmac(t, raw_body, secret)
      OpenSSL::HMAC.hexdigest("SHA256", secret.b, "#{t}.".b + raw_body.b)
    end
    private_class_method :hmac
  end
end
