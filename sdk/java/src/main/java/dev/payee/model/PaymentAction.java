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
 * @param type   what kind of action
 * @param value  the QR content, URL, HTML form or app order string; null for jsapi_params
 * @param params the JSAPI parameters; empty for the other types
 */
public record PaymentAction(Type type, String value, Map<String, String> params) {
  public PaymentAction {
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  public enum Type {
    QR_CODE("qr_code"),
    REDIRECT("redirect"),
    FORM("form"),
    APP_PARAMS("app_params"),
    JSAPI_PARAMS("jsapi_params"),
    /** A type this version of the SDK does not know yet. */
    UNKNOWN("unknown");

    private final String value;

    Type(String value) {
      this.value = value;
    }

    @JsonValue
    public String value() {
      return value;
    }

    static Type fromValue(String value) {
      for (Type type : values()) {
        if (type.value.equals(value)) return type;
      }
      return UNKNOWN;
    }
  }

  // The API's "value" is a string or an object depending on "type": one field on the wire, two here.
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static PaymentAction fromJson(JsonNode node) {
    Type type = Type.fromValue(node.path("type").asText());
    JsonNode value = node.path("value");
    if (value.isObject()) {
      Map<String, String> params = new LinkedHashMap<>();
      value.properties().forEach(field -> params.put(field.getKey(), field.getValue().asText()));
      return new PaymentAction(type, null, params);
    }
    return new PaymentAction(type, value.isNull() || value.isMissingNode() ? null : value.asText(), null);
  }

  @JsonValue
  JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("type", type.value());
    if (value != null) {
      node.put("value", value);
    } else {
      ObjectNode object = node.putObject("value");
      params.forEach(object::put);
    }
    return node;
  }
}
