package dev.payee;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The SDK's and the API's versions, as sent in every request's headers. */
public final class Version {
  /** The SDK's version, from the build (payee-java.properties). */
  public static final String SDK_VERSION = load();
  /** The API version this SDK is written against: the {@code Payee-Version} header. */
  public static final String API_VERSION = "2026-11-24";

  /** {@code Payee-Client}: the SDK's language and version. */
  static final String CLIENT = "java/" + SDK_VERSION;
  static final String USER_AGENT = "payee-java/" + SDK_VERSION + " java/" + Runtime.version().feature();

  private Version() {}

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/payee-java.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
