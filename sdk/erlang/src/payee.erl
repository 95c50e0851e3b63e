%% @doc payee's merchant API. Every call returns `{ok, Result}' or `{error, #payee_error{}}'
%% (include_lib("payee/include/payee.hrl")); results are maps with snake_case atom keys and enum
%% values as atoms (payee_models). Calls retry on a lost connection, 409 idempotency_key_in_use,
%% 429 and 5xx, with one Idempotency-Key for every attempt of a POST.
%%
%% ```
%% Payee = payee:client(#{base_url => <<"http://127.0.0.1:4010/live">>, api_key => <<"pk_...">>}),
%% {ok, Payment} = payee:create_payment(Payee, #{method => 'alipay.qr', out_trade_no => <<"A1001">>,
%%     subject => <<"T-shirt">>, amount => 1999, currency => <<"CNY">>}).
%% '''
-module(payee).

-include("payee.hrl").

-export([client/1, version/0, api_version/0, error_codes/0]).
-export([create_payment/2, create_payment/3, get_payment/2, get_payment/3, find_payment/2, find_payment/3,
         list_payments/2, list_payments/3, list_all_payments/2, list_all_payments/3, fold_payments/4, fold_payments/5,
         list_payment_events/2, list_payment_events/3, close_payment/2, close_payment/3, sync_payment/2, sync_payment/3]).
-export([create_refund/3, create_refund/4, list_refunds/2, list_refunds/3]).
-export([list_notifications/2, list_notifications/3, resend_notification/2, resend_notification/3]).
-export([get_reconciliation/2, get_reconciliation/3, get_daily_report/2, get_daily_report/3, get_openapi/1, get_openapi/2]).
-export([create_group/2, create_group/3, get_group/2, get_group/3, list_groups/2, list_groups/3, fold_groups/4, fold_groups/5,
         close_group/2, close_group/3, sync_group/2, sync_group/3]).
-export([create_account/2, create_account/3, get_account/2, get_account/3, list_accounts/2, list_accounts/3, fold_accounts/4, fold_accounts/5,
         list_account_flows/3, list_account_flows/4, fold_account_flows/5, fold_account_flows/6,
         get_account_balance/2, get_account_balance/3, get_account_balance/4]).
-export([create_and_wait/3, create_and_wait/4, create_and_wait_async/3, create_and_wait_async/4,
         wait_for/4, wait_for/5, refund_and_wait/4, refund_and_wait/5, async/2]).
-export([verify_notification/3, verify_notification/4, verify_signature/3, verify_signature/4, signature_header/3]).

-export_type([client/0, client_options/0, request_options/0, wait_options/0, verify_options/0, result/0, payment/0, refund/0]).

-type client() :: #{base_url := binary(), api_key := binary(), max_retries := non_neg_integer(), timeout_ms := pos_integer(),
                    http := http(), user_agent := string(), time := time()}.
-type client_options() :: #{base_url := binary() | string(), api_key := binary() | string(),
                            %% retries after the first attempt (default 2)
                            max_retries => non_neg_integer(),
                            %% per attempt, connect to last byte (default 60000)
                            timeout_ms => pos_integer(),
                            %% the HTTP client: by default payee_http_client (keep-alive, over gen_tcp or ssl)
                            http => http(),
                            %% appended to the User-Agent, e.g. <<"my-shop/1.2">>
                            app_info => binary(),
                            %% the clock, pauses and jitter of retries and waiters: tests inject their own
                            time => time()}.
%% One HTTP exchange, no retry: (Method, Url, Headers, Body | undefined, TimeoutMs) ->
%% {ok, Status, [{LowerCaseName, Value}], Body} | {error, timeout | {stale, Reason} | Reason}.
-type http() :: fun((get | post, binary(), [{string(), iodata()}], iodata() | undefined, pos_integer()) ->
                    {ok, pos_integer(), [{binary(), binary()}], binary()} | {error, term()}).
-type time() :: #{now := fun(() -> integer()), sleep := fun((non_neg_integer()) -> any()), rand := fun(() -> float())}.
%% Per call: your own Idempotency-Key (the same on every retry), another key, retries or timeout.
-type request_options() :: #{idempotency_key => binary(), api_key => binary(), max_retries => non_neg_integer(), timeout_ms => pos_integer()}.
-type wait_options() :: #{max_wait_ms => pos_integer(), min_delay_ms => pos_integer(), max_delay_ms => pos_integer()}.
-type verify_options() :: #{tolerance_s => non_neg_integer(), now => integer()}.
-type result() :: {ok, term()} | {error, #payee_error{}}.
%% A payment: #{pay_no, status (created | pending | succeeded | partially_refunded | refunded | closed | failed),
%% method, channel, out_trade_no, subject, amount, currency, refundable_amount, action => #{type, value}, ...}.
-type payment() :: #{pay_no := binary(), status := atom() | binary(), amount := integer(), currency := binary(), atom() | binary() => term()}.
%% A refund: #{refund_no, pay_no, status (pending | processing | succeeded | failed), amount, currency, ...}.
-type refund() :: #{refund_no := binary(), status := atom() | binary(), amount := integer(), atom() | binary() => term()}.

-define(VERSION, "0.1.0").
-define(API_VERSION, "2026-11-24").
-define(FINAL, [succeeded, partially_refunded, refunded, closed, failed]).
-define(TERMINAL, [closed, failed, refunded]).

%% @doc A client: one per API key, to share between processes.
-spec client(client_options()) -> client().
client(#{base_url := Base, api_key := Key} = Options) ->
    {ok, _} = application:ensure_all_started(ssl),
    AppInfo = case maps:get(app_info, Options, undefined) of undefined -> ""; Info -> [" " | to_list(Info)] end,
    #{
        base_url => string:trim(iolist_to_binary(Base), trailing, "/"),
        api_key => iolist_to_binary(Key),
        max_retries => maps:get(max_retries, Options, 2),
        timeout_ms => maps:get(timeout_ms, Options, 60000),
        http => maps:get(http, Options, fun payee_http_client:request/5),
        user_agent => lists:flatten(["payee-erlang/", ?VERSION, " erlang/", erlang:system_info(otp_release), AppInfo]),
        time => maps:get(time, Options, #{
            now => fun() -> erlang:system_time(millisecond) end,
            sleep => fun timer:sleep/1,
            rand => fun rand:uniform/0
        })
    }.

-spec version() -> string().
version() -> ?VERSION.

%% @doc The API version this SDK follows: the Payee-Version header.
-spec api_version() -> string().
api_version() -> ?API_VERSION.

%% @doc The error.code values the API names.
-spec error_codes() -> [binary()].
error_codes() ->
    [<<"account_not_found">>, <<"api_key_expired">>, <<"combine_partner_unsupported">>,
     <<"combined_not_supported">>, <<"currency_mismatch">>, <<"currency_not_supported">>,
     <<"duplicate_out_trade_no">>, <<"group_not_closable">>, <<"idempotency_key_in_use">>,
     <<"idempotency_key_reused">>, <<"insufficient_funds">>, <<"invalid_client">>, <<"invalid_json">>,
     <<"ledger_disabled">>, <<"method_not_supported">>, <<"no_notify_url">>, <<"not_captured">>,
     <<"not_paid">>, <<"parameter_conflict">>, <<"parameter_invalid">>, <<"parameter_missing">>,
     <<"parameter_unknown">>, <<"pay_config_ambiguous">>, <<"pay_config_invalid">>,
     <<"pay_config_mismatch">>, <<"pay_config_not_found">>, <<"payer_client_ip_required">>,
     <<"payer_openid_required">>, <<"payment_changed">>, <<"payment_not_closable">>,
     <<"payment_not_refundable">>, <<"provider_refused">>, <<"provider_unavailable">>,
     <<"refund_exceeds_refundable">>, <<"resource_missing">>, <<"scene_method_unavailable">>,
     <<"scene_not_found">>, <<"service_unavailable">>, <<"statement_not_supported">>,
     <<"transfer_not_refundable">>, <<"unknown_api_version">>, <<"unsupported_content_type">>].

%%% Payments

%% @doc Creates a payment: pending with the action to show the buyer, or failed with the provider's reason.
-spec create_payment(client(), map()) -> result().
create_payment(C, Params) -> create_payment(C, Params, #{}).
-spec create_payment(client(), map(), request_options()) -> result().
create_payment(C, Params, Opts) ->
    call(C, post, <<"/v1/payments">>, [], payee_models:encode('CreatePaymentRequest', Params), Opts, 'Payment').

-spec get_payment(client(), binary()) -> result().
get_payment(C, PayNo) -> get_payment(C, PayNo, #{}).
-spec get_payment(client(), binary(), request_options()) -> result().
get_payment(C, PayNo, Opts) -> call(C, get, payment_path(PayNo, <<>>), [], undefined, Opts, 'Payment').

%% @doc The payment of an order number of yours: `{ok, Payment}' or `{ok, undefined}'.
-spec find_payment(client(), binary()) -> result().
find_payment(C, OutTradeNo) -> find_payment(C, OutTradeNo, #{}).
-spec find_payment(client(), binary(), request_options()) -> result().
find_payment(C, OutTradeNo, Opts) ->
    case list_payments(C, #{out_trade_no => OutTradeNo}, Opts) of
        {ok, #{data := [Payment | _]}} -> {ok, Payment};
        {ok, #{}} -> {ok, undefined};
        Error -> Error
    end.

%% @doc One page of payments, newest first: `#{data := [Payment], next_cursor => Cursor}'.
-spec list_payments(client(), map()) -> result().
list_payments(C, Query) -> list_payments(C, Query, #{}).
-spec list_payments(client(), map(), request_options()) -> result().
list_payments(C, Query, Opts) ->
    call(C, get, <<"/v1/payments">>, query('listPayments.query', Query), undefined, Opts, 'PaymentList').

%% @doc Every payment the query matches, newest first, all pages read.
-spec list_all_payments(client(), map()) -> result().
list_all_payments(C, Query) -> list_all_payments(C, Query, #{}).
-spec list_all_payments(client(), map(), request_options()) -> result().
list_all_payments(C, Query, Opts) ->
    case fold_payments(C, Query, fun(P, Acc) -> [P | Acc] end, [], Opts) of
        {ok, Reversed} -> {ok, lists:reverse(Reversed)};
        Error -> Error
    end.

%% @doc Folds `Fun(Payment, Acc)' over every payment the query matches, reading page after page.
-spec fold_payments(client(), map(), fun((payment(), Acc) -> Acc), Acc) -> {ok, Acc} | {error, #payee_error{}}.
fold_payments(C, Query, Fun, Acc) -> fold_payments(C, Query, Fun, Acc, #{}).
-spec fold_payments(client(), map(), fun((payment(), Acc) -> Acc), Acc, request_options()) -> {ok, Acc} | {error, #payee_error{}}.
fold_payments(C, Query, Fun, Acc, Opts) ->
    fold_pages(fun(Q) -> list_payments(C, Q, Opts) end, Query, Fun, Acc).

%% @doc The payment's audit trail: every provider event payee accepted for it, oldest first.
-spec list_payment_events(client(), binary()) -> result().
list_payment_events(C, PayNo) -> list_payment_events(C, PayNo, #{}).
-spec list_payment_events(client(), binary(), request_options()) -> result().
list_payment_events(C, PayNo, Opts) -> data(call(C, get, payment_path(PayNo, <<"/events">>), [], undefined, Opts, 'PaymentEventList')).

%% @doc Closes an unpaid payment, at the provider first: closed, or succeeded if the buyer paid meanwhile.
-spec close_payment(client(), binary()) -> result().
close_payment(C, PayNo) -> close_payment(C, PayNo, #{}).
-spec close_payment(client(), binary(), request_options()) -> result().
close_payment(C, PayNo, Opts) -> call(C, post, payment_path(PayNo, <<"/close">>), [], undefined, Opts, 'Payment').

%% @doc Asks the provider about the payment now; its answer is applied asynchronously, like a callback.
-spec sync_payment(client(), binary()) -> result().
sync_payment(C, PayNo) -> sync_payment(C, PayNo, #{}).
-spec sync_payment(client(), binary(), request_options()) -> result().
sync_payment(C, PayNo, Opts) -> call(C, post, payment_path(PayNo, <<"/sync">>), [], undefined, Opts, 'SyncResult').

%%% Refunds

%% @doc Refunds part or all of a paid payment; more than its refundable_amount is a conflict.
-spec create_refund(client(), binary(), map()) -> result().
create_refund(C, PayNo, Params) -> create_refund(C, PayNo, Params, #{}).
-spec create_refund(client(), binary(), map(), request_options()) -> result().
create_refund(C, PayNo, Params, Opts) ->
    call(C, post, payment_path(PayNo, <<"/refunds">>), [], payee_models:encode('CreateRefundRequest', Params), Opts, 'Refund').

-spec list_refunds(client(), binary()) -> result().
list_refunds(C, PayNo) -> list_refunds(C, PayNo, #{}).
-spec list_refunds(client(), binary(), request_options()) -> result().
list_refunds(C, PayNo, Opts) -> data(call(C, get, payment_path(PayNo, <<"/refunds">>), [], undefined, Opts, 'RefundList')).

%%% Notifications

%% @doc What payee sent to the payment's notifyUrl, with the delivery attempts.
-spec list_notifications(client(), binary()) -> result().
list_notifications(C, PayNo) -> list_notifications(C, PayNo, #{}).
-spec list_notifications(client(), binary(), request_options()) -> result().
list_notifications(C, PayNo, Opts) ->
    data(call(C, get, payment_path(PayNo, <<"/notifications">>), [], undefined, Opts, 'NotificationList')).

%% @doc Sends the payment's current status to its notifyUrl again, as a new notification.
-spec resend_notification(client(), binary()) -> result().
resend_notification(C, PayNo) -> resend_notification(C, PayNo, #{}).
-spec resend_notification(client(), binary(), request_options()) -> result().
resend_notification(C, PayNo, Opts) ->
    call(C, post, payment_path(PayNo, <<"/notifications/resend">>), [], undefined, Opts, 'Notification').

%%% Reports and the document

%% @doc The day's reconciliation reports: `#{day := <<"2026-11-25">>}', optionally pay_id or company_id.
-spec get_reconciliation(client(), map()) -> result().
get_reconciliation(C, Query) -> get_reconciliation(C, Query, #{}).
-spec get_reconciliation(client(), map(), request_options()) -> result().
get_reconciliation(C, Query, Opts) ->
    call(C, get, <<"/v1/reports/reconciliation">>, query('getReconciliation.query', Query), undefined, Opts, 'ReconciliationList').

%% @doc Payments' figures per China day (at most 31), group and currency (a row each): `#{from := <<"2026-11-01">>, to := <<"2026-11-30">>}',
%% optionally group_by (channel, method, payId, currency) and company_id.
-spec get_daily_report(client(), map()) -> result().
get_daily_report(C, Query) -> get_daily_report(C, Query, #{}).
-spec get_daily_report(client(), map(), request_options()) -> result().
get_daily_report(C, Query, Opts) ->
    call(C, get, <<"/v1/reports/daily">>, query('getDailyReport.query', Query), undefined, Opts, 'DailyReport').

%% @doc The OpenAPI document the API serves (jiffy's maps, binary keys): the contract this SDK follows.
-spec get_openapi(client()) -> result().
get_openapi(C) -> get_openapi(C, #{}).
-spec get_openapi(client(), request_options()) -> result().
get_openapi(C, Opts) -> call(C, get, <<"/v1/openapi.json">>, [], undefined, Opts, value).

%%% Groups

%% @doc Creates a group of payments: a batch, or combined into one payment at the provider.
-spec create_group(client(), map()) -> result().
create_group(C, Params) -> create_group(C, Params, #{}).
-spec create_group(client(), map(), request_options()) -> result().
create_group(C, Params, Opts) ->
    call(C, post, <<"/v1/groups">>, [], payee_models:encode('CreateGroupRequest', Params), Opts, 'Group').

-spec get_group(client(), binary()) -> result().
get_group(C, GroupNo) -> get_group(C, GroupNo, #{}).
-spec get_group(client(), binary(), request_options()) -> result().
get_group(C, GroupNo, Opts) -> call(C, get, group_path(GroupNo, <<>>), [], undefined, Opts, 'Group').

%% @doc One page of groups, newest first: `#{data := [Group], next_cursor => Cursor}'.
-spec list_groups(client(), map()) -> result().
list_groups(C, Query) -> list_groups(C, Query, #{}).
-spec list_groups(client(), map(), request_options()) -> result().
list_groups(C, Query, Opts) -> call(C, get, <<"/v1/groups">>, query('listGroups.query', Query), undefined, Opts, 'GroupList').

%% @doc Folds `Fun(Group, Acc)' over every group, reading page after page.
-spec fold_groups(client(), map(), fun((map(), Acc) -> Acc), Acc) -> {ok, Acc} | {error, #payee_error{}}.
fold_groups(C, Query, Fun, Acc) -> fold_groups(C, Query, Fun, Acc, #{}).
-spec fold_groups(client(), map(), fun((map(), Acc) -> Acc), Acc, request_options()) -> {ok, Acc} | {error, #payee_error{}}.
fold_groups(C, Query, Fun, Acc, Opts) -> fold_pages(fun(Q) -> list_groups(C, Q, Opts) end, Query, Fun, Acc).

%% @doc Closes every unpaid member; a group with none left to close is a conflict (group_not_closable).
-spec close_group(client(), binary()) -> result().
close_group(C, GroupNo) -> close_group(C, GroupNo, #{}).
-spec close_group(client(), binary(), request_options()) -> result().
close_group(C, GroupNo, Opts) -> call(C, post, group_path(GroupNo, <<"/close">>), [], undefined, Opts, 'Group').

%% @doc Asks the provider about every member now.
-spec sync_group(client(), binary()) -> result().
sync_group(C, GroupNo) -> sync_group(C, GroupNo, #{}).
-spec sync_group(client(), binary(), request_options()) -> result().
sync_group(C, GroupNo, Opts) -> call(C, post, group_path(GroupNo, <<"/sync">>), [], undefined, Opts, 'GroupSyncResult').

%%% Ledger accounts

%% @doc Opens a ledger account: `#{currency := <<"CNY">>, type := asset | liability}', optionally name, overdraft_limit (null: no limit; left out: 0), shards.
-spec create_account(client(), map()) -> result().
create_account(C, Params) -> create_account(C, Params, #{}).
-spec create_account(client(), map(), request_options()) -> result().
create_account(C, Params, Opts) ->
    call(C, post, <<"/v1/accounts">>, [], payee_models:encode('CreateAccountRequest', Params), Opts, 'Account').

-spec get_account(client(), binary()) -> result().
get_account(C, AccountId) -> get_account(C, AccountId, #{}).
-spec get_account(client(), binary(), request_options()) -> result().
get_account(C, AccountId, Opts) -> call(C, get, account_path(AccountId, <<>>), [], undefined, Opts, 'Account').

%% @doc One page of accounts: `#{data := [Account], next_cursor => Cursor}'.
-spec list_accounts(client(), map()) -> result().
list_accounts(C, Query) -> list_accounts(C, Query, #{}).
-spec list_accounts(client(), map(), request_options()) -> result().
list_accounts(C, Query, Opts) -> call(C, get, <<"/v1/accounts">>, query('listAccounts.query', Query), undefined, Opts, 'AccountList').

%% @doc Folds `Fun(Account, Acc)' over every account, reading page after page.
-spec fold_accounts(client(), map(), fun((map(), Acc) -> Acc), Acc) -> {ok, Acc} | {error, #payee_error{}}.
fold_accounts(C, Query, Fun, Acc) -> fold_accounts(C, Query, Fun, Acc, #{}).
-spec fold_accounts(client(), map(), fun((map(), Acc) -> Acc), Acc, request_options()) -> {ok, Acc} | {error, #payee_error{}}.
fold_accounts(C, Query, Fun, Acc, Opts) -> fold_pages(fun(Q) -> list_accounts(C, Q, Opts) end, Query, Fun, Acc).

%% @doc One page of the flows that moved an account: `#{data := [Flow], next_cursor => Cursor}'.
-spec list_account_flows(client(), binary(), map()) -> result().
list_account_flows(C, AccountId, Query) -> list_account_flows(C, AccountId, Query, #{}).
-spec list_account_flows(client(), binary(), map(), request_options()) -> result().
list_account_flows(C, AccountId, Query, Opts) ->
    call(C, get, account_path(AccountId, <<"/flows">>), query('listAccountFlows.query', Query), undefined, Opts, 'FlowList').

%% @doc Folds `Fun(Flow, Acc)' over every flow of an account, reading page after page.
-spec fold_account_flows(client(), binary(), map(), fun((map(), Acc) -> Acc), Acc) -> {ok, Acc} | {error, #payee_error{}}.
fold_account_flows(C, AccountId, Query, Fun, Acc) -> fold_account_flows(C, AccountId, Query, Fun, Acc, #{}).
-spec fold_account_flows(client(), binary(), map(), fun((map(), Acc) -> Acc), Acc, request_options()) -> {ok, Acc} | {error, #payee_error{}}.
fold_account_flows(C, AccountId, Query, Fun, Acc, Opts) ->
    fold_pages(fun(Q) -> list_account_flows(C, AccountId, Q, Opts) end, Query, Fun, Acc).

%% @doc The account's posted balance now, or `#{at => <<"2026-11-25T00:00:00Z">>}'.
-spec get_account_balance(client(), binary()) -> result().
get_account_balance(C, AccountId) -> get_account_balance(C, AccountId, #{}, #{}).
-spec get_account_balance(client(), binary(), map()) -> result().
get_account_balance(C, AccountId, Query) -> get_account_balance(C, AccountId, Query, #{}).
-spec get_account_balance(client(), binary(), map(), request_options()) -> result().
get_account_balance(C, AccountId, Query, Opts) ->
    call(C, get, account_path(AccountId, <<"/balance">>), query('getAccountBalance.query', Query), undefined, Opts, 'AccountBalance').

%%% Waiters

%% @doc Creates a payment, then follows it until its status is one of `statuses' in `Wait' (default:
%% succeeded, partially_refunded, refunded, closed, failed). The deadline (`max_wait_ms', the create
%% included) ending first is a wait_timeout error whose `last' is the payment; reaching closed,
%% failed or refunded unwanted is wait_failed.
-spec create_and_wait(client(), map(), wait_options() | map()) -> result().
create_and_wait(C, Params, Wait) -> create_and_wait(C, Params, Wait, #{}).
-spec create_and_wait(client(), map(), wait_options() | map(), request_options()) -> result().
create_and_wait(C, Params, Wait, Opts) ->
    Start = now_ms(C),
    Statuses = maps:get(statuses, Wait, ?FINAL),
    case create_payment(C, Params, Opts) of
        {ok, #{pay_no := PayNo}} = First -> follow(C, Start, Wait, First, PayNo, Statuses, Opts);
        Error -> Error
    end.

%% @doc create_and_wait in a process of its own: returns a reference at once, and the caller later
%% receives `{payee, Ref, {ok, Payment} | {error, #payee_error{}}}'.
-spec create_and_wait_async(client(), map(), wait_options() | map()) -> reference().
create_and_wait_async(C, Params, Wait) -> create_and_wait_async(C, Params, Wait, #{}).
-spec create_and_wait_async(client(), map(), wait_options() | map(), request_options()) -> reference().
create_and_wait_async(C, Params, Wait, Opts) -> async(create_and_wait, [C, Params, Wait, Opts]).

%% @doc Any call of this module in a process of its own: the caller receives `{payee, Ref, Result}'.
-spec async(atom(), [term()]) -> reference().
async(Function, Args) ->
    Caller = self(),
    Ref = make_ref(),
    _ = spawn(fun() ->
        Result =
            try apply(?MODULE, Function, Args)
            catch
                Class:Reason:Stack ->
                    {error, #payee_error{kind = api, message = iolist_to_binary(io_lib:format("~p:~0p in ~0p", [Class, Reason, hd(Stack)]))}}
            end,
        Caller ! {payee, Ref, Result}
    end),
    Ref.

%% @doc Follows a payment until its status is one of `Statuses'.
-spec wait_for(client(), binary(), [atom()], wait_options()) -> result().
wait_for(C, PayNo, Statuses, Wait) -> wait_for(C, PayNo, Statuses, Wait, #{}).
-spec wait_for(client(), binary(), [atom()], wait_options(), request_options()) -> result().
wait_for(C, PayNo, Statuses, Wait, Opts) ->
    Start = now_ms(C),
    follow(C, Start, Wait, get_payment(C, PayNo, Opts), PayNo, Statuses, Opts).

%% @doc Refunds part or all of a payment, then follows the refund until it succeeded or failed (a
%% provider may accept a refund as processing and settle it later).
-spec refund_and_wait(client(), binary(), map(), wait_options()) -> result().
refund_and_wait(C, PayNo, Params, Wait) -> refund_and_wait(C, PayNo, Params, Wait, #{}).
-spec refund_and_wait(client(), binary(), map(), wait_options(), request_options()) -> result().
refund_and_wait(C, PayNo, Params, Wait, Opts) ->
    Start = now_ms(C),
    case create_refund(C, PayNo, Params, Opts) of
        {ok, #{refund_no := RefundNo}} = First ->
            Poll = fun() -> find_refund(C, PayNo, RefundNo, Opts) end,
            Rule = #{done => fun(R) -> lists:member(maps:get(status, R), [succeeded, failed]) end, hopeless => fun(_) -> false end},
            payee_wait:await(C, Start, Wait, First, {Poll, Rule});
        Error ->
            Error
    end.

%%% Notifications payee sends

%% @doc Verifies a notification's Payee-Signature over the raw body, within 300 s of now, and
%% returns the notification tagged by its kind: `{ok, #{kind := payment, id, type, created_at,
%% data := Payment}}', `{ok, #{kind := group, ..., data := Group}}' (group.paid, group.closed) or a
%% signature error.
-spec verify_notification(binary(), binary() | undefined, binary()) -> result().
verify_notification(RawBody, Header, Secret) -> verify_notification(RawBody, Header, Secret, #{}).
%% @doc As verify_notification/3, with `tolerance_s' and `now' (unix seconds).
-spec verify_notification(binary(), binary() | undefined, binary(), verify_options()) -> result().
verify_notification(RawBody, Header, Secret, Options) -> payee_webhook:verify_notification(RawBody, Header, Secret, Options).

%% @doc The signature alone: `ok' or `{error, #payee_error{kind = signature}}'.
-spec verify_signature(binary(), binary() | undefined, binary()) -> ok | {error, #payee_error{}}.
verify_signature(RawBody, Header, Secret) -> verify_signature(RawBody, Header, Secret, #{}).
-spec verify_signature(binary(), binary() | undefined, binary(), verify_options()) -> ok | {error, #payee_error{}}.
verify_signature(RawBody, Header, Secret, Options) -> payee_webhook:verify_signature(RawBody, Header, Secret, Options).

%% @doc The Payee-Signature header payee would send for this body at unix time T: for testing your endpoint.
-spec signature_header(binary(), binary(), non_neg_integer()) -> binary().
signature_header(RawBody, Secret, T) -> payee_webhook:signature_header(RawBody, Secret, T).

%%% Internals

call(C, Method, Path, Query, Body, Opts, Model) ->
    case payee_http:request(C, Method, Path, Query, Body, Opts) of
        {ok, Json} -> {ok, payee_models:decode(Model, Json)};
        Error -> Error
    end.

follow(C, Start, Wait, First, PayNo, Statuses, Opts) ->
    Rule = #{
        done => fun(P) -> lists:member(maps:get(status, P), Statuses) end,
        hopeless => fun(P) -> lists:member(maps:get(status, P), ?TERMINAL) end
    },
    payee_wait:await(C, Start, maps:remove(statuses, Wait), First, {fun() -> get_payment(C, PayNo, Opts) end, Rule}).

find_refund(C, PayNo, RefundNo, Opts) ->
    case list_refunds(C, PayNo, Opts) of
        {ok, Refunds} ->
            case [R || #{refund_no := N} = R <- Refunds, N =:= RefundNo] of
                [Refund | _] -> {ok, Refund};
                [] -> {error, #payee_error{kind = api, message = <<"refund ", RefundNo/binary, " is not among the payment's refunds">>}}
            end;
        Error ->
            Error
    end.

fold_pages(List, Query, Fun, Acc) ->
    case List(Query) of
        {ok, #{data := Items} = Page} ->
            Next = lists:foldl(Fun, Acc, Items),
            case maps:get(next_cursor, Page, undefined) of
                undefined -> {ok, Next};
                Cursor -> fold_pages(List, Query#{cursor => Cursor}, Fun, Next)
            end;
        Error ->
            Error
    end.

data({ok, #{data := Items}}) -> {ok, Items};
data(Error) -> Error.

%% A query of the model's parameters (atom or binary keys) as name/value pairs, in the document's names.
query(Model, Query) ->
    maps:to_list(payee_models:encode(Model, Query)).

payment_path(PayNo, Rest) -> [<<"/v1/payments/">>, segment(PayNo), Rest].
group_path(GroupNo, Rest) -> [<<"/v1/groups/">>, segment(GroupNo), Rest].
account_path(AccountId, Rest) -> [<<"/v1/accounts/">>, segment(AccountId), Rest].

segment(Value) when is_binary(Value), Value =/= <<>> -> uri_string:quote(Value);
segment(Value) when is_list(Value), Value =/= [] -> segment(unicode:characters_to_binary(Value));
segment(Value) -> error({badarg, Value}).

now_ms(#{time := #{now := Now}}) -> Now().

to_list(V) when is_binary(V) -> binary_to_list(V);
to_list(V) when is_list(V) -> V.
