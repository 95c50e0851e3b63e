%% The SDK against a real HTTP server on 127.0.0.1 (payee_test_server) with a fake clock: retry
%% timing, one Idempotency-Key per call, errors, pagination, waiters.
-module(payee_tests).

-include_lib("eunit/include/eunit.hrl").
-include("payee.hrl").

-import(payee_test_server, [start/1, requests/1, fake_time/1, delays/1, client/2, client/3]).

payment(PayNo, Status) ->
    iolist_to_binary(["{\"payNo\":\"", PayNo, "\",\"status\":\"", Status, "\",\"method\":\"alipay.qr\",\"channel\":\"alipay\","
        "\"outTradeNo\":\"A1001\",\"subject\":\"T-shirt\",\"amount\":1999,\"currency\":\"CNY\",\"refundableAmount\":0,"
        "\"action\":{\"type\":\"qr_code\",\"value\":\"https://qr.alipay.com/x\"},\"metadata\":{\"orderId\":\"7\"},"
        "\"createdAt\":\"2025-11-24T23:58:00.000Z\",\"updatedAt\":\"2025-11-25T00:00:00.000Z\"}"]).

error_body(Type, Code) ->
    iolist_to_binary(["{\"error\":{\"type\":\"", Type, "\",\"code\":\"", Code, "\",\"message\":\"m\",\"param\":\"amount\","
        "\"payNo\":\"P9\",\"requestId\":\"req-1\"}}"]).

params() ->
    #{method => 'alipay.qr', out_trade_no => <<"A1001">>, subject => <<"T-shirt">>, amount => 1999, currency => <<"CNY">>}.

