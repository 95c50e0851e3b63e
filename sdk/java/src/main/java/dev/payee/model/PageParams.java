package dev.payee.model;

/**
 * Paging of {@code GET /v1/groups}, newest first. Both optional.
 *
 * @param limit  page size, 1 to 100 (the API's default is 20)
 * @param cursor the nextCursor of the previous page; auto-pagination fills it in
 */
public record ListGroupsParams(Integer limit, String cursor) {

  public static ListGroupsParams all() {
    return new ListGroupsParams(null, null);
  }

  /** The same page size from another page on. */
  public ListGroupsParams withCursor(String cursor) {
    return new ListGroupsParams(limit, cursor);
  }
}
