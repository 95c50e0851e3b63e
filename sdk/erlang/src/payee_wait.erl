%% @doc Polls something until it reaches a wanted state, a hopeless one, or the deadline: AWS
%% SDK waiters' shape (max wait, a first delay doubling with jitter up to a max delay).
-module(payee_wait).

-include("payee.hrl").

-export([await/5, delay_ms/3, options/1]).

-type rule() :: #{done := fun((map()) -> boolean()), hopeless := fun((map()) -> boolean())}.

%% @doc The wait options with their defaults: 60 s, 0.5 s, 5 s.
-spec options(payee:wait_options()) -> #{max_wait_ms := pos_integer(), min_delay_ms := pos_integer(), max_delay_ms := pos_integer()}.
options(Options) ->
    maps:merge(#{max_wait_ms => 60000, min_delay_ms => 500, max_delay_ms => 5000}, Options).

%% @doc From `First' (read at `Start', ms), polls until done; a hopeless state is a wait_failed
%% error, the deadline a wait_timeout one, each with the state last seen.
-spec await(payee:client(), integer(), payee:wait_options(), {ok, map()} | {error, #payee_error{}},
            {fun(() -> {ok, map()} | {error, #payee_error{}}), rule()}) ->
    {ok, map()} | {error, #payee_error{}}.
await(Client, Start, Options0, First, {Poll, Rule}) ->
    Options = options(Options0),
    loop(Client, Start + maps:get(max_wait_ms, Options), Options, First, Poll, Rule, 0).

loop(_, _, _, {error, _} = Error, _, _, _) ->
    Error;
loop(Client, Deadline, Options, {ok, Current}, Poll, #{done := Done, hopeless := Hopeless} = Rule, Attempt) ->
    #{now := Now, sleep := Sleep} = maps:get(time, Client),
    Status = maps:get(status, Current, undefined),
    case {Done(Current), Hopeless(Current)} of
        {true, _} ->
            {ok, Current};
        {false, true} ->
            {error, #payee_error{kind = wait_failed, last = Current,
                message = iolist_to_binary(io_lib:format("status ~p cannot reach the wanted status", [Status]))}};
        {false, false} ->
            Remaining = Deadline - Now(),
            case Remaining =< 0 of
                true ->
                    {error, #payee_error{kind = wait_timeout, last = Current,
                        message = iolist_to_binary(io_lib:format("still ~p after ~p ms", [Status, maps:get(max_wait_ms, Options)]))}};
                false ->
                    Sleep(min(delay_ms(Client, Attempt, Options), Remaining)),
                    loop(Client, Deadline, Options, Poll(), Poll, Rule, Attempt + 1)
            end
    end.

%% @doc The attempt-th pause: a random point between min_delay_ms and min(max_delay_ms, min_delay_ms x 2^attempt).
-spec delay_ms(payee:client(), non_neg_integer(), map()) -> non_neg_integer().
delay_ms(#{time := #{rand := Rand}}, Attempt, #{min_delay_ms := Min, max_delay_ms := Max}) ->
    Ceiling = min(Max, Min bsl min(Attempt, 20)),
    Min + trunc((Ceiling - Min) * Rand()).
