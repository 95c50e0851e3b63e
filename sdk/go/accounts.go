package payee

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// CreateAccount opens a ledger account, its balances zero. A company whose ledger is not
// switched on gets a conflict, code ledger_disabled.
func (c *Client) CreateAccount(ctx context.Context, req CreateAccountRequest, opts ...Option) (*Account, error) {
	var a Account
	if err := c.call(ctx, http.MethodPost, "/v1/accounts", nil, req, &a, opts); err != nil {
		return nil, err
	}
	return &a, nil
}

// GetAccount reads an account and its balances (its shards added up).
func (c *Client) GetAccount(ctx context.Context, accountID string, opts ...Option) (*Account, error) {
	var a Account
	if err := c.call(ctx, http.MethodGet, accountPath(accountID, ""), nil, nil, &a, opts); err != nil {
		return nil, err
	}
	return &a, nil
}

// ListAccountsPage reads one page of accounts, newest first.
func (c *Client) ListAccountsPage(ctx context.Context, params PageParams, opts ...Option) (*AccountList, error) {
	var page AccountList
	if err := c.call(ctx, http.MethodGet, "/v1/accounts", params.values(), nil, &page, opts); err != nil {
		return nil, err
	}
	return &page, nil
}

// ListAccounts ranges over every account, reading page after page as the loop goes on.
func (c *Client) ListAccounts(ctx context.Context, params PageParams, opts ...Option) iter.Seq2[Account, error] {
	return paged(params.Cursor, func(cursor string) ([]Account, string, error) {
		params.Cursor = cursor
		page, err := c.ListAccountsPage(ctx, params, opts...)
		if err != nil {
			return nil, "", err
		}
		return page.Data, page.NextCursor, nil
	})
}

// ListAccountFlowsPage reads one page of the account's flows (its side of each), newest first.
func (c *Client) ListAccountFlowsPage(ctx context.Context, accountID string, params PageParams, opts ...Option) (*FlowList, error) {
	var page FlowList
	if err := c.call(ctx, http.MethodGet, accountPath(accountID, "/flows"), params.values(), nil, &page, opts); err != nil {
		return nil, err
	}
	return &page, nil
}

// ListAccountFlows ranges over every flow of the account, newest first.
func (c *Client) ListAccountFlows(ctx context.Context, accountID string, params PageParams, opts ...Option) iter.Seq2[Flow, error] {
	return paged(params.Cursor, func(cursor string) ([]Flow, string, error) {
		params.Cursor = cursor
		page, err := c.ListAccountFlowsPage(ctx, accountID, params, opts...)
		if err != nil {
			return nil, "", err
		}
		return page.Data, page.NextCursor, nil
	})
}

// GetAccountBalance reads the account's posted balance now, or as it was at params.At.
func (c *Client) GetAccountBalance(ctx context.Context, accountID string, params AccountBalanceParams, opts ...Option) (*AccountBalance, error) {
	var b AccountBalance
	if err := c.call(ctx, http.MethodGet, accountPath(accountID, "/balance"), params.values(), nil, &b, opts); err != nil {
		return nil, err
	}
	return &b, nil
}

func accountPath(accountID, tail string) string {
	return "/v1/accounts/" + url.PathEscape(accountID) + tail
}
