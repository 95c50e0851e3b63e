package dev.payee;

import java.util.List;

/** The API's list shape, {@code {"data":[...],"nextCursor"?}}, before it becomes a List or a Page. */
record ListBody<T>(List<T> data, String nextCursor) {
  ListBody {
    data = data == null ? List.of() : data;
  }
}
