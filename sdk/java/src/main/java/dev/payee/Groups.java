package dev.payee;

import com.fasterxml.jackson.databind.JavaType;
import dev.payee.model.CreateGroupParams;
import dev.payee.model.Group;
import dev.payee.model.GroupSummary;
import dev.payee.model.GroupSyncResult;
import dev.payee.model.PageParams;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/groups}: 1-50 payments created in one call ({@code batch}), or paid by the buyer in
 * one step at the provider ({@code combined}). Every method has a blocking form and a
 * {@code …Async} form; each takes optional {@link RequestOptions}.
 */
public final class Groups {
  private static final JavaType GROUP = Types.of(Group.class);
  private static final JavaType GROUP_LIST = Types.listOf(GroupSummary.class);
  private static final JavaType SYNC_RESULT = Types.of(GroupSyncResult.class);

  private final Requester requester;

  Groups(Requester requester) {
    this.requester = requester;
  }

  /**
   * Creates a group. In a batch, a member the provider refused has {@code error} instead of
   * {@code payment}; the others stand, and the same call again with the same Idempotency-Key
   * ({@link RequestOptions#idempotencyKey(String)}; the SDK's own retries reuse theirs) creates
   * only the missing ones. A combined group's {@code action} is what the buyer is shown.
   */
  public Group create(CreateGroupParams params) {
    return create(params, RequestOptions.NONE);
  }

  public Group create(CreateGroupParams params, RequestOptions options) {
    return requester.send(createCall(params, options), GROUP);
  }

  public CompletableFuture<Group> createAsync(CreateGroupParams params) {
    return createAsync(params, RequestOptions.NONE);
  }

  public CompletableFuture<Group> createAsync(CreateGroupParams params, RequestOptions options) {
    return requester.sendAsync(createCall(params, options), GROUP);
  }

  /** The group, its status derived from its members, and every member payment as it is now. */
  public Group get(String groupNo) {
    return get(groupNo, RequestOptions.NONE);
  }

  public Group get(String groupNo, RequestOptions options) {
    return requester.send(requester.call("GET", path(groupNo), null, null, options), GROUP);
  }

  public CompletableFuture<Group> getAsync(String groupNo) {
    return getAsync(groupNo, RequestOptions.NONE);
  }

  public CompletableFuture<Group> getAsync(String groupNo, RequestOptions options) {
    return requester.sendAsync(requester.call("GET", path(groupNo), null, null, options), GROUP);
  }

  /**
   * One page of groups (without their members), newest first. Walk every page with
   * {@link Page#autoPagingIterable()} or {@link Page#autoPagingStream()}.
   */
  public Page<GroupSummary> list(PageParams params) {
    return list(params, RequestOptions.NONE);
  }

  public Page<GroupSummary> list(PageParams params, RequestOptions options) {
    return page(params, options, requester.send(listCall(params, options), GROUP_LIST));
  }

  public CompletableFuture<Page<GroupSummary>> listAsync(PageParams params) {
    return listAsync(params, RequestOptions.NONE);
  }

  public CompletableFuture<Page<GroupSummary>> listAsync(PageParams params, RequestOptions options) {
    return requester.<ListBody<GroupSummary>>sendAsync(listCall(params, options), GROUP_LIST)
        .thenApply(body -> page(params, options, body));
  }

  /**
   * Closes the group's unpaid members at their provider (a combined group: its whole provider
   * order): CLOSED, or SUCCEEDED where the buyer paid meanwhile. A group with no open member is a
   * {@link dev.payee.exception.ConflictException}, code {@code group_not_closable}.
   */
  public Group close(String groupNo) {
    return close(groupNo, RequestOptions.NONE);
  }

  public Group close(String groupNo, RequestOptions options) {
    return requester.send(requester.call("POST", path(groupNo) + "/close", null, null, options), GROUP);
  }

  public CompletableFuture<Group> closeAsync(String groupNo) {
    return closeAsync(groupNo, RequestOptions.NONE);
  }

  public CompletableFuture<Group> closeAsync(String groupNo, RequestOptions options) {
    return requester.sendAsync(requester.call("POST", path(groupNo) + "/close", null, null, options), GROUP);
  }

  /** Asks the providers about every member now; their answers are applied asynchronously. */
  public GroupSyncResult sync(String groupNo) {
    return sync(groupNo, RequestOptions.NONE);
  }

  public GroupSyncResult sync(String groupNo, RequestOptions options) {
    return requester.send(requester.call("POST", path(groupNo) + "/sync", null, null, options), SYNC_RESULT);
  }

  public CompletableFuture<GroupSyncResult> syncAsync(String groupNo) {
    return syncAsync(groupNo, RequestOptions.NONE);
  }

  public CompletableFuture<GroupSyncResult> syncAsync(String groupNo, RequestOptions options) {
    return requester.sendAsync(requester.call("POST", path(groupNo) + "/sync", null, null, options), SYNC_RESULT);
  }

  private Requester.Call createCall(CreateGroupParams params, RequestOptions options) {
    return requester.call("POST", "/v1/groups", null, params, options);
  }

  private Requester.Call listCall(PageParams params, RequestOptions options) {
    return requester.call("GET", "/v1/groups", Page.query(params), null, options);
  }

  private Page<GroupSummary> page(PageParams params, RequestOptions options, ListBody<GroupSummary> body) {
    return new Page<>(body.data(), body.nextCursor(),
        cursor -> list(params.withCursor(cursor), options),
        cursor -> listAsync(params.withCursor(cursor), options));
  }

  private static String path(String groupNo) {
    return "/v1/groups/" + Requester.encode(Payments.required(groupNo, "groupNo"));
  }
}
