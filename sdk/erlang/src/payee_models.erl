%% @doc The API's models, as docs/openapi.json has them: each model's fields, their enum values,
%% nested objects and lists. Replies are decoded through this table into maps with snake_case atom
%% keys (`payNo' -> `pay_no') and enum values as atoms (`<<"PARTIALLY_REFUNDED">>' ->
%% `partially_refunded', `<<"payId">>' -> `pay_id'); parameters are encoded back. A field or value the table does not know
%% (added to the API later) is kept as it came, with its binary key: no atom is made from input.
%% payee_contract_tests holds this table to manifest.json, and `npm run sdk:contract' holds the
%% manifest to the document.
-module(payee_models).

-export([fields/1, decode/2, encode/2, key/1, models/0]).

-define(METHODS, [<<"alipay.app">>, <<"alipay.page">>, <<"alipay.qr">>, <<"alipay.wap">>, <<"balance.transfer">>, <<"paypal.checkout">>, <<"unionpay.app">>, <<"unionpay.web">>, <<"wechat.app">>, <<"wechat.h5">>, <<"wechat.jsapi">>, <<"wechat.native">>]).
-define(PAYMENT_STATUSES, [<<"CLOSED">>, <<"CREATED">>, <<"FAILED">>, <<"PARTIALLY_REFUNDED">>, <<"PENDING">>, <<"REFUNDED">>, <<"SUCCEEDED">>]).
-define(ACTION_TYPES, [<<"app_params">>, <<"form">>, <<"jsapi_params">>, <<"qr_code">>, <<"redirect">>]).
-define(PROVIDER_STATUSES, [<<"CLOSED">>, <<"NOT_FOUND">>, <<"PENDING">>, <<"REFUNDED">>, <<"SUCCEEDED">>]).
-define(GROUP_MODES, [<<"batch">>, <<"combined">>]).
-define(GROUP_STATUSES, [<<"closed">>, <<"mixed">>, <<"open">>, <<"paid">>, <<"partially_paid">>]).

-type spec() :: value | {enum, [binary()]} | {object, [{binary(), spec()}]} | {list, spec()} | atom().

%% @doc Every model of the table: a component of the document, or `<operationId>.query'.
-spec models() -> [atom()].
models() ->
    ['Account', 'AccountBalance', 'AccountList', 'CreateAccountRequest', 'CreateGroupRequest', 'CreatePaymentRequest', 'CreateRefundRequest', 'DailyReport', 'Error', 'FlowList', 'Group', 'GroupList', 'GroupNotification', 'GroupSyncResult', 'Notification', 'NotificationList', 'Payment', 'PaymentEventList', 'PaymentList', 'PaymentNotification', 'ReconciliationList', 'Refund', 'RefundList', 'SyncResult', 'getAccountBalance.query', 'getDailyReport.query', 'getReconciliation.query', 'listAccountFlows.query', 'listAccounts.query', 'listGroups.query', 'listPayments.query'].

%% @doc A model's fields: `value' (kept as decoded), an enum, an inline object, a list, or another model by name.
-spec fields(atom()) -> [{binary(), spec()}].
fields('Account') ->
  [
    {<<"accountId">>, value},
    {<<"balance">>, {object, [
        {<<"available">>, value},
        {<<"pendingCredits">>, value},
        {<<"pendingDebits">>, value},
        {<<"pendingIncoming">>, value},
        {<<"pendingOutgoing">>, value},
        {<<"posted">>, value},
        {<<"postedCredits">>, value},
        {<<"postedDebits">>, value}
    ]}},
    {<<"createdAt">>, value},
    {<<"currency">>, value},
    {<<"name">>, value},
    {<<"overdraftLimit">>, value},
    {<<"shards">>, value},
    {<<"type">>, {enum, [<<"asset">>, <<"liability">>]}}
  ];
fields('AccountBalance') ->
  [
    {<<"accountId">>, value},
    {<<"at">>, value},
    {<<"currency">>, value},
    {<<"posted">>, value}
  ];
fields('AccountList') ->
  [
    {<<"data">>, {list, 'Account'}},
    {<<"nextCursor">>, value}
  ];
fields('CreateAccountRequest') ->
  [
    {<<"currency">>, value},
    {<<"name">>, value},
    {<<"overdraftLimit">>, value},
    {<<"shards">>, value},
    {<<"type">>, {enum, [<<"asset">>, <<"liability">>]}}
  ];