header(Name, #{headers := Headers}) -> proplists:get_value(Name, Headers).

backoff_doubles_from_half_a_second_with_jitter_test() ->
    Server = start([{500, <<"{}">>}, {502, <<"<html>bad gateway</html>">>}, {200, payment("P1", "PENDING")}]),
    Time = fake_time(0.5),
    {ok, Payment} = payee:get_payment(client(Server, Time), <<"P1">>),
    ?assertMatch(#{pay_no := <<"P1">>, status := pending, action := #{type := qr_code}, metadata := #{<<"orderId">> := <<"7">>}}, Payment),
    %% rand 0.5: each pause is its base x 0.75.
    ?assertEqual([375, 750], delays(Time)).

backoff_is_capped_at_five_seconds_test() ->
    ?assertEqual(4997, payee_http:backoff_ms(#{time => #{rand => fun() -> 0.999 end}}, 10)),
    ?assertEqual(250, payee_http:backoff_ms(#{time => #{rand => fun() -> 0.0 end}}, 0)),
    ?assertEqual(2500, payee_http:backoff_ms(#{time => #{rand => fun() -> 0.0 end}}, 10)).

retry_after_is_taken_exactly_test() ->
    Server = start([{503, error_body("provider", "provider_unavailable"), [{"retry-after", "2"}]}, {201, payment("P1", "PENDING")}]),
    Time = fake_time(0.5),
    {ok, _} = payee:create_payment(client(Server, Time), params()),
    ?assertEqual([2000], delays(Time)).

a_retry_after_over_a_minute_goes_to_the_caller_test() ->
    Server = start([{503, error_body("unavailable", "service_unavailable"), [{"retry-after", "120"}]}]),
    Time = fake_time(0.5),
    {error, E} = payee:get_payment(client(Server, Time), <<"P1">>),
    ?assertMatch(#payee_error{kind = unavailable, status = 503, retry_after_ms = 120000}, E),
    ?assertEqual(1, length(requests(Server))),
    ?assertEqual([], delays(Time)).

every_attempt_of_a_post_carries_one_idempotency_key_test() ->
    Server = start([{500, <<"{}">>}, {429, <<"{\"message\":\"Too Many Requests\"}">>}, {201, payment("P1", "PENDING")}]),
    {ok, _} = payee:create_payment(client(Server, fake_time(0.5)), params()),
    Keys = [header(<<"idempotency-key">>, R) || R <- requests(Server)],
    ?assertEqual(3, length(Keys)),
    ?assertEqual(1, length(lists:usort(Keys))),
    ?assertMatch({match, _}, re:run(hd(Keys), "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")).

the_callers_key_wins_and_each_call_makes_its_own_test() ->
    Server = start([{201, payment("P1", "PENDING")}, {201, payment("P2", "PENDING")}, {201, payment("P3", "PENDING")}]),
    C = client(Server, fake_time(0.5)),
    {ok, _} = payee:create_payment(C, params(), #{idempotency_key => <<"order-A1001">>}),
    {ok, _} = payee:create_payment(C, params()),
    {ok, _} = payee:create_payment(C, params()),
    [K1, K2, K3] = [header(<<"idempotency-key">>, R) || R <- requests(Server)],
    ?assertEqual(<<"order-A1001">>, K1),
    ?assertNotEqual(K2, K3).

the_body_is_the_documents_json_test() ->
    Server = start([{201, payment("P1", "PENDING")}]),
    {ok, _} = payee:create_payment(client(Server, fake_time(0.5)), (params())#{payer => #{client_ip => <<"203.0.113.7">>}, metadata => #{<<"k">> => <<"v">>}}),
    [#{body := Body}] = requests(Server),
    ?assertEqual(#{<<"method">> => <<"alipay.qr">>, <<"outTradeNo">> => <<"A1001">>, <<"subject">> => <<"T-shirt">>, <<"amount">> => 1999,
                   <<"currency">> => <<"CNY">>, <<"payer">> => #{<<"clientIp">> => <<"203.0.113.7">>}, <<"metadata">> => #{<<"k">> => <<"v">>}},
                 jiffy:decode(Body, [return_maps])).

no_other_4xx_is_retried_test_() ->
    [?_test(begin
        Server = start([{Status, error_body("invalid_request", "parameter_invalid")}]),
        {error, #payee_error{status = Status}} = payee:get_payment(client(Server, fake_time(0.5)), <<"P1">>),
        ?assertEqual(1, length(requests(Server)))
     end) || Status <- [400, 403, 404, 422]].

a_409_is_retried_only_while_the_key_is_in_use_test() ->
    Server = start([{409, error_body("idempotency", "idempotency_key_in_use")}, {201, payment("P1", "PENDING")}]),
    ?assertMatch({ok, #{pay_no := <<"P1">>}}, payee:create_payment(client(Server, fake_time(0.5)), params())),
    Conflict = start([{409, error_body("conflict", "duplicate_out_trade_no")}]),
    ?assertMatch({error, #payee_error{kind = conflict, pay_no = <<"P9">>}}, payee:create_payment(client(Conflict, fake_time(0.5)), params())),
    ?assertEqual(1, length(requests(Conflict))).

retries_stop_at_max_retries_with_the_last_error_test() ->
    Server = start([{500, <<"{}">>}, {500, <<"{}">>}, {500, <<"{}">>}, {200, payment("P1", "PENDING")}]),
    Time = fake_time(0.5),
    ?assertMatch({error, #payee_error{kind = api, status = 500}}, payee:get_payment(client(Server, Time), <<"P1">>)),
    ?assertEqual(3, length(requests(Server))),
    ?assertEqual(2, length(delays(Time))).

a_dropped_answer_is_retried_with_the_same_key_test() ->
    Server = start([drop, {201, payment("P1", "PENDING")}]),
    ?assertMatch({ok, #{pay_no := <<"P1">>}}, payee:create_payment(client(Server, fake_time(0.5)), params())),
    [A, B] = requests(Server),
    ?assertEqual(header(<<"idempotency-key">>, A), header(<<"idempotency-key">>, B)).

nothing_listening_is_a_connection_error_after_the_retries_test() ->
    Time = fake_time(0.5),
    C = payee:client(#{base_url => <<"http://127.0.0.1:9/live">>, api_key => <<"k">>, max_retries => 1, time => maps:remove(agent, Time)}),
    {error, E} = payee:get_payment(C, <<"P1">>),
    ?assertEqual(connection, E#payee_error.kind),
    ?assertMatch({match, _}, re:run(E#payee_error.message, "GET http://127.0.0.1:9/live/v1/payments/P1")),
    ?assertEqual(1, length(delays(Time))).

a_per_call_timeout_is_a_connection_error_test() ->
    Server = start([{delay, 1500, {200, payment("P1", "PENDING")}}]),
    {error, E} = payee:get_payment(client(Server, fake_time(0.5), #{max_retries => 0}), <<"P1">>, #{timeout_ms => 200}),
    ?assertMatch(#payee_error{kind = connection}, E),
    ?assertMatch({match, _}, re:run(E#payee_error.message, "did not answer in 200 ms")).

every_request_carries_the_key_and_version_headers_test() ->
    Server = start([{200, payment("P1", "PENDING")}]),
    {ok, _} = payee:get_payment(client(Server, fake_time(0.5), #{app_info => <<"my-shop/1.2">>}), <<"P 1">>),
    [R] = requests(Server),
    ?assertEqual(<<"/live/v1/payments/P%201">>, maps:get(path, R)),
    ?assertEqual(<<"pk_test">>, header(<<"x-api-key">>, R)),
    ?assertEqual(list_to_binary(payee:api_version()), header(<<"payee-version">>, R)),
    ?assertEqual(list_to_binary("erlang/" ++ payee:version()), header(<<"payee-client">>, R)),
    ?assertMatch({match, _}, re:run(header(<<"user-agent">>, R), "^payee-erlang/0\\.1\\.0 erlang/[0-9]+ my-shop/1\\.2$")),
    ?assertEqual(undefined, header(<<"idempotency-key">>, R)).

each_error_type_is_its_own_kind_carrying_the_apis_fields_test_() ->
    [?_test(begin
        E = payee_http:error_from_reply(Status, error_body(Type, "some_code"), <<"header-id">>, 2000),
        ?assertEqual(#payee_error{kind = list_to_atom(Type), type = list_to_binary(Type), code = <<"some_code">>, message = <<"m">>,
                                  param = <<"amount">>, pay_no = <<"P9">>, request_id = <<"req-1">>, status = Status, retry_after_ms = 2000}, E)
     end) || {Type, Status} <- [{"invalid_request", 400}, {"authentication", 401}, {"not_found", 404}, {"conflict", 409},
                                {"idempotency", 422}, {"provider", 503}, {"unavailable", 503}, {"internal", 500}]].

the_gateways_own_replies_are_typed_by_status_test() ->
    ?assertMatch(#payee_error{kind = rate_limit, message = <<"Too Many Requests">>, request_id = <<"gw-1">>},
                 payee_http:error_from_reply(429, <<"{\"message\":\"Too Many Requests\"}">>, <<"gw-1">>, undefined)),
    ?assertMatch(#payee_error{kind = authentication}, payee_http:error_from_reply(403, <<"{\"Message\":\"Forbidden\"}">>, undefined, undefined)),
    ?assertMatch(#payee_error{kind = api, type = undefined, message = <<"HTTP 502">>},
                 payee_http:error_from_reply(502, <<"<html>Bad Gateway</html>">>, undefined, undefined)).

an_enum_value_added_later_is_kept_as_it_came_test() ->
    Server = start([{200, payment("P1", "ON_HOLD")}]),
    ?assertMatch({ok, #{status := <<"ON_HOLD">>}}, payee:get_payment(client(Server, fake_time(0.5)), <<"P1">>)).

page(Items, Cursor) ->
    iolist_to_binary(["{\"data\":[", lists:join(",", Items), "]", case Cursor of undefined -> ""; _ -> [",\"nextCursor\":\"", Cursor, "\""] end, "}"]).

three_pages() ->
    start([{200, page([payment("P5", "PENDING"), payment("P4", "PENDING")], "c1")},
           {200, page([payment("P3", "PENDING"), payment("P2", "PENDING")], "c2")},
           {200, page([payment("P1", "PENDING")], undefined)}]).

list_all_payments_reads_every_page_with_the_query_test() ->
    Server = three_pages(),
    {ok, All} = payee:list_all_payments(client(Server, fake_time(0.5)), #{limit => 2, company_id => <<"C1">>}),
    ?assertEqual([<<"P5">>, <<"P4">>, <<"P3">>, <<"P2">>, <<"P1">>], [P || #{pay_no := P} <- All]),
    Paths = [maps:get(path, R) || R <- requests(Server)],
    ?assertEqual(3, length(Paths)),
    [?assertMatch({match, _}, re:run(P, "limit=2")) || P <- Paths],
    [?assertMatch({match, _}, re:run(P, "companyId=C1")) || P <- Paths],
    ?assertMatch({match, _}, re:run(lists:nth(2, Paths), "cursor=c1")),
    ?assertMatch({match, _}, re:run(lists:nth(3, Paths), "cursor=c2")).

fold_payments_folds_page_after_page_test() ->
    Server = three_pages(),
    ?assertEqual({ok, 5}, payee:fold_payments(client(Server, fake_time(0.5)), #{limit => 2}, fun(_, N) -> N + 1 end, 0)).

one_page_keeps_its_cursor_and_find_is_one_or_undefined_test() ->
    Server = start([{200, page([payment("P5", "PENDING")], "c1")}, {200, page([payment("P1", "PENDING")], undefined)}, {200, page([], undefined)}]),
    C = client(Server, fake_time(0.5)),
    ?assertMatch({ok, #{data := [_], next_cursor := <<"c1">>}}, payee:list_payments(C, #{limit => 1})),
    ?assertMatch({ok, #{pay_no := <<"P1">>}}, payee:find_payment(C, <<"A 1">>)),
    ?assertEqual({ok, undefined}, payee:find_payment(C, <<"none">>)),
    ?assertEqual(<<"/live/v1/payments?outTradeNo=A%201">>, maps:get(path, lists:nth(2, requests(Server)))).

-define(WAIT, #{max_wait_ms => 10000, min_delay_ms => 200, max_delay_ms => 1000}).

create_and_wait_polls_with_growing_pauses_until_paid_test() ->
    Server = start([{201, payment("P1", "PENDING")}, {200, payment("P1", "PENDING")}, {200, payment("P1", "PENDING")}, {200, payment("P1", "SUCCEEDED")}]),
    Time = fake_time(1.0),
    ?assertMatch({ok, #{status := succeeded}}, payee:create_and_wait(client(Server, Time), params(), ?WAIT)),
    ?assertEqual([200, 400, 800], delays(Time)),
    ?assertEqual(['POST', 'GET', 'GET', 'GET'], [M || #{method := M} <- requests(Server)]).

create_and_wait_async_sends_the_result_to_the_caller_test() ->
    Server = start([{201, payment("P1", "PENDING")}, {200, payment("P1", "SUCCEEDED")}]),
    Ref = payee:create_and_wait_async(client(Server, fake_time(1.0)), params(), ?WAIT),
    receive
        {payee, Ref, Result} -> ?assertMatch({ok, #{status := succeeded}}, Result)
    after 5000 -> ?assert(false)
    end.

the_deadline_ends_the_wait_with_the_payment_last_seen_test() ->
    Server = start(lists:duplicate(60, {200, payment("P1", "PENDING")})),
    Time = fake_time(1.0),
    {error, E} = payee:wait_for(client(Server, Time), <<"P1">>, [succeeded], ?WAIT),
    ?assertMatch(#payee_error{kind = wait_timeout, last = #{status := pending}}, E),
    ?assertEqual(10000, lists:sum(delays(Time))),
    ?assert(lists:max(delays(Time)) =< 1000).

a_terminal_status_not_wanted_fails_the_wait_test() ->
    Server = start([{200, payment("P1", "PENDING")}, {200, payment("P1", "CLOSED")}]),
    ?assertMatch({error, #payee_error{kind = wait_failed, last = #{status := closed}}},
                 payee:wait_for(client(Server, fake_time(0.5)), <<"P1">>, [succeeded], ?WAIT)).

refund(No, Status) ->
    iolist_to_binary(["{\"refundNo\":\"", No, "\",\"payNo\":\"P1\",\"status\":\"", Status, "\",\"amount\":300,\"currency\":\"CNY\","
        "\"createdAt\":\"2025-11-25T00:00:00.000Z\",\"updatedAt\":\"2025-11-25T00:00:00.000Z\"}"]).

refund_and_wait_follows_the_refund_among_the_payments_refunds_test() ->
    Server = start([{201, refund("R2", "PROCESSING")}, {200, page([refund("R1", "SUCCEEDED"), refund("R2", "SUCCEEDED")], undefined)}]),
    ?assertMatch({ok, #{refund_no := <<"R2">>, status := succeeded}},
                 payee:refund_and_wait(client(Server, fake_time(0.5)), <<"P1">>, #{amount => 300}, ?WAIT)),
    ?assertEqual(<<"{\"amount\":300}">>, maps:get(body, hd(requests(Server)))).

pauses_stay_between_min_and_max_delay_test() ->
    Options = payee_wait:options(?WAIT),
    ?assertEqual(200, payee_wait:delay_ms(#{time => #{rand => fun() -> 0.0 end}}, 5, Options)),
    ?assertEqual(999, payee_wait:delay_ms(#{time => #{rand => fun() -> 0.999999 end}}, 5, Options)).

an_overdraft_limit_of_null_is_sent_as_no_limit_and_one_left_out_is_not_sent_test() ->
    Account = <<"{\"accountId\":\"A1\",\"currency\":\"CNY\",\"type\":\"asset\",\"overdraftLimit\":null,\"shards\":4,\"createdAt\":\"2025-11-25T00:00:00.000Z\"}">>,
    Server = start([{201, Account}, {201, Account}]),
    C = client(Server, fake_time(0.5)),
    ?assertMatch({ok, #{account_id := <<"A1">>, overdraft_limit := undefined}},
                 payee:create_account(C, #{currency => <<"CNY">>, type => asset, overdraft_limit => null, shards => 4})),
    {ok, _} = payee:create_account(C, #{currency => <<"CNY">>, type => asset}),
    ?assertEqual([#{<<"currency">> => <<"CNY">>, <<"type">> => <<"asset">>, <<"overdraftLimit">> => null, <<"shards">> => 4},
                  #{<<"currency">> => <<"CNY">>, <<"type">> => <<"asset">>}],
                 [jiffy:decode(Body, [return_maps]) || #{body := Body} <- requests(Server)]).

accounts_flows_are_folded_page_after_page_and_a_balance_read_at_a_moment_test() ->
    Flow = fun(Id) -> iolist_to_binary(["{\"flowId\":\"", Id, "\",\"kind\":\"posted\",\"direction\":\"credit\",\"amount\":100,\"currency\":\"CNY\","
        "\"accountOut\":\"buyer\",\"accountRec\":\"A 1\",\"payNo\":\"P1\",\"line\":0,\"at\":\"2025-11-25T00:00:00.000Z\"}"]) end,
    Server = start([{200, page([Flow("F2")], "c1")}, {200, page([Flow("F1")], undefined)},
                    {200, <<"{\"accountId\":\"A 1\",\"currency\":\"CNY\",\"at\":\"2025-11-25T00:00:00.000Z\",\"posted\":200}">>}]),
    C = client(Server, fake_time(0.5)),
    ?assertEqual({ok, [{<<"F1">>, posted, credit}, {<<"F2">>, posted, credit}]},
                 payee:fold_account_flows(C, <<"A 1">>, #{limit => 1}, fun(#{flow_id := F, kind := K, direction := D}, Acc) -> [{F, K, D} | Acc] end, [])),
    ?assertMatch({ok, #{posted := 200}}, payee:get_account_balance(C, <<"A 1">>, #{at => <<"2025-11-25T00:00:00Z">>})),
    [P1, P2, P3] = [maps:get(path, R) || R <- requests(Server)],
    ?assertEqual(<<"/live/v1/accounts/A%201/flows?limit=1">>, P1),
    ?assertMatch({match, _}, re:run(P2, "cursor=c1")),
    ?assertEqual(<<"/live/v1/accounts/A%201/balance?at=2025-11-25T00%3A00%3A00Z">>, P3).

the_daily_report_asks_for_its_days_and_group_and_reads_the_rows_test() ->
    Server = start([{200, <<"{\"from\":\"2026-11-24\",\"to\":\"2026-11-25\",\"groupBy\":\"payId\",\"data\":[{\"day\":\"2026-11-24\",\"group\":\"cfg_1\",\"currency\":\"CNY\","
                            "\"created\":{\"count\":4,\"amount\":4000},\"successRate\":0.75,\"timeToPay\":{\"count\":3,\"p95Ms\":5000}}]}">>}]),
    {ok, Report} = payee:get_daily_report(client(Server, fake_time(0.5)), #{from => <<"2026-11-24">>, to => <<"2026-11-25">>, group_by => <<"payId">>}),
    ?assertMatch(#{group_by := pay_id, data := [#{currency := <<"CNY">>, success_rate := 0.75, created := #{amount := 4000}, time_to_pay := #{p95_ms := 5000}}]}, Report),
    [#{path := Path}] = requests(Server),
    [?assertMatch({match, _}, re:run(Path, P)) || P <- ["from=2026-11-24", "to=2026-11-25", "groupBy=payId", "^/live/v1/reports/daily\\?"]].
