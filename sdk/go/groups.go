package payee

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// CreateGroup creates 1-50 payments in one call (POST /v1/groups). In batch mode each member is
// its own payment: one the provider refused has Error instead of Payment, the others stand, and
// the same call again with the same Idempotency-Key (WithIdempotencyKey; the SDK's own retries
// reuse theirs) creates only the missing ones. In combined mode one provider order pays every
// member: show the group's Action to the buyer.
func (c *Client) CreateGroup(ctx context.Context, req CreateGroupRequest, opts ...Option) (*Group, error) {
	var g Group
	if err := c.call(ctx, http.MethodPost, "/v1/groups", nil, req, &g, opts); err != nil {
		return nil, err
	}
	return &g, nil
}

// GetGroup reads a group, its status derived from its members, and every member payment as it
// is now.
func (c *Client) GetGroup(ctx context.Context, groupNo string, opts ...Option) (*Group, error) {
	return c.groupCall(ctx, http.MethodGet, groupNo, "", opts)
}

// ListGroupsPage reads one page of groups (without their members), newest first.
func (c *Client) ListGroupsPage(ctx context.Context, params ListGroupsParams, opts ...Option) (*GroupList, error) {
	var page GroupList
	if err := c.call(ctx, http.MethodGet, "/v1/groups", params.values(), nil, &page, opts); err != nil {
		return nil, err
	}
	return &page, nil
}

// ListGroups ranges over every group, newest first, reading page after page as the loop goes on
// (as ListPayments).
func (c *Client) ListGroups(ctx context.Context, params ListGroupsParams, opts ...Option) iter.Seq2[GroupSummary, error] {
	return paged(params.Cursor, func(cursor string) ([]GroupSummary, string, error) {
		params.Cursor = cursor
		page, err := c.ListGroupsPage(ctx, params, opts...)
		if err != nil {
			return nil, "", err
		}
		return page.Data, page.NextCursor, nil
	})
}

// CloseGroup closes the group's unpaid members at their provider (a combined group: its whole
// provider order): members come back CLOSED, or SUCCEEDED where the buyer paid meanwhile. A group
// with no open member is a conflict, code group_not_closable.
func (c *Client) CloseGroup(ctx context.Context, groupNo string, opts ...Option) (*Group, error) {
	return c.groupCall(ctx, http.MethodPost, groupNo, "/close", opts)
}

// SyncGroup asks the providers about every member now; their answers are applied through the
// same queue as callbacks, so the returned group may not show them yet.
func (c *Client) SyncGroup(ctx context.Context, groupNo string, opts ...Option) (*GroupSyncResult, error) {
	var r GroupSyncResult
	if err := c.call(ctx, http.MethodPost, "/v1/groups/"+url.PathEscape(groupNo)+"/sync", nil, nil, &r, opts); err != nil {
		return nil, err
	}
	return &r, nil
}

func (c *Client) groupCall(ctx context.Context, method, groupNo, tail string, opts []Option) (*Group, error) {
	var g Group
	if err := c.call(ctx, method, "/v1/groups/"+url.PathEscape(groupNo)+tail, nil, nil, &g, opts); err != nil {
		return nil, err
	}
	return &g, nil
}
