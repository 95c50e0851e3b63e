#!/usr/bin/env escript
%% The Erlang SDK's conformance adapter (sdk/CONTRIBUTING.md): one JSON request per line on stdin,
%% the SDK call it names, one JSON reply per line on stdout. Only the SDK's public API is used
%% (payee, payee_models for the API's JSON shape); jiffy reads and writes the lines.
-include("../include/payee.hrl").

main([Ebin]) ->
    true = code:add_patha(Ebin),
    ok = io:setopts(standard_io, [binary, {encoding, unicode}]),
    emit(#{ready => #{sdk => <<"erlang">>, version => list_to_binary(payee:version()), variants => [<<"sync">>, <<"async">>]}}),
    loop(#{}).

loop(State) ->
    case io:get_line(standard_io, "") of
        eof ->
            ok;
        Line ->
            case string:trim(Line) of
                <<>> ->
                    loop(State);
                Text ->
                    Request = jiffy:decode(Text, [return_maps]),
                    Args = maps:get(<<"args">>, Request, #{}),
                    {Reply, Next} =
                        try run(maps:get(<<"op">>, Request), Args, State) of
                            {Result, State1} -> {#{ok => true, result => Result}, State1}
                        catch
                            throw:{payee_error, _} = E -> {#{ok => false, error => error_of(E)}, State};
                            Class:Reason:Stack ->
                                {#{ok => false, error => #{kind => <<"adapter">>, class => atom_to_binary(Class, utf8),
                                    message => iolist_to_binary(io_lib:format("~0p ~0p", [Reason, Stack]))}}, State}
                        end,
                    emit(Reply#{id => maps:get(<<"id">>, Request)}),
                    loop(Next)
            end
    end.

emit(Term) ->
    io:put_chars(standard_io, [jiffy:encode(Term), $\n]).

run(<<"configure">>, A, State) ->
    Options0 = #{base_url => maps:get(<<"baseUrl">>, A), api_key => maps:get(<<"apiKey">>, A)},
    Options1 = case maps:get(<<"maxRetries">>, A, null) of null -> Options0; R -> Options0#{max_retries => R} end,
    Options = case maps:get(<<"timeoutMs">>, A, null) of null -> Options1; T -> Options1#{timeout_ms => T} end,
    Name = maps:get(<<"client">>, A, <<"default">>),
    {null, State#{Name => {payee:client(Options), A}}};
run(<<"verifyNotification">>, A, State) ->
    #{kind := Kind} = Notification = ok(payee:verify_notification(maps:get(<<"rawBody">>, A), maps:get(<<"header">>, A),
        maps:get(<<"secret">>, A), verify_options(A))),
    Model = case Kind of group -> 'GroupNotification'; payment -> 'PaymentNotification' end,
    {encode(Model, maps:remove(kind, Notification)), State};
run(<<"verifySignature">>, A, State) ->
    ok = ok(payee:verify_signature(maps:get(<<"rawBody">>, A), maps:get(<<"header">>, A), maps:get(<<"secret">>, A), verify_options(A))),
    {null, State};
run(Op, A, State) ->
    Name = maps:get(<<"client">>, A, <<"default">>),
    {C, Settings} = case maps:find(Name, State) of
        {ok, Found} -> Found;
        error -> error({no_client, Name})
    end,
    Async = maps:get(<<"variant">>, A, <<"sync">>) =:= <<"async">>,
    Call = fun(F, Args) -> ok(call(Async, F, Args)) end,
    PayNo = maps:get(<<"payNo">>, A, undefined),
    GroupNo = maps:get(<<"groupNo">>, A, undefined),
    AccountId = maps:get(<<"accountId">>, A, undefined),
    Opts = case maps:get(<<"idempotencyKey">>, A, null) of null -> #{}; Key -> #{idempotency_key => Key} end,
    Result =
        case Op of
            <<"createPayment">> -> encode('Payment', Call(create_payment, [C, params('CreatePaymentRequest', A), Opts]));
            <<"getPayment">> -> encode('Payment', Call(get_payment, [C, PayNo]));
            <<"listPayments">> -> encode('PaymentList', Call(list_payments, [C, params('listPayments.query', A)]));
            <<"listAllPayments">> -> encode({list, 'Payment'}, Call(list_all_payments, [C, params('listPayments.query', A)]));
            <<"getPaymentByOutTradeNo">> -> encode('Payment', Call(find_payment, [C, maps:get(<<"outTradeNo">>, A)]));
            <<"listPaymentEvents">> -> encode('PaymentEventList', #{data => Call(list_payment_events, [C, PayNo])});
            <<"closePayment">> -> encode('Payment', Call(close_payment, [C, PayNo]));
            <<"syncPayment">> -> encode('SyncResult', Call(sync_payment, [C, PayNo]));
            <<"createRefund">> -> encode('Refund', Call(create_refund, [C, PayNo, params('CreateRefundRequest', A), Opts]));
            <<"listRefunds">> -> encode('RefundList', #{data => Call(list_refunds, [C, PayNo])});
            <<"listNotifications">> -> encode('NotificationList', #{data => Call(list_notifications, [C, PayNo])});
            <<"resendNotification">> -> encode('Notification', Call(resend_notification, [C, PayNo]));
            <<"getReconciliation">> -> encode('ReconciliationList', Call(get_reconciliation, [C, params('getReconciliation.query', A)]));
            <<"getDailyReport">> -> encode('DailyReport', Call(get_daily_report, [C, params('getDailyReport.query', A)]));
            <<"getOpenApi">> -> Call(get_openapi, [C]);
            <<"createGroup">> -> encode('Group', Call(create_group, [C, params('CreateGroupRequest', A), Opts]));
            <<"getGroup">> -> encode('Group', Call(get_group, [C, GroupNo]));
            <<"closeGroup">> -> encode('Group', Call(close_group, [C, GroupNo]));
            <<"syncGroup">> -> encode('GroupSyncResult', Call(sync_group, [C, GroupNo]));
            <<"listGroups">> -> encode('GroupList', Call(list_groups, [C, params('listGroups.query', A)]));
            <<"listAllGroups">> ->
                maps:get(<<"data">>, encode('GroupList', #{data => all(Call(fold_groups, [C, params('listGroups.query', A), collect(), []]))}));
            <<"createAccount">> -> encode('Account', Call(create_account, [C, account_params(A), Opts]));
            <<"getAccount">> -> encode('Account', Call(get_account, [C, AccountId]));
            <<"listAccounts">> -> encode('AccountList', Call(list_accounts, [C, params('listAccounts.query', A)]));
            <<"listAllAccounts">> -> encode({list, 'Account'}, all(Call(fold_accounts, [C, params('listAccounts.query', A), collect(), []])));
            <<"listAccountFlows">> -> encode('FlowList', Call(list_account_flows, [C, AccountId, params('listAccountFlows.query', A)]));
            <<"listAllAccountFlows">> ->
                maps:get(<<"data">>, encode('FlowList', #{data => all(Call(fold_account_flows, [C, AccountId, params('listAccountFlows.query', A), collect(), []]))}));
            <<"getAccountBalance">> ->
                Query = case maps:get(<<"at">>, A, null) of null -> #{}; At -> #{at => At} end,
                encode('AccountBalance', Call(get_account_balance, [C, AccountId, Query]));
            <<"createAndWait">> ->
                Wait = case maps:get(<<"statuses">>, A, null) of
                    null -> wait(A);
                    Statuses -> (wait(A))#{statuses => statuses(Statuses)}
                end,
                encode('Payment', case Async of
                    true -> ok(receive_result(payee:create_and_wait_async(C, params('CreatePaymentRequest', A), Wait, Opts)));
                    false -> ok(payee:create_and_wait(C, params('CreatePaymentRequest', A), Wait, Opts))
                end);
            <<"waitFor">> -> encode('Payment', Call(wait_for, [C, PayNo, statuses(maps:get(<<"statuses">>, A)), wait(A)]));
            <<"refundAndWait">> -> encode('Refund', Call(refund_and_wait, [C, PayNo, params('CreateRefundRequest', A), wait(A), Opts]));
            <<"bench">> -> bench(C, Settings, A);
            _ -> error({unknown_op, Op})
        end,
    {Result, State}.

%% The blocking call, or the same call in its own process with the result sent as a message.
call(false, F, Args) -> apply(payee, F, Args);
call(true, F, Args) -> receive_result(payee:async(F, Args)).

receive_result(Ref) ->
    receive
        {payee, Ref, Result} -> Result
    after 120000 -> error(no_answer)
    end.

ok({ok, Value}) -> Value;
ok(ok) -> ok;
ok({error, #payee_error{} = E}) -> throw({payee_error, E}).

encode(_, undefined) -> null;
encode(Model, Value) -> payee_models:encode(Model, Value).

params(Model, A) ->
    case maps:get(<<"params">>, A, null) of
        null -> #{};
        Params -> payee_models:decode(Model, Params)
    end.

%% The fold's accumulator (items newest first, reversed) as the list of every page's items.
collect() -> fun(Item, Acc) -> [Item | Acc] end.
all(Reversed) -> lists:reverse(Reversed).

%% The account's parameters; an explicit overdraftLimit null (no limit) stays null, as the SDK
%% sends it, where decoding would have dropped it as absent (the API's default 0).
account_params(A) ->
    Params = params('CreateAccountRequest', A),
    case maps:get(<<"params">>, A, null) of
        #{<<"overdraftLimit">> := null} -> Params#{overdraft_limit => null};
        _ -> Params
    end.

statuses(Statuses) -> [binary_to_atom(string:lowercase(S), utf8) || S <- Statuses].

wait(A) ->
    maps:from_list([{Key, V} || {Name, Key} <- [{<<"maxWaitMs">>, max_wait_ms}, {<<"minDelayMs">>, min_delay_ms}, {<<"maxDelayMs">>, max_delay_ms}],
                                (V = maps:get(Name, A, null)) =/= null]).

verify_options(A) ->
    maps:from_list([{Key, V} || {Name, Key} <- [{<<"toleranceSeconds">>, tolerance_s}, {<<"now">>, now}], (V = maps:get(Name, A, null)) =/= null]).

error_of({payee_error, #payee_error{} = E}) ->
    Fields = [
        {kind, atom_to_binary(E#payee_error.kind, utf8)},
        {class, <<"#payee_error{kind = ", (atom_to_binary(E#payee_error.kind, utf8))/binary, "}">>},
        {message, E#payee_error.message},
        {status, E#payee_error.status},
        {code, E#payee_error.code},
        {param, E#payee_error.param},
        {payNo, E#payee_error.pay_no},
        {requestId, E#payee_error.request_id},
        {retryAfterMs, E#payee_error.retry_after_ms},
        {last, last(E#payee_error.last)}
    ],
    maps:from_list([{K, V} || {K, V} <- Fields, V =/= undefined]).

last(undefined) -> undefined;
last(#{refund_no := _} = Refund) -> payee_models:encode('Refund', Refund);
last(Payment) -> payee_models:encode('Payment', Payment).

%% get_payment through the SDK against the same GET through the HTTP client the SDK uses
%% (payee_http_client: keep-alive connections over gen_tcp), its body parsed by jiffy:
%% `concurrency' processes in flight, after an untimed warm-up of each, rounds alternating which
%% goes first.
bench(C, Settings, A) ->
    #{<<"calls">> := Calls, <<"concurrency">> := Concurrency, <<"rounds">> := Rounds, <<"payNo">> := PayNo} = A,
    Url = iolist_to_binary([string:trim(maps:get(<<"baseUrl">>, Settings), trailing, "/"), <<"/v1/payments/">>, uri_string:quote(PayNo)]),
    Headers = [{"x-api-key", maps:get(<<"apiKey">>, Settings)}],
    Raw = fun() ->
        {ok, 200, _, Body} = payee_http_client:request(get, Url, Headers, undefined, 60000),
        jiffy:decode(Body, [return_maps])
    end,
    Sdk = fun() -> {ok, _} = payee:get_payment(C, PayNo) end,
    _ = timed(Concurrency * 4, Concurrency, Raw),
    _ = timed(Concurrency * 4, Concurrency, Sdk),
    {RawMs, SdkMs} = lists:foldl(
        fun(I, {R, S}) ->
            Share = Calls div Rounds + case I < Calls rem Rounds of true -> 1; false -> 0 end,
            case I rem 2 of
                0 -> R1 = timed(Share, Concurrency, Raw), {R + R1, S + timed(Share, Concurrency, Sdk)};
                1 -> S1 = timed(Share, Concurrency, Sdk), {R + timed(Share, Concurrency, Raw), S + S1}
            end
        end,
        {0.0, 0.0},
        lists:seq(0, Rounds - 1)
    ),
    #{rawMs => RawMs, sdkMs => SdkMs, variant => <<"processes (", (integer_to_binary(Concurrency))/binary, " in flight)">>}.

%% `Calls' runs of `Task' by `Concurrency' processes taking the next from a shared counter; ms.
timed(Calls, Concurrency, Task) ->
    Counter = counters:new(1, [atomics]),
    Self = self(),
    Started = erlang:monotonic_time(microsecond),
    Pids = [spawn_link(fun() -> worker(Counter, Calls, Task), Self ! {done, self()} end) || _ <- lists:seq(1, Concurrency)],
    [receive {done, Pid} -> ok end || Pid <- Pids],
    (erlang:monotonic_time(microsecond) - Started) / 1000.

worker(Counter, Calls, Task) ->
    counters:add(Counter, 1, 1),
    case counters:get(Counter, 1) =< Calls of
        true -> Task(), worker(Counter, Calls, Task);
        false -> ok
    end.
