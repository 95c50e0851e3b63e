%% @doc Sends one API call: headers, JSON, retries with backoff and one Idempotency-Key per POST,
%% and the mapping of failures to #payee_error{}.
-module(payee_http).

-include("payee.hrl").

-export([request/6, backoff_ms/2, retry_delay/4, error_from_reply/4, connection_error/3]).

-define(INITIAL_RETRY_DELAY_MS, 500).
-define(MAX_RETRY_DELAY_MS, 5000).
%% A longer Retry-After is not waited out inside a call: the error goes to the caller.
-define(MAX_RETRY_AFTER_MS, 60000).

%% @doc One logical call; its Idempotency-Key is made once, so every retry carries the same.
-spec request(payee:client(), get | post, iodata(), [{binary(), binary() | undefined}], term(), payee:request_options()) ->
    {ok, term()} | {error, #payee_error{}}.
request(Client, Method, Path, Query, Body, Options) ->
    #{base_url := Base, api_key := DefaultKey, max_retries := DefaultRetries, timeout_ms := DefaultTimeout} = Client,
    Url = iolist_to_binary([Base, Path, query_string(Query)]),
    Key = maps:get(api_key, Options, DefaultKey),
    Headers0 = [
        {"x-api-key", Key},
        {"accept", "application/json"},
        {"user-agent", maps:get(user_agent, Client)},
        {"payee-client", "erlang/" ++ payee:version()},
        {"payee-version", payee:api_version()}
    ],
    {Headers, Payload} =
        case Method of
            post when Body =:= undefined -> {[{"idempotency-key", maps:get(idempotency_key, Options, new_key())} | Headers0], <<>>};
            post -> {[{"idempotency-key", maps:get(idempotency_key, Options, new_key())}, {"content-type", "application/json"} | Headers0],
                     jiffy:encode(Body)};
            get -> {Headers0, undefined}
        end,
    Timeout = maps:get(timeout_ms, Options, DefaultTimeout),
    Retries = maps:get(max_retries, Options, DefaultRetries),
    attempt(Client, {Method, Url, Headers, Payload}, Timeout, Retries, 0).

attempt(#{http := Http, time := #{sleep := Sleep}} = Client, {Method, Url, Headers, Payload} = Request, Timeout, Retries, Attempt) ->
    case outcome(Client, Method, Url, Timeout, Http(Method, Url, Headers, Payload, Timeout)) of
        {ok, _} = Ok ->
            Ok;
        {error, Error, Stale} ->
            case retry_delay(Client, Error, Stale, {Attempt, Retries}) of
                undefined ->
                    {error, Error};
                Delay ->
                    Sleep(Delay),
                    attempt(Client, Request, Timeout, Retries, Attempt + 1)
            end
    end.

outcome(_, _, _, _, {ok, Status, Headers, Body}) when Status >= 200, Status < 300 ->
    case decode(Body) of
        {ok, Json} -> {ok, Json};
        error ->
            Error = #payee_error{kind = api, code = <<"invalid_response">>, status = Status,
                message = <<"payee's reply could not be read as JSON">>, request_id = header(<<"x-amzn-requestid">>, Headers)},
            {error, Error, false}
    end;
outcome(Client, _, _, _, {ok, Status, Headers, Body}) ->
    RetryAfter = retry_after(Client, header(<<"retry-after">>, Headers)),
    {error, error_from_reply(Status, Body, header(<<"x-amzn-requestid">>, Headers), RetryAfter), false};
outcome(_, Method, Url, Timeout, {error, {stale, Reason}}) ->
    {error, connection_error(Method, Url, {{lost, Reason}, Timeout}), true};
outcome(_, Method, Url, Timeout, {error, Reason}) ->
    {error, connection_error(Method, Url, {Reason, Timeout}), false}.

%% @doc How long to wait before the next attempt (ms), or undefined to give up with the error.
-spec retry_delay(payee:client(), #payee_error{}, boolean(), {non_neg_integer(), non_neg_integer()}) -> non_neg_integer() | undefined.
retry_delay(Client, #payee_error{kind = connection}, Stale, {Attempt, Retries}) ->
    %% A keep-alive socket can die while a Lambda or container is frozen: one retry even with retries off.
    Allowed = case Stale of true -> max(Retries, 1); false -> Retries end,
    case Attempt < Allowed of
        true -> backoff_ms(Client, Attempt);
        false -> undefined
    end;
retry_delay(Client, #payee_error{status = Status, code = Code, retry_after_ms = After}, _, {Attempt, Retries}) ->
    Retryable = Status =:= 429 orelse (is_integer(Status) andalso Status >= 500) orelse
        (Status =:= 409 andalso Code =:= <<"idempotency_key_in_use">>),
    if
        not Retryable; Attempt >= Retries -> undefined;
        After =:= undefined -> backoff_ms(Client, Attempt);
        After > ?MAX_RETRY_AFTER_MS -> undefined;
        true -> After
    end.

%% @doc Exponential backoff from 0.5 s, doubling to at most 5 s, with jitter of x(0.5..1).
-spec backoff_ms(payee:client(), non_neg_integer()) -> non_neg_integer().
backoff_ms(#{time := #{rand := Rand}}, Attempt) ->
    Base = min(?MAX_RETRY_DELAY_MS, ?INITIAL_RETRY_DELAY_MS bsl min(Attempt, 20)),
    trunc(Base * (0.5 + 0.5 * Rand())).

%% @doc A non-2xx reply as the error its error.type (or status) names.
-spec error_from_reply(pos_integer(), binary(), binary() | undefined, non_neg_integer() | undefined) -> #payee_error{}.
error_from_reply(Status, Body, RequestIdHeader, RetryAfter) ->
    Base = #payee_error{status = Status, retry_after_ms = RetryAfter, request_id = RequestIdHeader,
                        message = <<"HTTP ", (integer_to_binary(Status))/binary>>},
    Error =
        case decode(Body) of
            {ok, #{<<"error">> := #{} = E}} ->
                Decoded = payee_models:decode('Error', #{<<"error">> => E}),
                #{error := Fields} = Decoded,
                Type = maps:get(<<"type">>, E, undefined),
                Base#payee_error{
                    type = Type,
                    code = maps:get(code, Fields, undefined),
                    message = maps:get(message, Fields, Base#payee_error.message),
                    param = maps:get(param, Fields, undefined),
                    pay_no = maps:get(pay_no, Fields, undefined),
                    request_id = maps:get(request_id, Fields, RequestIdHeader)
                };
            {ok, #{<<"message">> := Message}} when is_binary(Message) ->
                %% API Gateway's own replies (403 Forbidden, 429 Too Many Requests).
                Base#payee_error{message = Message};
            {ok, #{<<"Message">> := Message}} when is_binary(Message) ->
                Base#payee_error{message = Message};
            _ ->
                %% A proxy's HTML page or an empty body: the status alone says what happened.
                Base
        end,
    Error#payee_error{kind = kind(Status, Error#payee_error.type)}.

%% 429 and 403 come from the gateway without an error.type: the status decides there.
kind(429, _) -> rate_limit;
kind(_, <<"invalid_request">>) -> invalid_request;
kind(_, <<"authentication">>) -> authentication;
kind(_, <<"not_found">>) -> not_found;
kind(_, <<"conflict">>) -> conflict;
kind(_, <<"idempotency">>) -> idempotency;
kind(_, <<"provider">>) -> provider;
kind(_, <<"unavailable">>) -> unavailable;
kind(_, <<"internal">>) -> internal;
kind(Status, undefined) when Status =:= 400; Status =:= 422 -> invalid_request;
kind(Status, undefined) when Status =:= 401; Status =:= 403 -> authentication;
kind(404, undefined) -> not_found;
kind(409, undefined) -> conflict;
kind(503, undefined) -> unavailable;
kind(_, _) -> api.

%% @doc No answer: refused, reset, timed out.
-spec connection_error(atom(), binary(), {term(), timeout()}) -> #payee_error{}.
connection_error(Method, Url, {timeout, Timeout}) ->
    message(connection, io_lib:format("payee did not answer in ~p ms: ~s ~s", [Timeout, method(Method), Url]));
connection_error(Method, Url, {Reason, _}) ->
    message(connection, io_lib:format("could not reach payee: ~s ~s: ~0p", [method(Method), Url, Reason])).

message(Kind, Text) ->
    #payee_error{kind = Kind, message = unicode:characters_to_binary(Text)}.

method(Method) -> string:uppercase(atom_to_list(Method)).

%% Retry-After in seconds or as an HTTP date.
retry_after(_, undefined) ->
    undefined;
retry_after(#{time := #{now := Now}}, Value) ->
    Text = string:trim(binary_to_list(Value)),
    case string:to_integer(Text) of
        {Seconds, ""} when Seconds >= 0 ->
            Seconds * 1000;
        _ ->
            case httpd_util:convert_request_date(Text) of
                bad_date -> undefined;
                DateTime ->
                    At = (calendar:datetime_to_gregorian_seconds(DateTime) - 62167219200) * 1000,
                    max(0, At - Now())
            end
    end.

header(Name, Headers) ->
    proplists:get_value(Name, Headers).

decode(<<>>) ->
    error;
decode(Body) ->
    try
        {ok, jiffy:decode(Body, [return_maps])}
    catch
        _:_ -> error
    end.

query_string(Query) ->
    case [[uri_string:quote(Name), $=, uri_string:quote(to_bin(Value))] || {Name, Value} <- Query, Value =/= undefined] of
        [] -> <<>>;
        Pairs -> [$? | lists:join($&, Pairs)]
    end.

to_bin(V) when is_binary(V) -> V;
to_bin(V) when is_integer(V) -> integer_to_binary(V);
to_bin(V) when is_atom(V) -> atom_to_binary(V, utf8);
to_bin(V) when is_list(V) -> unicode:characters_to_binary(V).

%% A UUID v4, from crypto's random bytes.
new_key() ->
    <<A:32, B:16, _:4, C:12, _:2, D:14, E:48>> = crypto:strong_rand_bytes(16),
    lists:flatten(io_lib:format("~8.16.0b-~4.16.0b-4~3.16.0b-~4.16.0b-~12.16.0b", [A, B, C, D bor 16#8000, E])).
