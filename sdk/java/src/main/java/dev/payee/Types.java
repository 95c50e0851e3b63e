package dev.payee;

import com.fasterxml.jackson.databind.JavaType;

/** Jackson types of the replies, built once. */
final class Types {
  private Types() {}

  static JavaType of(Class<?> type) {
    return Json.MAPPER.constructType(type);
  }

  static JavaType listOf(Class<?> item) {
    return Json.MAPPER.getTypeFactory().constructParametricType(ListBody.class, item);
  }
}