fields('CreateGroupRequest') ->
  [
    {<<"expiresIn">>, value},
    {<<"members">>, {list, {object, [
        {<<"amount">>, value},
        {<<"currency">>, value},
        {<<"details">>, {list, {object, [
            {<<"accountOut">>, value},
            {<<"accountRec">>, value},
            {<<"amount">>, value},
            {<<"memo">>, value}
        ]}}},
        {<<"metadata">>, value},
        {<<"method">>, {enum, ?METHODS}},
        {<<"orderAmount">>, value},
        {<<"outTradeNo">>, value},
        {<<"payId">>, value},
        {<<"subject">>, value}
    ]}}},
    {<<"metadata">>, value},
    {<<"method">>, {enum, ?METHODS}},
    {<<"mode">>, {enum, ?GROUP_MODES}},
    {<<"notifyUrl">>, value},
    {<<"payId">>, value},
    {<<"payer">>, {object, [
        {<<"clientIp">>, value},
        {<<"openid">>, value}
    ]}},
    {<<"returnUrl">>, value},
    {<<"scene">>, value}
  ];
fields('CreatePaymentRequest') ->
  [
    {<<"amount">>, value},
    {<<"currency">>, value},
    {<<"details">>, {list, {object, [
        {<<"accountOut">>, value},
        {<<"accountRec">>, value},
        {<<"amount">>, value},
        {<<"memo">>, value}
    ]}}},
    {<<"expiresIn">>, value},
    {<<"metadata">>, value},
    {<<"method">>, {enum, ?METHODS}},
    {<<"notifyUrl">>, value},
    {<<"orderAmount">>, value},
    {<<"outTradeNo">>, value},
    {<<"payId">>, value},
    {<<"payer">>, {object, [
        {<<"clientIp">>, value},
        {<<"openid">>, value}
    ]}},
    {<<"returnUrl">>, value},
    {<<"scene">>, value},
    {<<"subject">>, value}
  ];
fields('CreateRefundRequest') ->
  [
    {<<"amount">>, value},
    {<<"reason">>, value}
  ];
fields('DailyReport') ->
  [
    {<<"data">>, {list, {object, [
        {<<"averageTicket">>, value},
        {<<"callbackLatency">>, {object, [
            {<<"count">>, value},
            {<<"p50Ms">>, value},
            {<<"p95Ms">>, value}
        ]}},
        {<<"closed">>, {object, [
            {<<"amount">>, value},
            {<<"count">>, value}
        ]}},
        {<<"created">>, {object, [
            {<<"amount">>, value},
            {<<"count">>, value}
        ]}},
        {<<"currency">>, value},
        {<<"day">>, value},
        {<<"failed">>, {object, [
            {<<"amount">>, value},
            {<<"count">>, value}
        ]}},
        {<<"group">>, value},
        {<<"refunded">>, {object, [
            {<<"amount">>, value},
            {<<"count">>, value}
        ]}},
        {<<"succeeded">>, {object, [
            {<<"amount">>, value},
            {<<"count">>, value}
        ]}},
        {<<"successRate">>, value},
        {<<"timeToPay">>, {object, [
            {<<"count">>, value},
            {<<"p50Ms">>, value},
            {<<"p95Ms">>, value}
        ]}}
    ]}}},
    {<<"from">>, value},
    {<<"groupBy">>, {enum, [<<"channel">>, <<"currency">>, <<"method">>, <<"payId">>]}},
    {<<"to">>, value}
  ];
fields('Error') ->
  [
    {<<"error">>, {object, [
        {<<"code">>, value},
        {<<"message">>, value},
        {<<"param">>, value},
        {<<"payNo">>, value},
        {<<"requestId">>, value},
        {<<"type">>, {enum, [<<"authentication">>, <<"conflict">>, <<"idempotency">>, <<"internal">>, <<"invalid_request">>, <<"not_found">>, <<"provider">>, <<"unavailable">>]}}
    ]}}
  ];
