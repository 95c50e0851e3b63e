package dev.payee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.payee.exception.ErrorCode;
import dev.payee.exception.ErrorInfo;
import dev.payee.model.Account;
import dev.payee.model.AccountBalance;
import dev.payee.model.AccountBalanceParams;
import dev.payee.model.CreateAccountParams;
import dev.payee.model.CreateGroupParams;
import dev.payee.model.CreatePaymentParams;
import dev.payee.model.CreateRefundParams;
import dev.payee.model.DailyReport;
import dev.payee.model.DailyReportParams;
import dev.payee.model.Flow;
import dev.payee.model.Group;
import dev.payee.model.GroupSummary;
import dev.payee.model.GroupSyncResult;
import dev.payee.model.ListPaymentsParams;
import dev.payee.model.GroupNotification;
import dev.payee.model.Notification;
import dev.payee.model.PageParams;
import dev.payee.model.Payment;
import dev.payee.model.PaymentEvent;
import dev.payee.model.PaymentNotification;
import dev.payee.model.ReconciliationList;
import dev.payee.model.ReconciliationParams;
import dev.payee.model.Refund;
import dev.payee.model.SyncResult;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * manifest.json is true of the code. `npm run sdk:contract` holds the manifest to
 * docs/openapi.json; this test holds the records, enums, methods and exceptions to the manifest,
 * so a change of the document that the SDK does not follow fails one check or the other.
 */
class ContractTest {
  /** The error shape: its {@code error} object is what the SDK reads into {@link ErrorInfo}. */
  record ErrorShape(ErrorInfo error) {}

  /** A model of the document and the Java type it is read into (for a list, the item type too). */
  record Target(Class<?> type, Class<?> item) {}

  private static final Map<String, Target> MODELS = Map.ofEntries(
      Map.entry("Account", new Target(Account.class, null)),
      Map.entry("AccountBalance", new Target(AccountBalance.class, null)),
      Map.entry("AccountList", new Target(ListBody.class, Account.class)),
      Map.entry("CreateAccountRequest", new Target(CreateAccountParams.class, null)),
      Map.entry("DailyReport", new Target(DailyReport.class, null)),
      Map.entry("getDailyReport.query", new Target(DailyReportParams.class, null)),
      Map.entry("FlowList", new Target(ListBody.class, Flow.class)),
      Map.entry("getAccountBalance.query", new Target(AccountBalanceParams.class, null)),
      Map.entry("listAccountFlows.query", new Target(PageParams.class, null)),
      Map.entry("listAccounts.query", new Target(PageParams.class, null)),
      Map.entry("CreateGroupRequest", new Target(CreateGroupParams.class, null)),
      Map.entry("CreatePaymentRequest", new Target(CreatePaymentParams.class, null)),
      Map.entry("CreateRefundRequest", new Target(CreateRefundParams.class, null)),
      Map.entry("Error", new Target(ErrorShape.class, null)),
      Map.entry("getReconciliation.query", new Target(ReconciliationParams.class, null)),
      Map.entry("Group", new Target(Group.class, null)),
      Map.entry("GroupList", new Target(ListBody.class, GroupSummary.class)),
      Map.entry("GroupNotification", new Target(GroupNotification.class, null)),
      Map.entry("GroupSyncResult", new Target(GroupSyncResult.class, null)),
      Map.entry("listGroups.query", new Target(PageParams.class, null)),
      Map.entry("listPayments.query", new Target(ListPaymentsParams.class, null)),
      Map.entry("Notification", new Target(Notification.class, null)),
      Map.entry("NotificationList", new Target(ListBody.class, Notification.class)),
      Map.entry("Payment", new Target(Payment.class, null)),
      Map.entry("PaymentEventList", new Target(ListBody.class, PaymentEvent.class)),
      Map.entry("PaymentList", new Target(ListBody.class, Payment.class)),
      Map.entry("PaymentNotification", new Target(PaymentNotification.class, null)),
      Map.entry("ReconciliationList", new Target(ReconciliationList.class, null)),
      Map.entry("Refund", new Target(Refund.class, null)),
      Map.entry("RefundList", new Target(ListBody.class, Refund.class)),
      Map.entry("SyncResult", new Target(SyncResult.class, null)));

