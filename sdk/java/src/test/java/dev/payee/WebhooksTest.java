package dev.payee;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payee.exception.SignatureVerificationException;
import dev.payee.model.GroupMember;
import dev.payee.model.GroupNotification;
import dev.payee.model.GroupStatus;
import dev.payee.model.PaymentNotification;
import dev.payee.model.VerifiedNotification;
import dev.payee.model.PaymentStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WebhooksTest {
  private static final Duration TOLERANCE = Webhooks.DEFAULT_TOLERANCE;

  record Vector(String name, String secret, long t, String body, String header) {
    byte[] bytes() {
      return body.getBytes(StandardCharsets.UTF_8);
    }

    Instant at(long offsetSeconds) {
      return Instant.ofEpochSecond(t + offsetSeconds);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** docs/vectors/notification-signature.json: the same file payee's own signer is tested against. */
  static Stream<Vector> vectors() throws IOException {
    JsonNode root = Json.MAPPER.readTree(Path.of("../../docs/vectors/notification-signature.json").toFile());
    List<Vector> vectors = new ArrayList<>();
    for (JsonNode v : root.get("vectors")) {
      vectors.add(new Vector(v.get("name").asText(), v.get("secret").asText(), v.get("t").asLong(), v.get("body").asText(),
          v.get("header").asText()));
    }
    return vectors.stream();
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void signsAsPayeeDoes(Vector v) {
    assertEquals(v.header(), Webhooks.signatureHeader(v.bytes(), v.secret(), v.t()));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void verifiesEachVectorAtItsTime(Vector v) {
    assertDoesNotThrow(() -> Webhooks.verifySignature(v.bytes(), v.header(), v.secret(), TOLERANCE, v.at(0)));
    assertDoesNotThrow(() -> Webhooks.verifySignature(v.bytes(), v.header(), v.secret(), TOLERANCE, v.at(300)));
    assertDoesNotThrow(() -> Webhooks.verifySignature(v.bytes(), v.header(), v.secret(), TOLERANCE, v.at(-300)));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void refusesATamperedBody(Vector v) {
    byte[] tampered = (v.body() + " ").getBytes(StandardCharsets.UTF_8);
    assertEquals("signature_mismatch", refused(() -> Webhooks.verifySignature(tampered, v.header(), v.secret(), TOLERANCE, v.at(0))));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void refusesAStaleOrFutureTimestamp(Vector v) {
    assertEquals("timestamp_outside_tolerance",
        refused(() -> Webhooks.verifySignature(v.bytes(), v.header(), v.secret(), TOLERANCE, v.at(301))));
    assertEquals("timestamp_outside_tolerance",
        refused(() -> Webhooks.verifySignature(v.bytes(), v.header(), v.secret(), TOLERANCE, v.at(-301))));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void refusesAnotherSecret(Vector v) {
    assertEquals("signature_mismatch",
        refused(() -> Webhooks.verifySignature(v.bytes(), v.header(), v.secret() + "x", TOLERANCE, v.at(0))));
  }

  @Test
  void returnsTheTypedNotification() throws IOException {
    Vector v = vectors().filter(x -> x.name().equals("payment.succeeded")).findFirst().orElseThrow();

    PaymentNotification notification =
        assertInstanceOf(PaymentNotification.class, Webhooks.verifyNotification(v.bytes(), v.header(), v.secret(), TOLERANCE, v.at(0)));

    assertEquals("N01KAX9R2Q7Y3M4ZB8C6D5E1FG", notification.id());
    assertEquals("payment.succeeded", notification.type());
    assertEquals(PaymentStatus.SUCCEEDED, notification.data().status());
    assertEquals(1999, notification.data().amount());
    assertEquals(Instant.parse("2025-11-24T23:59:58Z"), notification.data().paidAt());
  }

  @Test
  void aGroupsBodyVerifiesToAGroupNotificationWithItsMembers() throws IOException {
    Vector v = vectors().filter(x -> x.name().equals("group.paid")).findFirst().orElseThrow();

    VerifiedNotification verified = Webhooks.verifyNotification(v.bytes(), v.header(), v.secret(), TOLERANCE, v.at(0));

    GroupNotification notification = assertInstanceOf(GroupNotification.class, verified);
    assertEquals("group.paid", notification.type());
    assertEquals("G01KAX9QZW0G8S5T6V7X2Y3Z5C", notification.data().groupNo());
    assertEquals(GroupStatus.PAID, notification.data().status());
    List<GroupMember> members = notification.data().members();
    assertEquals(List.of("P01KAX9QZW0G8S5T6V7X2Y3Z5A", "P01KAX9QZW0G8S5T6V7X2Y3Z5B"), members.stream().map(GroupMember::payNo).toList());
    assertEquals(List.of(PaymentStatus.SUCCEEDED, PaymentStatus.SUCCEEDED), members.stream().map(m -> m.payment().status()).toList());
    assertEquals(List.of(1000L, 2500L), members.stream().map(m -> m.payment().amount()).toList());
    byte[] tampered = v.body().replace("\"amount\":2500", "\"amount\":2600").getBytes(StandardCharsets.UTF_8);
    assertEquals("signature_mismatch", refused(() -> Webhooks.verifyNotification(tampered, v.header(), v.secret(), TOLERANCE, v.at(0))));
  }

  @Test
  void theStringFormVerifiesTheUtf8Bytes() throws IOException {
    Vector v = vectors().filter(x -> x.name().startsWith("non-ASCII")).findFirst().orElseThrow();
    String header = Webhooks.signatureHeader(v.bytes(), v.secret(), Instant.now().getEpochSecond());

    PaymentNotification notification = (PaymentNotification) Webhooks.verifyNotification(v.body(), header, v.secret(), TOLERANCE);

    assertEquals("T恤 · 贝易", notification.data().subject());
  }

  @Test
  void acceptsAnyMatchingV1WhileASecretRotates() throws IOException {
    Vector v = vectors().findFirst().orElseThrow();
    String signature = v.header().substring(v.header().indexOf("v1="));
    String rotated = "t=" + v.t() + ",v1=" + "0".repeat(64) + "," + signature + ",v0=ignored";

    assertDoesNotThrow(() -> Webhooks.verifySignature(v.bytes(), rotated, v.secret(), TOLERANCE, v.at(0)));
  }

  @Test
  void refusesMalformedHeaders() throws IOException {
    Vector v = vectors().findFirst().orElseThrow();
    String v1 = v.header().substring(v.header().indexOf(',') + 1);
    assertEquals("signature_missing", refused(() -> Webhooks.verifySignature(v.bytes(), "", v.secret(), TOLERANCE, v.at(0))));
    assertEquals("signature_malformed", refused(() -> Webhooks.verifySignature(v.bytes(), v1, v.secret(), TOLERANCE, v.at(0))));
    assertEquals("signature_malformed",
        refused(() -> Webhooks.verifySignature(v.bytes(), "t=-5," + v1, v.secret(), TOLERANCE, v.at(0))));
    assertEquals("signature_malformed",
        refused(() -> Webhooks.verifySignature(v.bytes(), "t=" + v.t(), v.secret(), TOLERANCE, v.at(0))));
    assertEquals("signature_mismatch",
        refused(() -> Webhooks.verifySignature(v.bytes(), "t=" + v.t() + ",v1=zz" + "0".repeat(62), v.secret(), TOLERANCE, v.at(0))));
  }

  @Test
  void aVerifiedBodyThatIsNotANotificationIsRefused() throws IOException {
    Vector empty = vectors().filter(x -> x.body().isEmpty()).findFirst().orElseThrow();

    assertEquals("payload_invalid",
        refused(() -> Webhooks.verifyNotification(empty.bytes(), empty.header(), empty.secret(), TOLERANCE, empty.at(0))));
  }

  private static String refused(Runnable verify) {
    return assertThrows(SignatureVerificationException.class, verify::run).code();
  }
}