fields('FlowList') ->
  [
    {<<"data">>, {list, {object, [
        {<<"accountOut">>, value},
        {<<"accountRec">>, value},
        {<<"amount">>, value},
        {<<"at">>, value},
        {<<"currency">>, value},
        {<<"direction">>, {enum, [<<"credit">>, <<"debit">>]}},
        {<<"flowId">>, value},
        {<<"kind">>, {enum, [<<"pending">>, <<"post">>, <<"posted">>, <<"void">>]}},
        {<<"line">>, value},
        {<<"memo">>, value},
        {<<"payNo">>, value},
        {<<"pendingFlowId">>, value},
        {<<"refundNo">>, value}
    ]}}},
    {<<"nextCursor">>, value}
  ];
fields('Group') ->
  [
    {<<"action">>, {object, [
        {<<"type">>, {enum, ?ACTION_TYPES}},
        {<<"value">>, value}
    ]}},
    {<<"createdAt">>, value},
    {<<"groupNo">>, value},
    {<<"memberCount">>, value},
    {<<"members">>, {list, {object, [
        {<<"error">>, {object, [
            {<<"code">>, value},
            {<<"message">>, value}
        ]}},
        {<<"outTradeNo">>, value},
        {<<"payNo">>, value},
        {<<"payment">>, 'Payment'}
    ]}}},
    {<<"metadata">>, value},
    {<<"method">>, value},
    {<<"mode">>, {enum, ?GROUP_MODES}},
    {<<"notifyUrl">>, value},
    {<<"status">>, {enum, ?GROUP_STATUSES}},
    {<<"updatedAt">>, value}
  ];
fields('GroupList') ->
  [
    {<<"data">>, {list, {object, [
        {<<"createdAt">>, value},
        {<<"groupNo">>, value},
        {<<"memberCount">>, value},
        {<<"metadata">>, value},
        {<<"method">>, value},
        {<<"mode">>, {enum, ?GROUP_MODES}},
        {<<"notifyUrl">>, value},
        {<<"status">>, {enum, ?GROUP_STATUSES}},
        {<<"updatedAt">>, value}
    ]}}},
    {<<"nextCursor">>, value}
  ];
fields('GroupNotification') ->
  [
    {<<"createdAt">>, value},
    {<<"data">>, 'Group'},
    {<<"id">>, value},
    {<<"type">>, value}
  ];
fields('GroupSyncResult') ->
  [
    {<<"group">>, 'Group'},
    {<<"members">>, {list, {object, [
        {<<"error">>, {object, [
            {<<"code">>, value},
            {<<"message">>, value}
        ]}},
        {<<"eventId">>, value},
        {<<"payNo">>, value},
        {<<"provider">>, {enum, ?PROVIDER_STATUSES}}
    ]}}}
  ];
fields('Notification') ->
  [
    {<<"attempts">>, {list, {object, [
        {<<"at">>, value},
        {<<"error">>, value},
        {<<"latencyMs">>, value},
        {<<"n">>, value},
        {<<"statusCode">>, value}
    ]}}},
    {<<"createdAt">>, value},
    {<<"nextAttemptAt">>, value},
    {<<"notificationId">>, value},
    {<<"payNo">>, value},
    {<<"status">>, {enum, [<<"DELIVERED">>, <<"FAILED">>, <<"PENDING">>]}},
    {<<"type">>, value},
    {<<"updatedAt">>, value},
    {<<"url">>, value}
  ];
fields('NotificationList') ->
  [
    {<<"data">>, {list, 'Notification'}}
  ];
fields('Payment') ->
  [
    {<<"action">>, {object, [
        {<<"type">>, {enum, ?ACTION_TYPES}},
        {<<"value">>, value}
    ]}},
    {<<"amount">>, value},
    {<<"channel">>, value},
    {<<"createdAt">>, value},
    {<<"currency">>, value},
    {<<"details">>, {list, {object, [
        {<<"accountOut">>, value},
        {<<"accountRec">>, value},
        {<<"amount">>, value},
        {<<"memo">>, value}
    ]}}},
    {<<"expiresAt">>, value},
    {<<"failure">>, {object, [
        {<<"code">>, value},
        {<<"message">>, value}
    ]}},
    {<<"metadata">>, value},
    {<<"method">>, value},
    {<<"notifyUrl">>, value},
    {<<"orderAmount">>, value},
    {<<"outTradeNo">>, value},
    {<<"paidAt">>, value},
    {<<"payId">>, value},
    {<<"payNo">>, value},
    {<<"providerTradeNo">>, value},
    {<<"refundableAmount">>, value},
    {<<"returnUrl">>, value},
    {<<"status">>, {enum, ?PAYMENT_STATUSES}},
    {<<"subject">>, value},
    {<<"updatedAt">>, value}
  ];
