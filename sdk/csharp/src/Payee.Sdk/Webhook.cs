using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Payee
{
    /// <summary>
    /// Checks the notifications payee POSTs to a notifyUrl. Its <c>Payee-Signature</c> header is
    /// <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, t + "." + raw body)&gt;</c>; verify over the
    /// bytes received, before any JSON parsing (docs/notifications.md).
    /// </summary>
    public static class Webhook
    {
        /// <summary>How far t may be from this machine's clock: 300 s.</summary>
        public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);
        public const string SignatureHeader = "Payee-Signature";

        private static readonly Regex UnixSeconds = new Regex("^[0-9]{1,15}$");

        /// <summary>
        /// Verifies the signature and returns the notification it covers: a <see cref="GroupNotification"/>
        /// when its type starts with <c>group.</c>, a <see cref="PaymentNotification"/> otherwise.
        /// </summary>
        /// <param name="rawBody">The request body exactly as received.</param>
        /// <param name="header">The Payee-Signature header.</param>
        /// <param name="secret">The company's notify secret, whsec_ prefix included; while rotating, call once per secret.</param>
        /// <param name="tolerance">How far t may be from now, either way (default 300 s).</param>
        /// <param name="now">The time to compare t with (default: this machine's clock).</param>
        /// <exception cref="SignatureVerificationException">The signature does not verify, or the body is not a notification.</exception>
        public static VerifiedNotification VerifyNotification(byte[] rawBody, string header, string secret, TimeSpan? tolerance = null,
            DateTimeOffset? now = null)
        {
            VerifySignature(rawBody, header, secret, tolerance, now);
            var text = Encoding.UTF8.GetString(rawBody);
            try
            {
                var body = PayeeJson.Parse(text) as JObject;
                var type = body == null ? null : body["type"] as JValue;
                if (type != null && type.Value is string name && name.StartsWith("group.", StringComparison.Ordinal))
                {
                    var group = PayeeJson.Deserialize<GroupNotification>(text);
                    if (group != null && group.Id != null && group.Data != null) return group;
                }
                else
                {
                    var payment = PayeeJson.Deserialize<PaymentNotification>(text);
                    if (payment != null && payment.Id != null && payment.Data != null) return payment;
                }
            }
            catch (Newtonsoft.Json.JsonException e)
            {
                throw new SignatureVerificationException("payload_invalid", "the signed body is not a payment or group notification: " + e.Message);
            }
            throw new SignatureVerificationException("payload_invalid", "the signed body is not a payment or group notification");
        }

        /// <summary>For a body already held as text: its UTF-8 bytes are what was signed.</summary>
        public static VerifiedNotification VerifyNotification(string rawBody, string header, string secret, TimeSpan? tolerance = null,
            DateTimeOffset? now = null)
        {
            return VerifyNotification(Encoding.UTF8.GetBytes(rawBody ?? ""), header, secret, tolerance, now);
        }

        public static void VerifySignature(string rawBody, string header, string secret, TimeSpan? tolerance = null, DateTimeOffset? now = null)
        {
            VerifySignature(Encoding.UTF8.GetBytes(rawBody ?? ""), header, secret, tolerance, now);
        }

        /// <summary>Verifies the signature alone, whatever the body holds.</summary>
        /// <exception cref="SignatureVerificationException">
        /// The header is malformed, t is more than the tolerance from now, or no v1 matches body and secret.
        /// </exception>
        public static void VerifySignature(byte[] rawBody, string header, string secret, TimeSpan? tolerance = null, DateTimeOffset? now = null)
        {
            if (string.IsNullOrEmpty(header)) throw new SignatureVerificationException("signature_missing", "no Payee-Signature header");
            if (string.IsNullOrEmpty(secret)) throw new ArgumentException("secret is required", "secret");
            string t = null;
            var signatures = new List<string>();
            foreach (var part in header.Split(','))
            {
                var eq = part.IndexOf('=');
                if (eq < 0) continue;
                var key = part.Substring(0, eq).Trim();
                var value = part.Substring(eq + 1).Trim();
                if (key == "t") t = value;
                else if (key == "v1") signatures.Add(value);
            }
            if (t == null || !UnixSeconds.IsMatch(t))
            {
                throw new SignatureVerificationException("signature_malformed", "Payee-Signature has no valid t=<unix seconds>");
            }
            if (signatures.Count == 0) throw new SignatureVerificationException("signature_malformed", "Payee-Signature has no v1 signature");
            var allowed = (long)(tolerance ?? DefaultTolerance).TotalSeconds;
            var age = Math.Abs((now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() - long.Parse(t, CultureInfo.InvariantCulture));
            if (age > allowed)
            {
                throw new SignatureVerificationException("timestamp_outside_tolerance",
                    "Payee-Signature t is " + age + " s from now, more than the " + allowed + " s allowed");
            }
            var expected = Hmac(secret, t, rawBody ?? new byte[0]);
            var matched = false;
            // Every candidate is compared (no early exit), each in constant time.
            foreach (var signature in signatures) matched |= FixedTimeEquals(expected, HexOrEmpty(signature));
            if (!matched) throw new SignatureVerificationException("signature_mismatch", "no v1 signature matches the body and secret");
        }

        /// <summary>The Payee-Signature header payee would send for this body at time t: for testing your endpoint.</summary>
        public static string SignatureHeaderFor(byte[] rawBody, string secret, long t)
        {
            var t1 = t.ToString(CultureInfo.InvariantCulture);
            return "t=" + t1 + ",v1=" + Hex(Hmac(secret, t1, rawBody));
        }

        private static byte[] Hmac(string secret, string t, byte[] body)
        {
            var prefix = Encoding.ASCII.GetBytes(t + ".");
            var message = new byte[prefix.Length + body.Length];
            Buffer.BlockCopy(prefix, 0, message, 0, prefix.Length);
            Buffer.BlockCopy(body, 0, message, prefix.Length, body.Length);
            using (var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret))) return hmac.ComputeHash(message);
        }

        /// <summary>Equal length and bytes, in time that depends on the length alone.</summary>
        private static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            var diff = 0;
            for (var i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }

        /// <summary>A v1 that is not 64 hex digits can match nothing: an empty array never equals the HMAC.</summary>
        private static byte[] HexOrEmpty(string hex)
        {
            if (hex.Length != 64) return new byte[0];
            var bytes = new byte[32];
            for (var i = 0; i < 32; i++)
            {
                int hi = Nibble(hex[2 * i]), lo = Nibble(hex[2 * i + 1]);
                if (hi < 0 || lo < 0) return new byte[0];
                bytes[i] = (byte)(hi << 4 | lo);
            }
            return bytes;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        private static string Hex(byte[] bytes)
        {
            var text = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes) text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return text.ToString();
        }
    }
}
