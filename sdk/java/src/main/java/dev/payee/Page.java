package dev.payee;

import dev.payee.model.PageParams;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a cursor-paginated list. {@link #autoPagingIterable()} and
 * {@link #autoPagingStream()} walk this page and every later one, fetching each page only
 * when the previous one is used up.
 */
public final class Page<T> {
  private final List<T> data;
  private final String nextCursor;
  private final Function<String, Page<T>> fetch;
  private final Function<String, CompletableFuture<Page<T>>> fetchAsync;

  Page(List<T> data, String nextCursor, Function<String, Page<T>> fetch,
       Function<String, CompletableFuture<Page<T>>> fetchAsync) {
    this.data = data == null ? List.of() : List.copyOf(data);
    this.nextCursor = nextCursor;
    this.fetch = fetch;
    this.fetchAsync = fetchAsync;
  }

  /** A paged list's query: the page size and where to start. */
  static Map<String, String> query(PageParams params) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", params.limit() == null ? null : params.limit().toString());
    query.put("cursor", params.cursor());
    return query;
  }

  /** This page's items. */
  public List<T> data() {
    return data;
  }

  /** The cursor of the next page, absent on the last one. */
  public Optional<String> nextCursor() {
    return Optional.ofNullable(nextCursor);
  }

  public boolean hasMore() {
    return nextCursor != null;
  }

  /** The next page; throws {@link NoSuchElementException} on the last one. */
  public Page<T> nextPage() {
    if (nextCursor == null) throw new NoSuchElementException("this is the last page");
    return fetch.apply(nextCursor);
  }

  public CompletableFuture<Page<T>> nextPageAsync() {
    if (nextCursor == null) return CompletableFuture.failedFuture(new NoSuchElementException("this is the last page"));
    return fetchAsync.apply(nextCursor);
  }

  /** Every item from this page on; each {@link Iterable#iterator()} starts again here. */
  public Iterable<T> autoPagingIterable() {
    return () -> new Iterator<>() {
      private Page<T> page = Page.this;
      private Iterator<T> items = page.data.iterator();

      @Override
      public boolean hasNext() {
        // Loops because a page in the middle may be empty and still have a next cursor.
        while (!items.hasNext() && page.hasMore()) {
          page = page.nextPage();
          items = page.data.iterator();
        }
        return items.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) throw new NoSuchElementException();
        return items.next();
      }
    };
  }

  /** Every item from this page on, lazily: a {@code limit} or {@code findFirst} stops fetching. */
  public Stream<T> autoPagingStream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(autoPagingIterable().iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }
}
