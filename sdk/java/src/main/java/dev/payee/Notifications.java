package dev.payee;

import com.fasterxml.jackson.databind.JavaType;
import dev.payee.model.Notification;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/payments/{payNo}/notifications}: what payee POSTed to the payment's notifyUrl and
 * each attempt. To check a notification you received, see {@link Webhooks}.
 */
public final class Notifications {
  private static final JavaType NOTIFICATION = Types.of(Notification.class);
  private static final JavaType NOTIFICATION_LIST = Types.listOf(Notification.class);

  private final Requester requester;

  Notifications(Requester requester) {
    this.requester = requester;
  }

  /** The payment's notifications, oldest first, with every delivery attempt. */
  public List<Notification> list(String payNo) {
    return list(payNo, RequestOptions.NONE);
  }

  public List<Notification> list(String payNo, RequestOptions options) {
    return requester.<ListBody<Notification>>send(listCall(payNo, options), NOTIFICATION_LIST).data();
  }

  public CompletableFuture<List<Notification>> listAsync(String payNo) {
    return listAsync(payNo, RequestOptions.NONE);
  }

  public CompletableFuture<List<Notification>> listAsync(String payNo, RequestOptions options) {
    return requester.<ListBody<Notification>>sendAsync(listCall(payNo, options), NOTIFICATION_LIST).thenApply(ListBody::data);
  }

  /**
   * Sends a new notification (new id) of the payment as it is now, retried like any other;
   * {@link dev.payee.exception.ConflictException} {@code no_notify_url} when it has none.
   */
  public Notification resend(String payNo) {
    return resend(payNo, RequestOptions.NONE);
  }

  public Notification resend(String payNo, RequestOptions options) {
    return requester.send(resendCall(payNo, options), NOTIFICATION);
  }

  public CompletableFuture<Notification> resendAsync(String payNo) {
    return resendAsync(payNo, RequestOptions.NONE);
  }

  public CompletableFuture<Notification> resendAsync(String payNo, RequestOptions options) {
    return requester.sendAsync(resendCall(payNo, options), NOTIFICATION);
  }

  private Requester.Call listCall(String payNo, RequestOptions options) {
    return requester.call("GET", Payments.path(payNo) + "/notifications", null, null, options);
  }

  private Requester.Call resendCall(String payNo, RequestOptions options) {
    return requester.call("POST", Payments.path(payNo) + "/notifications/resend", null, null, options);
  }
}
