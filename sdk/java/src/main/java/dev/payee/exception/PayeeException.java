package dev.payee.exception;

import java.time.Duration;
import java.util.Optional;

/**
 * Base of every error the SDK raises. Unchecked, so that it travels through
 * {@link java.util.concurrent.CompletableFuture}s, streams and iterators unchanged; catch a
 * subclass to handle one kind, or this class for all.
 */
public class PayeeException extends RuntimeException {
  private final ErrorInfo info;

  public PayeeException(ErrorInfo info) {
    this(info, null);
  }

  public PayeeException(ErrorInfo info, Throwable cause) {
    super(describe(info), cause);
    this.info = info;
  }

  /** The HTTP status, or 0 when the error arose before or without a reply. */
  public int status() {
    return info.status();
  }

  /** {@code error.type} of the reply, or null. */
  public String type() {
    return info.type();
  }

  /** {@code error.code} of the reply, or the SDK's own code for a local error. */
  public String code() {
    return info.code();
  }

  /** The field or header at fault, or null. */
  public String param() {
    return info.param();
  }

  /** The payment the error is about ({@code duplicate_out_trade_no}), or null. */
  public String payNo() {
    return info.payNo();
  }

  /** payee's request id, to quote to support, or null. */
  public String requestId() {
    return info.requestId();
  }

  /** The wait the server asked for in {@code Retry-After}, if it did. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(info.retryAfter());
  }

  /** The server's own message, without the SDK's summary of status and code. */
  public String apiMessage() {
    return info.message();
  }

  public ErrorInfo info() {
    return info;
  }

  private static String describe(ErrorInfo info) {
    StringBuilder text = new StringBuilder(info.message() == null ? "payee request failed" : info.message());
    StringBuilder details = new StringBuilder();
    if (info.status() != 0) details.append("status ").append(info.status());
    if (info.code() != null) append(details, "code ", info.code());
    if (info.param() != null) append(details, "param ", info.param());
    if (info.payNo() != null) append(details, "payNo ", info.payNo());
    if (info.requestId() != null) append(details, "requestId ", info.requestId());
    if (details.length() > 0) text.append(" (").append(details).append(')');
    return text.toString();
  }

  private static void append(StringBuilder details, String label, String value) {
    if (details.length() > 0) details.append(", ");
    details.append(label).append(value);
  }
}
