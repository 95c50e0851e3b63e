package dev.payee.model;

/**
 * Paging of a list (groups, accounts, an account's flows). Both optional.
 *
 * @param limit  page size, 1 to 100 (the API's default is 20)
 * @param cursor the nextCursor of the previous page; auto-pagination fills it in
 */
public record PageParams(Integer limit, String cursor) {

  /** The API's page size, from the first page. */
  public static PageParams all() {
    return new PageParams(null, null);
  }

  /** Pages of {@code limit}, from the first. */
  public static PageParams ofLimit(int limit) {
    return new PageParams(limit, null);
  }

  /** The same page size from another page on. */
  public PageParams withCursor(String cursor) {
    return new PageParams(limit, cursor);
  }
}