fields('PaymentEventList') ->
  [
    {<<"data">>, {list, {object, [
        {<<"amount">>, value},
        {<<"channel">>, value},
        {<<"currency">>, value},
        {<<"eventId">>, value},
        {<<"fromStatus">>, {enum, ?PAYMENT_STATUSES}},
        {<<"notifiedAt">>, value},
        {<<"outcome">>, {enum, [<<"applied">>, <<"ignored">>]}},
        {<<"paidAt">>, value},
        {<<"providerStatus">>, value},
        {<<"providerTradeNo">>, value},
        {<<"reason">>, value},
        {<<"recordedAt">>, value},
        {<<"status">>, {enum, ?PAYMENT_STATUSES}},
        {<<"toStatus">>, {enum, ?PAYMENT_STATUSES}}
    ]}}}
  ];
fields('PaymentList') ->
  [
    {<<"data">>, {list, 'Payment'}},
    {<<"nextCursor">>, value}
  ];
fields('PaymentNotification') ->
  [
    {<<"createdAt">>, value},
    {<<"data">>, 'Payment'},
    {<<"id">>, value},
    {<<"type">>, value}
  ];
fields('ReconciliationList') ->
  [
    {<<"data">>, {list, {object, [
        {<<"channel">>, value},
        {<<"checkedAt">>, value},
        {<<"day">>, value},
        {<<"differences">>, {list, {object, [
            {<<"kind">>, {enum, [<<"amount_differs">>, <<"ledger_differs">>, <<"missing_at_provider">>, <<"missing_locally">>, <<"status_differs">>]}},
            {<<"ledger">>, {object, [
                {<<"posted">>, value}
            ]}},
            {<<"local">>, {object, [
                {<<"amount">>, value},
                {<<"currency">>, value},
                {<<"paidAt">>, value},
                {<<"refundedAmount">>, value},
                {<<"status">>, value}
            ]}},
            {<<"payNo">>, value},
            {<<"provider">>, {object, [
                {<<"amount">>, value},
                {<<"at">>, value},
                {<<"currency">>, value},
                {<<"refundedAmount">>, value},
                {<<"status">>, value}
            ]}},
            {<<"providerTradeNo">>, value}
        ]}}},
        {<<"ledger">>, {object, [
            {<<"paid">>, value},
            {<<"payments">>, value},
            {<<"posted">>, value},
            {<<"statement">>, value}
        ]}},
        {<<"localPayments">>, value},
        {<<"payId">>, value},
        {<<"statementLines">>, value}
    ]}}},
    {<<"day">>, value}
  ];
fields('Refund') ->
  [
    {<<"amount">>, value},
    {<<"createdAt">>, value},
    {<<"currency">>, value},
    {<<"failure">>, {object, [
        {<<"code">>, value},
        {<<"message">>, value}
    ]}},
    {<<"payNo">>, value},
    {<<"providerRefundNo">>, value},
    {<<"reason">>, value},
    {<<"refundNo">>, value},
    {<<"status">>, {enum, [<<"FAILED">>, <<"PENDING">>, <<"PROCESSING">>, <<"SUCCEEDED">>]}},
    {<<"updatedAt">>, value}
  ];
fields('RefundList') ->
  [
    {<<"data">>, {list, 'Refund'}}
  ];
fields('SyncResult') ->
  [
    {<<"eventId">>, value},
    {<<"payment">>, 'Payment'},
    {<<"provider">>, {object, [
        {<<"amount">>, value},
        {<<"currency">>, value},
        {<<"paidAt">>, value},
        {<<"providerStatus">>, value},
        {<<"providerTradeNo">>, value},
        {<<"status">>, {enum, ?PROVIDER_STATUSES}}
    ]}},
    {<<"refunds">>, {list, {object, [
        {<<"outcome">>, {enum, [<<"failed">>, <<"processing">>, <<"resubmitted">>, <<"settled">>, <<"succeeded">>, <<"unavailable">>]}},
        {<<"refundNo">>, value}
    ]}}}
  ];
fields('getAccountBalance.query') ->
  [
    {<<"at">>, value}
  ];
