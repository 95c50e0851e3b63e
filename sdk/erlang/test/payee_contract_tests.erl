%% manifest.json is true of the code. `npm run sdk:contract' holds the manifest to
%% docs/openapi.json; these tests hold payee_models' table, the exported functions, the error kinds
%% and codes and the versions to the manifest, so a change of the document that the SDK does not
%% follow fails one check or the other.
-module(payee_contract_tests).

-include_lib("eunit/include/eunit.hrl").
-include("payee.hrl").

manifest() ->
    {ok, Text} = file:read_file("manifest.json"),
    jiffy:decode(Text, [return_maps]).

%% The manifest's lines for a model of the table: `a', `a.b', `list[].c', `status: A|B', `data: Payment[]'.
lines(Model) ->
    lists:sort(lines(payee_models:fields(Model), <<>>)).

lines(Fields, Prefix) ->
    lists:flatmap(fun({Name, Spec}) -> line(<<Prefix/binary, Name/binary>>, Spec) end, Fields).

line(Path, value) -> [Path];
line(Path, {enum, Values}) -> [<<Path/binary, ": ", (iolist_to_binary(lists:join("|", lists:sort(Values))))/binary>>];
line(Path, {object, Fields}) -> [Path | lines(Fields, <<Path/binary, ".">>)];
line(Path, {list, {object, Fields}}) -> [Path | lines(Fields, <<Path/binary, "[].">>)];
line(Path, {list, Model}) when is_atom(Model), Model =/= value -> [<<Path/binary, ": ", (atom_to_binary(Model, utf8))/binary, "[]">>];
line(Path, {list, Spec}) -> line(Path, Spec);
line(Path, Model) when is_atom(Model) -> [<<Path/binary, ": ", (atom_to_binary(Model, utf8))/binary>>].

every_model_of_the_manifest_is_the_tables_test() ->
    Models = maps:get(<<"models">>, manifest()),
    ?assertEqual(lists:sort(maps:keys(Models)), lists:sort([atom_to_binary(M, utf8) || M <- payee_models:models()])),
    [?assertEqual({Name, lists:sort([iolist_to_binary(string:replace(L, <<" (required)">>, <<>>, all)) || L <- Lines])},
                  {Name, lines(binary_to_atom(Name, utf8))})
     || {Name, Lines} <- maps:to_list(Models)].

a_reply_decodes_through_the_table_and_encodes_back_test() ->
    Json = #{<<"payNo">> => <<"P1">>, <<"status">> => <<"PARTIALLY_REFUNDED">>, <<"failure">> => #{<<"code">> => <<"c">>, <<"message">> => <<"m">>},
             <<"details">> => [#{<<"accountOut">> => <<"a">>, <<"accountRec">> => <<"b">>, <<"amount">> => 1}], <<"addedLater">> => 1},
    Decoded = payee_models:decode('Payment', Json),
    ?assertMatch(#{pay_no := <<"P1">>, status := partially_refunded, failure := #{code := <<"c">>},
                   details := [#{account_out := <<"a">>}], <<"addedLater">> := 1}, Decoded),
    ?assertEqual(Json, payee_models:encode('Payment', Decoded)).

every_operations_functions_are_exported_test() ->
    Exported = [Name || {Name, _} <- payee:module_info(exports)],
    [begin
        [Module, Function] = string:split(Spec, ":"),
        ?assertEqual({Operation, <<"payee">>}, {Operation, Module}),
        ?assertEqual({Operation, Function, true}, {Operation, Function, lists:member(binary_to_atom(Function, utf8), Exported)})
     end
     || {Operation, Specs} <- maps:to_list(maps:get(<<"operations">>, manifest())),
        Spec <- string:split(Specs, ", ", all)].

every_error_type_is_its_kind_test() ->
    [begin
        #payee_error{kind = Kind} = payee_http:error_from_reply(400, <<"{\"error\":{\"type\":\"", Type/binary, "\"}}">>, undefined, undefined),
        ?assertEqual(Class, <<"#payee_error{kind = ", (atom_to_binary(Kind, utf8))/binary, "}">>)
     end || {Type, Class} <- maps:to_list(maps:get(<<"errorTypes">>, manifest()))].

error_codes_are_the_manifests_test() ->
    ?assertEqual(lists:sort(maps:get(<<"errorCodes">>, manifest())), lists:sort(payee:error_codes())).

versions_match_the_app_and_the_document_test() ->
    {ok, [{application, payee, App}]} = file:consult("src/payee.app.src"),
    ?assertEqual(payee:version(), proplists:get_value(vsn, App)),
    {ok, Text} = file:read_file("../../docs/openapi.json"),
    ?assertEqual(list_to_binary(payee:api_version()), maps:get(<<"version">>, maps:get(<<"info">>, jiffy:decode(Text, [return_maps])))).
