package dev.payee.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to show the buyer of a PENDING payment. For {@code qr_code}, {@code redirect},
 * {@code form} and {@code app_params} the action is the string {@link #value()}; for
 * {@code jsapi_params} it is the parameters map {@link #params()} for WeChat's JSAPI.
 *
 * @param type   qr_code, redirect, form, app_params or jsapi_params
 * @param value  the QR content, URL, HTML form or app order string; null for jsapi_params
 * @param params the JSAPI parameters; empty for the other types
 */
public record PaymentAction(String type, String value, Map<String, String> params) {
  public PaymentAction {
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  // The API's "value" is a string or an object depending on "type": one field on the wire, two here.
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static PaymentAction fromJson(JsonNode node) {
    JsonNode value = node.path("value");
    if (value.isObject()) {
      Map<String, String> params = new LinkedHashMap<>();
      value.fields().forEachRemaining(field -> params.put(field.getKey(), field.getValue().asText()));
      return new PaymentAction(node.path("type").asText(), null, params);
    }
    return new PaymentAction(node.path("type").asText(), value.isNull() || value.isMissingNode() ? null : value.asText(), null);
  }

  @JsonValue
  JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("type", type);
    if (value != null) {
      node.put("value", value);
    } else {
      ObjectNode object = node.putObject("value");
      params.forEach(object::put);
    }
    return node;
  }
}
