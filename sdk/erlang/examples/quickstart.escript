#!/usr/bin/env escript
%%! -pa sdk/erlang/_build/default/lib/payee/ebin
%% The README's quickstart: create a payment, have the local Alipay sandbox pay it, wait until it
%% is paid, refund part of it. Run from the repository's root against `npm start' (README.md).
-include_lib("payee/include/payee.hrl").

main(_) ->
    Payee = payee:client(#{base_url => os:getenv("PAYEE_URL"), api_key => os:getenv("PAYEE_KEY")}),

    {ok, Payment} = payee:create_payment(Payee, #{
        method => 'alipay.qr',
        out_trade_no => iolist_to_binary(["A", integer_to_list(erlang:system_time(millisecond))]),
        subject => <<"T-shirt">>,
        amount => 1999,                 % integer minor units: 19.99 CNY
        currency => <<"CNY">>
    }),
    #{pay_no := PayNo, status := pending, action := #{value := QrCode}} = Payment,
    io:format("~s pending ~s~n", [PayNo, QrCode]),

    %% Play the buyer: pay it in the local Alipay sandbox.
    io:put_chars(os:cmd("npm run --silent sandbox -- pay " ++ binary_to_list(PayNo))),

    Wait = #{max_wait_ms => 30000},
    {ok, #{status := succeeded, paid_at := PaidAt}} = payee:wait_for(Payee, PayNo, [succeeded], Wait),
    io:format("succeeded at ~s~n", [PaidAt]),

    case payee:refund_and_wait(Payee, PayNo, #{amount => 500, reason => <<"size exchange">>}, Wait) of
        {ok, #{refund_no := RefundNo, status := Status}} -> io:format("~s ~p~n", [RefundNo, Status]);
        {error, #payee_error{kind = Kind, message = Message}} -> io:format("refund failed: ~p ~s~n", [Kind, Message])
    end.
