%% @doc HTTP/1.1 requests over gen_tcp or ssl, responses parsed by OTP's own HTTP packet decoder
%% ({packet, http_bin}), connections kept alive in payee_pool.
%%
%% Not httpc: httpc resends a request answered 503 with a Retry-After of up to 99 s by itself, with
%% no option to turn that off (httpc_response:status_service_unavailable/2 in OTP's inets). payee
%% answers 503 provider_unavailable and service_unavailable with Retry-After, so under httpc the
%% SDK's retry rules (max_retries, the 60 s Retry-After cap, retries off) could not hold, and the
%% caller could never see those errors.
-module(payee_http_client).

-export([request/5]).

-type response() :: {ok, pos_integer(), [{binary(), binary()}], binary()} | {error, term()}.

%% @doc One request, no retry: `{ok, Status, Headers, Body}' (header names lower case) or
%% `{error, Reason}' (`timeout', `{stale, _}' for a kept-alive connection the server had closed,
%% or what connecting failed with).
-spec request(get | post, binary(), [{string(), iodata()}], iodata() | undefined, pos_integer()) -> response().
request(Method, Url, Headers, Body, TimeoutMs) ->
    Deadline = erlang:monotonic_time(millisecond) + TimeoutMs,
    #{scheme := Scheme, host := Host} = Uri = uri_string:parse(Url),
    Port = maps:get(port, Uri, default_port(Scheme)),
    Target = case maps:get(query, Uri, <<>>) of
        <<>> -> maps:get(path, Uri, <<"/">>);
        Query -> [maps:get(path, Uri, <<"/">>), $?, Query]
    end,
    Key = {Scheme, Host, Port},
    Payload = iolist_to_binary(
        [string:uppercase(atom_to_list(Method)), $\s, Target, " HTTP/1.1\r\n",
         "host: ", Host, $:, integer_to_list(Port), "\r\n",
         [[Name, ": ", Value, "\r\n"] || {Name, Value} <- Headers],
         case Body of undefined -> []; _ -> ["content-length: ", integer_to_list(iolist_size(Body)), "\r\n"] end,
         "\r\n", case Body of undefined -> []; _ -> Body end]),
    case payee_pool:checkout(Key) of
        {ok, Socket} ->
            %% A kept-alive connection may have been closed by the server meanwhile: say so (stale).
            case exchange(Socket, Payload, Deadline) of
                {error, Reason} when Reason =/= timeout -> {error, {stale, Reason}};
                Result -> finish(Key, Socket, Result)
            end;
        none ->
            case connect(Scheme, Host, Port, Deadline) of
                {ok, Socket} -> finish(Key, Socket, exchange(Socket, Payload, Deadline));
                {error, _} = Error -> Error
            end
    end.

finish(Key, Socket, {ok, Status, Headers, Body, KeepAlive}) ->
    case KeepAlive of
        true -> payee_pool:checkin(Key, Socket);
        false -> close(Socket)
    end,
    {ok, Status, Headers, Body};
finish(_, Socket, {error, _} = Error) ->
    close(Socket),
    Error.

connect(Scheme, Host, Port, Deadline) ->
    Options = [binary, {active, false}, {packet, raw}, {nodelay, true}],
    Address = binary_to_list(Host),
    case Scheme of
        <<"http">> -> gen_tcp:connect(Address, Port, Options, remaining(Deadline));
        <<"https">> ->
            TlsOptions = [{verify, verify_peer}, {cacerts, public_key:cacerts_get()}, {server_name_indication, Address},
                          {customize_hostname_check, [{match_fun, public_key:pkix_verify_hostname_match_fun(https)}]}],
            case ssl:connect(Address, Port, Options ++ TlsOptions, remaining(Deadline)) of
                {ok, Socket} -> {ok, {ssl, Socket}};
                Error -> Error
            end
    end.

exchange(Socket, Payload, Deadline) ->
    case send(Socket, Payload) of
        ok ->
            ok = setopts(Socket, [{packet, http_bin}]),
            status(Socket, Deadline);
        Error ->
            Error
    end.

status(Socket, Deadline) ->
    case recv(Socket, 0, Deadline) of
        {ok, {http_response, _, 100, _}} -> skip_headers(Socket, Deadline), status(Socket, Deadline);
        {ok, {http_response, {1, Minor}, Status, _}} -> headers(Socket, Deadline, Status, Minor >= 1, []);
        {ok, Other} -> {error, {bad_response, Other}};
        Error -> Error
    end.

skip_headers(Socket, Deadline) ->
    case recv(Socket, 0, Deadline) of
        {ok, http_eoh} -> ok;
        {ok, _} -> skip_headers(Socket, Deadline);
        Error -> Error
    end.

headers(Socket, Deadline, Status, KeepAlive, Acc) ->
    case recv(Socket, 0, Deadline) of
        {ok, {http_header, _, Name, _, Value}} ->
            headers(Socket, Deadline, Status, KeepAlive, [{string:lowercase(name(Name)), Value} | Acc]);
        {ok, http_eoh} ->
            ok = setopts(Socket, [{packet, raw}]),
            Headers = lists:reverse(Acc),
            Connection = string:lowercase(proplists:get_value(<<"connection">>, Headers, <<>>)),
            Keep = (KeepAlive andalso Connection =/= <<"close">>) orelse Connection =:= <<"keep-alive">>,
            case body(Socket, Deadline, Headers) of
                {ok, Body} -> {ok, Status, Headers, Body, Keep};
                Error -> Error
            end;
        {ok, Other} ->
            {error, {bad_header, Other}};
        Error ->
            Error
    end.

body(Socket, Deadline, Headers) ->
    case {proplists:get_value(<<"content-length">>, Headers), string:lowercase(proplists:get_value(<<"transfer-encoding">>, Headers, <<>>))} of
        {_, <<"chunked">>} -> chunks(Socket, Deadline, []);
        {undefined, _} -> {ok, <<>>};
        {<<"0">>, _} -> {ok, <<>>};
        {Length, _} -> recv(Socket, binary_to_integer(Length), Deadline)
    end.

chunks(Socket, Deadline, Acc) ->
    ok = setopts(Socket, [{packet, line}]),
    case recv(Socket, 0, Deadline) of
        {ok, Line} ->
            [SizeText | _] = binary:split(string:trim(Line), <<";">>),
            ok = setopts(Socket, [{packet, raw}]),
            case binary_to_integer(SizeText, 16) of
                0 -> trailer(Socket, Deadline, iolist_to_binary(lists:reverse(Acc)));
                Size ->
                    case recv(Socket, Size + 2, Deadline) of
                        {ok, <<Chunk:Size/binary, "\r\n">>} -> chunks(Socket, Deadline, [Chunk | Acc]);
                        {ok, _} -> {error, bad_chunk};
                        Error -> Error
                    end
            end;
        Error ->
            Error
    end.

trailer(Socket, Deadline, Body) ->
    ok = setopts(Socket, [{packet, line}]),
    case recv(Socket, 0, Deadline) of
        {ok, <<"\r\n">>} -> ok = setopts(Socket, [{packet, raw}]), {ok, Body};
        {ok, _} -> trailer(Socket, Deadline, Body);
        Error -> Error
    end.

name(Name) when is_atom(Name) -> atom_to_binary(Name, utf8);
name(Name) -> Name.

remaining(Deadline) -> max(0, Deadline - erlang:monotonic_time(millisecond)).

send({ssl, S}, Data) -> ssl:send(S, Data);
send(S, Data) -> gen_tcp:send(S, Data).

recv({ssl, S}, Length, Deadline) -> ssl:recv(S, Length, remaining(Deadline));
recv(S, Length, Deadline) -> gen_tcp:recv(S, Length, remaining(Deadline)).

setopts({ssl, S}, Options) -> ssl:setopts(S, Options);
setopts(S, Options) -> inet:setopts(S, Options).

close({ssl, S}) -> ssl:close(S);
close(S) -> gen_tcp:close(S).

default_port(<<"https">>) -> 443;
default_port(_) -> 80.
