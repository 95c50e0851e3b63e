%% @doc Checks the notifications payee POSTs to a notifyUrl. Its Payee-Signature header is
%% `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>'; verify over the bytes
%% received, before any JSON parsing (docs/notifications.md).
-module(payee_webhook).

-include("payee.hrl").

-export([verify_notification/4, verify_signature/4, signature_header/3]).

-define(DEFAULT_TOLERANCE_S, 300).

%% A group's notification (type group.paid, group.closed) is tagged `kind => group' and its data
%% is the Group; any other is tagged `kind => payment' and its data is the Payment.
-spec verify_notification(binary(), binary() | undefined, binary(), payee:verify_options()) ->
    {ok, map()} | {error, #payee_error{}}.
verify_notification(RawBody, Header, Secret, Options) ->
    case verify_signature(RawBody, Header, Secret, Options) of
        ok ->
            try jiffy:decode(RawBody, [return_maps]) of
                #{<<"id">> := _, <<"data">> := #{}} = Json ->
                    {Kind, Model} = model_of(maps:get(<<"type">>, Json, <<>>)),
                    {ok, (payee_models:decode(Model, Json))#{kind => Kind}};
                _ -> signature_error(<<"payload_invalid">>, <<"the signed body is not a payment or group notification">>)
            catch
                _:_ -> signature_error(<<"payload_invalid">>, <<"the signed body is not JSON">>)
            end;
        Error ->
            Error
    end.

model_of(<<"group.", _/binary>>) -> {group, 'GroupNotification'};
model_of(_) -> {payment, 'PaymentNotification'}.

-spec verify_signature(binary(), binary() | undefined, binary(), payee:verify_options()) -> ok | {error, #payee_error{}}.
verify_signature(_, Header, _, _) when Header =:= undefined; Header =:= <<>> ->
    signature_error(<<"signature_missing">>, <<"no Payee-Signature header">>);
verify_signature(RawBody, Header, Secret, Options) when is_binary(Secret), Secret =/= <<>> ->
    Parts = [list_to_tuple([string:trim(P) || P <- string:split(Part, "=")]) || Part <- binary:split(Header, <<",">>, [global])],
    Ts = [T || {<<"t">>, T} <- Parts],
    Signatures = [S || {<<"v1">>, S} <- Parts],
    Tolerance = maps:get(tolerance_s, Options, ?DEFAULT_TOLERANCE_S),
    Now = maps:get(now, Options, erlang:system_time(second)),
    case {unix_seconds(Ts), Signatures} of
        {error, _} ->
            signature_error(<<"signature_malformed">>, <<"Payee-Signature has no valid t=<unix seconds>">>);
        {_, []} ->
            signature_error(<<"signature_malformed">>, <<"Payee-Signature has no v1 signature">>);
        {{_, Seconds}, _} when abs(Now - Seconds) > Tolerance ->
            signature_error(<<"timestamp_outside_tolerance">>,
                iolist_to_binary(io_lib:format("Payee-Signature t is ~p s from now, more than the ~p s allowed", [abs(Now - Seconds), Tolerance])));
        {{T, _}, _} ->
            Expected = hmac(Secret, T, RawBody),
            %% Every candidate is compared (no early exit), each in constant time.
            case lists:foldl(fun(S, Matched) -> equal(Expected, hex(S)) or Matched end, false, Signatures) of
                true -> ok;
                false -> signature_error(<<"signature_mismatch">>, <<"no v1 signature matches the body and secret">>)
            end
    end.

%% @doc The Payee-Signature header payee would send for this body at time T: for testing your endpoint.
-spec signature_header(binary(), binary(), non_neg_integer()) -> binary().
signature_header(RawBody, Secret, T) ->
    Text = integer_to_binary(T),
    <<"t=", Text/binary, ",v1=", (string:lowercase(binary:encode_hex(hmac(Secret, Text, RawBody))))/binary>>.

unix_seconds([T | _]) ->
    case re:run(T, "^[0-9]{1,15}$", [{capture, none}]) of
        match -> {T, binary_to_integer(T)};
        nomatch -> error
    end;
unix_seconds([]) ->
    error.

hmac(Secret, T, Body) ->
    crypto:mac(hmac, sha256, Secret, [T, $., Body]).

%% A v1 that is not 64 hex digits can match nothing.
hex(S) when byte_size(S) =:= 64 ->
    try binary:decode_hex(S) catch _:_ -> <<>> end;
hex(_) ->
    <<>>.

equal(A, B) when byte_size(A) =:= byte_size(B) -> crypto:hash_equals(A, B);
equal(_, _) -> false.

signature_error(Code, Message) ->
    {error, #payee_error{kind = signature, code = Code, message = Message}}.