  /** Fields the SDK serves otherwise than as a record component, and why. */
  private static final Map<String, String> SERVED_ELSEWHERE = Map.of(
      // A lookup by order number answers one payment or none: its own method, not a list filter.
      "listPayments.query outTradeNo", "findByOutTradeNo");

  /** Record components that are not fields of the document's model. */
  private static final Set<String> NOT_IN_DOCUMENT = Set.of(
      "ErrorInfo.status", "ErrorInfo.retryAfter", // from the HTTP reply, not its body
      "PaymentAction.params"); // jsapi_params' object value, which the document calls action.value

  /** String components whose values the SDK checks elsewhere (error types: their exception classes). */
  private static final Set<String> STRING_ENUMS = Set.of("ErrorInfo.type");

  private static final JsonNode MANIFEST = read("manifest.json");
  private static final JsonNode DOCUMENT = read("../../docs/openapi.json");

  private static JsonNode read(String path) {
    try {
      return Json.MAPPER.readTree(Path.of(path).toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyModelFieldIsARecordComponentWithTheDocumentsValues() {
    List<String> problems = new ArrayList<>();
    Set<String> reached = new TreeSet<>();
    Set<String> declared = new HashSet<>();
    for (Map.Entry<String, JsonNode> model : MANIFEST.get("models").properties()) {
      Target target = MODELS.get(model.getKey());
      if (target == null) {
        problems.add(model.getKey() + ": no Java type is mapped to it");
        continue;
      }
      for (JsonNode line : model.getValue()) {
        String field = line.asText().replace(" (required)", "");
        String path = field.contains(": ") ? field.substring(0, field.indexOf(": ")) : field;
        String values = field.contains(": ") ? field.substring(field.indexOf(": ") + 2) : null;
        if (SERVED_ELSEWHERE.containsKey(model.getKey() + " " + path)) continue;
        checkField(model.getKey(), target, path, values, problems, declared, reached);
      }
    }
    for (String record : reached) {
      Class<?> type = classOf(record);
      if (type == ListBody.class) continue;
      for (RecordComponent component : type.getRecordComponents()) {
        String name = type.getSimpleName() + "." + component.getName();
        if (!declared.contains(name) && !NOT_IN_DOCUMENT.contains(name)) problems.add(name + " is not in the document");
      }
    }
    assertEquals(List.of(), problems);
  }

  private void checkField(String model, Target target, String path, String values, List<String> problems,
                          Set<String> declared, Set<String> reached) {
    Type current = target.type();
    RecordComponent component = null;
    for (String segment : path.replace("[]", "").split("\\.")) {
      Class<?> owner = raw(current);
      if (!owner.isRecord()) {
        problems.add(model + " " + path + ": " + owner.getSimpleName() + " is not a record");
        return;
      }
      reached.add(owner.getName());
      component = Arrays.stream(owner.getRecordComponents()).filter(c -> c.getName().equals(segment)).findFirst().orElse(null);
      if (component == null) {
        problems.add(model + " " + path + ": " + owner.getSimpleName() + " has no component " + segment);
        return;
      }
      declared.add(owner.getSimpleName() + "." + segment);
      current = element(component.getGenericType(), target);
    }
    if (values == null) return;
    Class<?> type = raw(current);
    Target named = MODELS.get(values.replace("[]", ""));
    if (named != null) {
      if (type != named.type()) problems.add(model + " " + path + ": " + type.getSimpleName() + ", not " + named.type().getSimpleName());
    } else if (type.isEnum()) {
      Set<String> expected = new TreeSet<>(List.of(values.split("\\|")));
      if (!expected.equals(jsonValues(type))) problems.add(model + " " + path + ": " + jsonValues(type) + ", not " + expected);
    } else if (!STRING_ENUMS.contains(component.getDeclaringRecord().getSimpleName() + "." + component.getName())) {
      problems.add(model + " " + path + ": " + type.getSimpleName() + " should be an enum of " + values);
    }
  }

  /** The element type of a list, the item type for a list model's type variable, else the type. */
  private static Type element(Type type, Target target) {
    if (type instanceof ParameterizedType p && raw(p) == List.class) return element(p.getActualTypeArguments()[0], target);
    if (type instanceof TypeVariable<?>) return target.item();
    return type;
  }

  private static Class<?> raw(Type type) {
    return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
  }

  private static Class<?> classOf(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An enum's values as the API spells them, less the UNKNOWN that stands for values added later. */
  private static Set<String> jsonValues(Class<?> type) {
    Set<String> values = new TreeSet<>();
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals("UNKNOWN")) continue;
      try {
        values.add(Json.MAPPER.writeValueAsString(constant).replace("\"", ""));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return values;
  }

  @Test
  void everyOperationOfTheDocumentIsInTheManifest() {
    Set<String> documented = new TreeSet<>();
    DOCUMENT.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
      JsonNode op = method.getValue();
      boolean admin = op.path("tags").toString().contains("\"admin\"");
      boolean keyless = op.has("security") && op.get("security").isEmpty();
      if (!admin && !keyless) documented.add(op.get("operationId").asText());
    }));
    Set<String> listed = new TreeSet<>();
    MANIFEST.get("operations").properties().forEach(op -> listed.add(op.getKey()));
    assertEquals(documented, listed);
  }

  @Test
  void everyOperationTheManifestClaimsIsAPublicMethod() throws ReflectiveOperationException {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, JsonNode> op : MANIFEST.get("operations").properties()) {
      for (String name : op.getValue().asText().split(", ")) {
        Class<?> owner = PayeeClient.class;
        String[] parts = name.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) owner = PayeeClient.class.getMethod(parts[i]).getReturnType();
        String method = parts[parts.length - 1];
        boolean found = Arrays.stream(owner.getMethods()).anyMatch(m -> m.getName().equals(method) && Modifier.isPublic(m.getModifiers()));
        if (!found) missing.add(op.getKey() + " → " + name);
      }
    }
    for (String method : SERVED_ELSEWHERE.values()) {
      if (Arrays.stream(Payments.class.getMethods()).map(Method::getName).noneMatch(method::equals)) missing.add(method);
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void everyErrorTypeIsTheExceptionClassTheManifestNames() {
    MANIFEST.get("errorTypes").properties().forEach(entry -> {
      ErrorInfo info = new ErrorInfo(400, entry.getKey(), "c", "m", null, null, "r", null);
      assertEquals(entry.getValue().asText(), ErrorMapper.create(info).getClass().getSimpleName(), entry.getKey());
    });
  }

  @Test
  void errorCodeHoldsEveryCodeOfTheManifest() throws IllegalAccessException {
    Set<String> constants = new TreeSet<>();
    for (Field field : ErrorCode.class.getFields()) constants.add((String) field.get(null));
    Set<String> listed = new TreeSet<>();
    MANIFEST.get("errorCodes").forEach(code -> listed.add(code.asText()));
    assertEquals(listed, constants);
  }

  @Test
  void payeeVersionIsTheDocumentsVersion() {
    assertEquals(DOCUMENT.at("/info/version").asText(), Version.API_VERSION);
  }

  @Test
  void theSdkVersionComesFromTheBuild() {
    assertTrue(Version.SDK_VERSION.matches("\\d+\\.\\d+\\.\\d+.*"), Version.SDK_VERSION);
    if (Version.SDK_VERSION.contains("${")) fail("payee-java.properties was not filtered");
  }
}
