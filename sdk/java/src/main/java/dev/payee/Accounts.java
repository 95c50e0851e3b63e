package dev.payee;

import com.fasterxml.jackson.databind.JavaType;
import dev.payee.model.Account;
import dev.payee.model.AccountBalance;
import dev.payee.model.AccountBalanceParams;
import dev.payee.model.CreateAccountParams;
import dev.payee.model.Flow;
import dev.payee.model.PageParams;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/accounts}: the ledger's accounts, their flows and balances. Detail lines of payments
 * name accounts by {@code accountId}; each payment posts double-entry flows between them. Every
 * method has a blocking form and a {@code …Async} form; each takes optional {@link RequestOptions}.
 */
public final class Accounts {
  private static final JavaType ACCOUNT = Types.of(Account.class);
  private static final JavaType ACCOUNT_LIST = Types.listOf(Account.class);
  private static final JavaType FLOW_LIST = Types.listOf(Flow.class);
  private static final JavaType BALANCE = Types.of(AccountBalance.class);

  private final Requester requester;

  Accounts(Requester requester) {
    this.requester = requester;
  }

  /**
   * Opens an account, its balances zero. A company whose ledger is not switched on gets a
   * {@link dev.payee.exception.ConflictException}, code {@code ledger_disabled}.
   */
  public Account create(CreateAccountParams params) {
    return create(params, RequestOptions.NONE);
  }

  public Account create(CreateAccountParams params, RequestOptions options) {
    return requester.send(requester.call("POST", "/v1/accounts", null, params, options), ACCOUNT);
  }

  public CompletableFuture<Account> createAsync(CreateAccountParams params) {
    return createAsync(params, RequestOptions.NONE);
  }

  public CompletableFuture<Account> createAsync(CreateAccountParams params, RequestOptions options) {
    return requester.sendAsync(requester.call("POST", "/v1/accounts", null, params, options), ACCOUNT);
  }

  /** The account and its balances. */
  public Account get(String accountId) {
    return get(accountId, RequestOptions.NONE);
  }

  public Account get(String accountId, RequestOptions options) {
    return requester.send(requester.call("GET", path(accountId, ""), null, null, options), ACCOUNT);
  }

  public CompletableFuture<Account> getAsync(String accountId) {
    return getAsync(accountId, RequestOptions.NONE);
  }

  public CompletableFuture<Account> getAsync(String accountId, RequestOptions options) {
    return requester.sendAsync(requester.call("GET", path(accountId, ""), null, null, options), ACCOUNT);
  }

  /** One page of accounts, newest first; {@link Page#autoPagingStream()} walks every page. */
  public Page<Account> list(PageParams params) {
    return list(params, RequestOptions.NONE);
  }

  public Page<Account> list(PageParams params, RequestOptions options) {
    ListBody<Account> body = requester.send(pageCall("/v1/accounts", params, options), ACCOUNT_LIST);
    return new Page<>(body.data(), body.nextCursor(), c -> list(params.withCursor(c), options), c -> listAsync(params.withCursor(c), options));
  }

  public CompletableFuture<Page<Account>> listAsync(PageParams params) {
    return listAsync(params, RequestOptions.NONE);
  }

  public CompletableFuture<Page<Account>> listAsync(PageParams params, RequestOptions options) {
    return requester.<ListBody<Account>>sendAsync(pageCall("/v1/accounts", params, options), ACCOUNT_LIST)
        .thenApply(body -> new Page<>(body.data(), body.nextCursor(), c -> list(params.withCursor(c), options),
            c -> listAsync(params.withCursor(c), options)));
  }

  /** One page of the account's flows (its side of each), newest first; auto-paging as {@link #list}. */
  public Page<Flow> flows(String accountId, PageParams params) {
    return flows(accountId, params, RequestOptions.NONE);
  }

  public Page<Flow> flows(String accountId, PageParams params, RequestOptions options) {
    ListBody<Flow> body = requester.send(pageCall(path(accountId, "/flows"), params, options), FLOW_LIST);
    return new Page<>(body.data(), body.nextCursor(), c -> flows(accountId, params.withCursor(c), options),
        c -> flowsAsync(accountId, params.withCursor(c), options));
  }

  public CompletableFuture<Page<Flow>> flowsAsync(String accountId, PageParams params) {
    return flowsAsync(accountId, params, RequestOptions.NONE);
  }

  public CompletableFuture<Page<Flow>> flowsAsync(String accountId, PageParams params, RequestOptions options) {
    return requester.<ListBody<Flow>>sendAsync(pageCall(path(accountId, "/flows"), params, options), FLOW_LIST)
        .thenApply(body -> new Page<>(body.data(), body.nextCursor(), c -> flows(accountId, params.withCursor(c), options),
            c -> flowsAsync(accountId, params.withCursor(c), options)));
  }

  /** The posted balance now, or as it was at {@code params.at()}. */
  public AccountBalance balance(String accountId, AccountBalanceParams params) {
    return balance(accountId, params, RequestOptions.NONE);
  }

  public AccountBalance balance(String accountId, AccountBalanceParams params, RequestOptions options) {
    return requester.send(balanceCall(accountId, params, options), BALANCE);
  }

  public CompletableFuture<AccountBalance> balanceAsync(String accountId, AccountBalanceParams params) {
    return balanceAsync(accountId, params, RequestOptions.NONE);
  }

  public CompletableFuture<AccountBalance> balanceAsync(String accountId, AccountBalanceParams params, RequestOptions options) {
    return requester.sendAsync(balanceCall(accountId, params, options), BALANCE);
  }

  private Requester.Call pageCall(String path, PageParams params, RequestOptions options) {
    return requester.call("GET", path, Page.query(params), null, options);
  }

  private Requester.Call balanceCall(String accountId, AccountBalanceParams params, RequestOptions options) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("at", params.at() == null ? null : params.at().toString());
    return requester.call("GET", path(accountId, "/balance"), query, null, options);
  }

  private static String path(String accountId, String tail) {
    return "/v1/accounts/" + Requester.encode(Payments.required(accountId, "accountId")) + tail;
  }
}
