%% Notification signatures against every vector of docs/vectors/notification-signature.json.
-module(payee_webhook_tests).

-include_lib("eunit/include/eunit.hrl").
-include("payee.hrl").

vectors() ->
    {ok, Text} = file:read_file("../../docs/vectors/notification-signature.json"),
    maps:get(<<"vectors">>, jiffy:decode(Text, [return_maps])).

code({error, #payee_error{kind = signature, code = Code}}) -> Code.

every_vector_verifies_and_its_header_is_remade_test() ->
    Vectors = vectors(),
    ?assert(length(Vectors) >= 4),
    [begin
        #{<<"body">> := Body, <<"header">> := Header, <<"secret">> := Secret, <<"t">> := T} = V,
        ?assertEqual(ok, payee:verify_signature(Body, Header, Secret, #{now => T})),
        ?assertEqual(Header, payee:signature_header(Body, Secret, T))
     end || V <- Vectors].

stale_tampered_or_another_secret_is_refused_test() ->
    [begin
        #{<<"body">> := Body, <<"header">> := Header, <<"secret">> := Secret, <<"t">> := T} = V,
        ?assertEqual(<<"timestamp_outside_tolerance">>, code(payee:verify_signature(Body, Header, Secret, #{now => T + 301}))),
        ?assertEqual(ok, payee:verify_signature(Body, Header, Secret, #{now => T + 1000, tolerance_s => 1000})),
        ?assertEqual(<<"signature_mismatch">>, code(payee:verify_signature(<<Body/binary, " ">>, Header, Secret, #{now => T}))),
        ?assertEqual(<<"signature_mismatch">>, code(payee:verify_signature(Body, Header, <<Secret/binary, "x">>, #{now => T})))
     end || V <- vectors()].

any_v1_may_match_and_a_malformed_header_is_refused_test() ->
    [#{<<"body">> := Body, <<"header">> := Header, <<"secret">> := Secret, <<"t">> := T} | _] = vectors(),
    Zeros = binary:copy(<<"0">>, 64),
    Rotated = <<"v0=x,", Header/binary, ",v1=", Zeros/binary, ",v1=zz">>,
    ?assertEqual(ok, payee:verify_signature(Body, Rotated, Secret, #{now => T})),
    ?assertEqual(<<"signature_malformed">>, code(payee:verify_signature(Body, <<"v1=", Zeros/binary>>, Secret, #{now => T}))),
    ?assertEqual(<<"signature_malformed">>, code(payee:verify_signature(Body, <<"t=", (integer_to_binary(T))/binary>>, Secret, #{now => T}))),
    ?assertEqual(<<"signature_missing">>, code(payee:verify_signature(Body, <<>>, Secret, #{now => T}))).

verify_notification_returns_the_decoded_notification_test() ->
    [#{<<"body">> := Body, <<"header">> := Header, <<"secret">> := Secret, <<"t">> := T} | _] = vectors(),
    ?assertMatch({ok, #{kind := payment, type := <<"payment.succeeded">>, data := #{status := succeeded, amount := 1999}}},
                 payee:verify_notification(Body, Header, Secret, #{now => T})),
    [#{<<"header">> := EmptyHeader, <<"secret">> := EmptySecret, <<"t">> := ET}] = [V || #{<<"body">> := <<>>} = V <- vectors()],
    ?assertEqual(<<"payload_invalid">>, code(payee:verify_notification(<<>>, EmptyHeader, EmptySecret, #{now => ET}))).

a_groups_notification_is_tagged_group_with_its_members_test() ->
    [#{<<"body">> := Body, <<"header">> := Header, <<"secret">> := Secret, <<"t">> := T}] = [V || #{<<"name">> := <<"group.paid">>} = V <- vectors()],
    {ok, Notification} = payee:verify_notification(Body, Header, Secret, #{now => T}),
    ?assertMatch(#{kind := group, type := <<"group.paid">>, data := #{group_no := <<"G01KAX9QZW0G8S5T6V7X2Y3Z5C">>, status := paid}}, Notification),
    #{data := #{members := Members}} = Notification,
    ?assertEqual([{<<"P01KAX9QZW0G8S5T6V7X2Y3Z5A">>, succeeded, 1000}, {<<"P01KAX9QZW0G8S5T6V7X2Y3Z5B">>, succeeded, 2500}],
                 [{PayNo, Status, Amount} || #{pay_no := PayNo, payment := #{status := Status, amount := Amount}} <- Members]),
    Tampered = binary:replace(Body, <<"\"amount\":2500">>, <<"\"amount\":2600">>),
    ?assertEqual(<<"signature_mismatch">>, code(payee:verify_notification(Tampered, Header, Secret, #{now => T}))).
