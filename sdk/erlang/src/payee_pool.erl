%% @doc Idle keep-alive connections to payee, per scheme, host and port. The pool process owns
%% idle sockets (a socket closes with its owner), hands one to the caller that checks it out, and
%% takes it back at check-in; it keeps at most ?MAX_IDLE per host and drops those the server closed.
-module(payee_pool).

-behaviour(gen_server).

-export([ensure_started/0, checkout/1, checkin/2]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

-define(MAX_IDLE, 64).

%% @doc Starts the pool if it is not running (it is not linked to the caller).
-spec ensure_started() -> ok.
ensure_started() ->
    case gen_server:start({local, ?MODULE}, ?MODULE, [], []) of
        {ok, _} -> ok;
        {error, {already_started, _}} -> ok
    end.

%% @doc An idle connection to `Key', now owned by the caller, or `none'.
checkout(Key) ->
    ensure_started(),
    gen_server:call(?MODULE, {checkout, Key, self()}).

%% @doc Gives a connection back after a complete exchange.
checkin(Key, Socket) ->
    case controlling_process(Socket, whereis(?MODULE)) of
        ok -> gen_server:cast(?MODULE, {checkin, Key, Socket});
        _ -> close(Socket)
    end.

init([]) ->
    {ok, #{}}.

handle_call({checkout, Key, Caller}, _, Idle) ->
    {Socket, Rest} = alive(maps:get(Key, Idle, [])),
    Reply = case Socket of
        none -> none;
        _ -> ok = controlling_process(Socket, Caller), {ok, Socket}
    end,
    {reply, Reply, Idle#{Key => Rest}}.

handle_cast({checkin, Key, Socket}, Idle) ->
    Sockets = maps:get(Key, Idle, []),
    case length(Sockets) >= ?MAX_IDLE of
        true -> close(Socket), {noreply, Idle};
        false -> {noreply, Idle#{Key => [Socket | Sockets]}}
    end.

handle_info(_, Idle) ->
    {noreply, Idle}.

%% The first idle socket the server has not closed (a zero-wait read says so), closing the others.
alive([]) ->
    {none, []};
alive([Socket | Rest]) ->
    case recv_now(Socket) of
        {error, timeout} -> {Socket, Rest};
        _ -> close(Socket), alive(Rest)
    end.

recv_now({ssl, S}) -> ssl:recv(S, 0, 0);
recv_now(S) -> gen_tcp:recv(S, 0, 0).

controlling_process({ssl, S}, Pid) -> ssl:controlling_process(S, Pid);
controlling_process(S, Pid) -> gen_tcp:controlling_process(S, Pid).

close({ssl, S}) -> ssl:close(S);
close(S) -> gen_tcp:close(S).