fields('getDailyReport.query') ->
  [
    {<<"companyId">>, value},
    {<<"from">>, value},
    {<<"groupBy">>, value},
    {<<"to">>, value}
  ];
fields('getReconciliation.query') ->
  [
    {<<"companyId">>, value},
    {<<"day">>, value},
    {<<"payId">>, value}
  ];
fields('listAccountFlows.query') ->
  [
    {<<"cursor">>, value},
    {<<"limit">>, value}
  ];
fields('listAccounts.query') ->
  [
    {<<"cursor">>, value},
    {<<"limit">>, value}
  ];
fields('listGroups.query') ->
  [
    {<<"cursor">>, value},
    {<<"limit">>, value}
  ];
fields('listPayments.query') ->
  [
    {<<"companyId">>, value},
    {<<"createdFrom">>, value},
    {<<"createdTo">>, value},
    {<<"cursor">>, value},
    {<<"limit">>, value},
    {<<"outTradeNo">>, value}
  ].

%% @doc A reply's JSON (jiffy's maps) as the model's map: known keys as snake_case atoms, enum values as atoms.
-spec decode(atom() | spec(), term()) -> term().
decode(_, null) ->
    undefined;
decode(value, Value) ->
    Value;
decode({enum, Values}, Value) when is_binary(Value) ->
    case lists:member(Value, Values) of
        true -> enum_atom(Value);
        false -> Value
    end;
decode({list, Spec}, Values) when is_list(Values) ->
    [decode(Spec, V) || V <- Values];
decode({object, Fields}, Map) when is_map(Map) ->
    maps:fold(
        fun(Name, Value, Acc) ->
            case lists:keyfind(Name, 1, Fields) of
                {Name, Spec} -> Acc#{key(Name) => decode(Spec, Value)};
                false -> Acc#{Name => Value}
            end
        end,
        #{},
        Map
    );
decode(Model, Value) when is_atom(Model) ->
    decode({object, fields(Model)}, Value);
decode(_, Value) ->
    Value.

%% @doc A map of the model (atom or binary keys, enum values as atoms or binaries) as JSON for jiffy.
-spec encode(atom() | spec(), term()) -> term().
encode(_, undefined) ->
    null;
encode({enum, Values}, Value) when is_atom(Value) ->
    case [V || V <- Values, enum_atom(V) =:= Value] of
        [V | _] -> V;
        [] -> atom_to_binary(Value, utf8)
    end;
encode({list, Spec}, Values) when is_list(Values) ->
    [encode(Spec, V) || V <- Values];
encode({object, Fields}, Map) when is_map(Map) ->
    maps:fold(
        fun
            (_, undefined, Acc) ->
                Acc;
            (Key, Value, Acc) ->
                Name = json_name(Key),
                case lists:keyfind(Name, 1, Fields) of
                    {Name, Spec} -> Acc#{Name => encode(Spec, Value)};
                    false -> Acc#{Name => Value}
                end
        end,
        #{},
        Map
    );
encode(Model, Value) when is_atom(Model), Model =/= value ->
    encode({object, fields(Model)}, Value);
encode(_, Value) ->
    Value.

%% @doc The atom of an API field name: `outTradeNo' -> `out_trade_no'.
-spec key(binary()) -> atom().
key(Name) ->
    binary_to_atom(iolist_to_binary(snake(binary_to_list(Name))), utf8).

snake([C | Rest]) when C >= $A, C =< $Z -> [$_, C + 32 | snake(Rest)];
snake([C | Rest]) -> [C | snake(Rest)];
snake([]) -> [].

camel([$_, C | Rest]) when C >= $a, C =< $z -> [C - 32 | camel(Rest)];
camel([C | Rest]) -> [C | camel(Rest)];
camel([]) -> [].

json_name(Key) when is_atom(Key) -> list_to_binary(camel(atom_to_list(Key)));
json_name(Key) when is_binary(Key) -> Key.

%% An enum value's atom: upper-case values lower-cased (`PARTIALLY_REFUNDED' -> `partially_refunded'),
%% camelCase ones as keys are (`payId' -> `pay_id').
enum_atom(Value) ->
    case string:uppercase(Value) of
        Value -> binary_to_atom(string:lowercase(Value), utf8);
        _ -> key(Value)
    end.
