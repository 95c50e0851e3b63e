%% @doc A real HTTP server on a free local port answering from a script, one reply per request in
%% order, keeping every request it received; and time that passes only when the SDK waits.
-module(payee_test_server).

-export([start/1, url/1, requests/1, stop/1, fake_time/1, delays/1, client/2, client/3]).

%% @doc Starts a server that answers each request with the next of `Script': `{Status, Body}',
%% `{Status, Body, Headers}', `{delay, Ms, Reply}' or `drop' (close without answering).
start(Script) ->
    {ok, Listen} = gen_tcp:listen(0, [binary, {active, false}, {packet, http_bin}, {reuseaddr, true}, {ip, {127, 0, 0, 1}}]),
    {ok, Port} = inet:port(Listen),
    Server = spawn(fun() -> serve(Listen, Script, []) end),
    ok = gen_tcp:controlling_process(Listen, Server),
    Server ! go,
    #{pid => Server, port => Port}.

url(#{port := Port}) -> iolist_to_binary(["http://127.0.0.1:", integer_to_list(Port), "/live"]).

%% @doc Every request so far: #{method, path, headers (lower-case binary names), body}.
requests(#{pid := Pid}) ->
    Pid ! {requests, self()},
    receive {requests, Requests} -> Requests after 5000 -> error(no_server) end.

stop(#{pid := Pid}) -> exit(Pid, kill), ok.

serve(Listen, Script, Seen) ->
    receive
        go -> accept(Listen, Script, Seen)
    end.

accept(Listen, Script, Seen) ->
    case gen_tcp:accept(Listen, 100) of
        {ok, Socket} ->
            Request = read(Socket),
            [Reply | Rest] = case Script of [] -> [{599, <<"{\"unscripted\":true}">>}]; _ -> Script end,
            answer(Socket, Reply),
            accept(Listen, Rest, [Request | Seen]);
        {error, timeout} ->
            receive
                {requests, From} -> From ! {requests, lists:reverse(Seen)}, accept(Listen, Script, Seen)
            after 0 -> accept(Listen, Script, Seen)
            end
    end.

read(Socket) ->
    {ok, {http_request, Method, {abs_path, Path}, _}} = gen_tcp:recv(Socket, 0, 5000),
    Headers = headers(Socket, []),
    ok = inet:setopts(Socket, [{packet, raw}]),
    Body = case proplists:get_value(<<"content-length">>, Headers) of
        undefined -> <<>>;
        <<"0">> -> <<>>;
        Length -> {ok, B} = gen_tcp:recv(Socket, binary_to_integer(Length), 5000), B
    end,
    #{method => Method, path => Path, headers => Headers, body => Body}.

headers(Socket, Acc) ->
    case gen_tcp:recv(Socket, 0, 5000) of
        {ok, {http_header, _, Name, _, Value}} ->
            N = if is_atom(Name) -> atom_to_binary(Name, utf8); true -> Name end,
            headers(Socket, [{string:lowercase(N), Value} | Acc]);
        {ok, http_eoh} -> lists:reverse(Acc)
    end.

answer(Socket, drop) ->
    gen_tcp:close(Socket);
answer(Socket, {delay, Ms, Reply}) ->
    timer:sleep(Ms),
    answer(Socket, Reply);
answer(Socket, {Status, Body}) ->
    answer(Socket, {Status, Body, []});
answer(Socket, {Status, Body, Headers}) ->
    ok = gen_tcp:send(Socket, [
        "HTTP/1.1 ", integer_to_list(Status), " X\r\n",
        "content-type: application/json\r\n",
        "content-length: ", integer_to_list(byte_size(Body)), "\r\n",
        "connection: close\r\n",
        [[Name, ": ", Value, "\r\n"] || {Name, Value} <- Headers],
        "\r\n", Body]),
    gen_tcp:close(Socket).

%% @doc A time for payee:client/1 whose pauses are recorded (delays/1) and move its clock on; rand is fixed.
fake_time(Rand) ->
    Agent = spawn(fun() -> clock(1764028800000, []) end),
    #{
        agent => Agent,
        now => fun() -> Agent ! {now, self()}, receive {now, T} -> T end end,
        sleep => fun(Ms) -> Agent ! {sleep, Ms, self()}, receive slept -> ok end end,
        rand => fun() -> Rand end
    }.

delays(#{agent := Agent}) ->
    Agent ! {delays, self()},
    receive {delays, D} -> D end.

clock(Now, Delays) ->
    receive
        {now, From} -> From ! {now, Now}, clock(Now, Delays);
        {sleep, Ms, From} -> From ! slept, clock(Now + Ms, [Ms | Delays]);
        {delays, From} -> From ! {delays, lists:reverse(Delays)}, clock(Now, Delays)
    end.

client(Server, Time) -> client(Server, Time, #{}).

client(Server, Time, Extra) ->
    payee:client(maps:merge(#{base_url => url(Server), api_key => <<"pk_test">>, time => maps:remove(agent, Time)}, Extra)).
