%% Every error a payee call returns, as `{error, #payee_error{}}'.
%%
%% `kind' is the API's error.type (invalid_request, authentication, not_found, conflict,
%% idempotency, provider, unavailable, internal) or, for errors the API did not type: rate_limit
%% (429), api (another non-2xx, e.g. a gateway's 502, or a reply that cannot be read), connection
%% (no answer, a timeout), signature (a notification that does not verify), wait_timeout and
%% wait_failed (a waiter; `last' is the payment or refund last seen).
-record(payee_error, {
    kind :: atom(),
    %% the API's error.type, a binary; undefined when the API gave none
    type :: binary() | undefined,
    %% the API's error.code (payee:error_codes/0), e.g. <<"duplicate_out_trade_no">>
    code :: binary() | undefined,
    message :: binary(),
    %% the request field at fault, e.g. <<"amount">>
    param :: binary() | undefined,
    %% the payment concerned, e.g. the existing one of a duplicate outTradeNo
    pay_no :: binary() | undefined,
    request_id :: binary() | undefined,
    %% the HTTP status; undefined when there was no answer
    status :: pos_integer() | undefined,
    %% what the reply's Retry-After asked, in milliseconds
    retry_after_ms :: non_neg_integer() | undefined,
    %% a waiter's payment or refund as last seen
    last :: map() | undefined
}).
