package dev.payee;

import dev.payee.exception.SignatureVerificationException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.payee.model.GroupNotification;
import dev.payee.model.PaymentNotification;
import dev.payee.model.VerifiedNotification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the notifications payee POSTs to a notifyUrl. Its {@code Payee-Signature} header is
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>}; verify over the
 * bytes received, before any JSON parsing (docs/notifications.md).
 */
public final class Webhooks {
  /** How far {@code t} may be from this machine's clock: 300 s. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
  public static final String SIGNATURE_HEADER = "Payee-Signature";

  private Webhooks() {}

  /** {@link #verifyNotification(byte[], String, String, Duration, Instant)} with a 300 s tolerance, now. */
  public static VerifiedNotification verifyNotification(byte[] rawBody, String header, String secret) {
    return verifyNotification(rawBody, header, secret, DEFAULT_TOLERANCE, Instant.now());
  }

  public static VerifiedNotification verifyNotification(byte[] rawBody, String header, String secret, Duration tolerance) {
    return verifyNotification(rawBody, header, secret, tolerance, Instant.now());
  }

  /** For a body already held as text: its UTF-8 bytes are what was signed. */
  public static VerifiedNotification verifyNotification(String rawBody, String header, String secret, Duration tolerance) {
    return verifyNotification(rawBody.getBytes(StandardCharsets.UTF_8), header, secret, tolerance, Instant.now());
  }

  /**
   * Verifies the signature and returns the notification it covers: a {@link GroupNotification}
   * when its type starts with {@code group.}, a {@link PaymentNotification} otherwise.
   *
   * @param rawBody   the request body exactly as received
   * @param header    the {@code Payee-Signature} header
   * @param secret    the company's notify secret, {@code whsec_} prefix included; while
   *                  rotating, call once per secret
   * @param tolerance how far {@code t} may be from {@code now}, either way
   * @param now       the time to compare {@code t} with
   * @throws SignatureVerificationException when the signature does not verify (see
   *     {@link #verifySignature}) or the verified body is not a notification
   */
  public static VerifiedNotification verifyNotification(byte[] rawBody, String header, String secret, Duration tolerance,
                                                        Instant now) {
    verifySignature(rawBody, header, secret, tolerance, now);
    try {
      JsonNode body = Json.MAPPER.readTree(rawBody);
      if (body == null || !body.isObject()) throw new IOException("not a JSON object");
      Class<? extends VerifiedNotification> model =
          body.path("type").asText("").startsWith("group.") ? GroupNotification.class : PaymentNotification.class;
      return Json.MAPPER.treeToValue(body, model);
    } catch (IOException e) {
      throw new SignatureVerificationException("payload_invalid", "the signed body is not a payment or group notification: " + e.getMessage());
    }
  }

  /**
   * Verifies the signature alone, whatever the body holds.
   *
   * @throws SignatureVerificationException when the header is malformed, {@code t} is more
   *     than {@code tolerance} from {@code now}, or no {@code v1} matches body and secret
   */
  public static void verifySignature(byte[] rawBody, String header, String secret, Duration tolerance, Instant now) {
    if (header == null || header.isEmpty()) throw new SignatureVerificationException("signature_missing", "no Payee-Signature header");
    if (secret == null || secret.isEmpty()) throw new IllegalArgumentException("secret is required");
    String t = null;
    List<String> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) continue;
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (key.equals("t")) t = value;
      else if (key.equals("v1")) signatures.add(value);
    }
    if (t == null || !t.matches("\\d{1,15}")) {
      throw new SignatureVerificationException("signature_malformed", "Payee-Signature has no valid t=<unix seconds>");
    }
    if (signatures.isEmpty()) throw new SignatureVerificationException("signature_malformed", "Payee-Signature has no v1 signature");
    long age = Math.abs(now.getEpochSecond() - Long.parseLong(t));
    if (age > tolerance.getSeconds()) {
      throw new SignatureVerificationException("timestamp_outside_tolerance",
          "Payee-Signature t is " + age + " s from now, more than the " + tolerance.getSeconds() + " s allowed");
    }
    byte[] expected = hmac(secret, t, rawBody);
    boolean matched = false;
    for (String signature : signatures) {
      // Every candidate is compared (no early exit), each in constant time.
      matched |= MessageDigest.isEqual(expected, hexOrEmpty(signature));
    }
    if (!matched) throw new SignatureVerificationException("signature_mismatch", "no v1 signature matches the body and secret");
  }

  /**
   * The {@code Payee-Signature} header payee would send for this body at time {@code t}: for
   * testing your notification endpoint.
   */
  public static String signatureHeader(byte[] rawBody, String secret, long t) {
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, Long.toString(t), rawBody));
  }

  private static byte[] hmac(String secret, String t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(t.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] hexOrEmpty(String signature) {
    // A v1 that is not 64 hex digits can match nothing; an empty array never equals the HMAC.
    if (signature.length() != 64) return new byte[0];
    try {
      return HexFormat.of().parseHex(signature);
    } catch (IllegalArgumentException notHex) {
      return new byte[0];
    }
  }
}
