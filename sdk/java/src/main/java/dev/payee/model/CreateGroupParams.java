package dev.payee.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /v1/groups}: 1-50 members and what they share. Build with
 * {@link #builder()}; mode and at least one member are required, and method too in combined
 * mode (in batch mode it is the default of members without one).
 */
public record CreateGroupParams(
    GroupMode mode,
    PaymentMethod method,
    String notifyUrl,
    String returnUrl,
    Integer expiresIn,
    Payer payer,
    String payId,
    String scene,
    Map<String, String> metadata,
    List<GroupMemberParams> members) {

  public CreateGroupParams {
    Objects.requireNonNull(mode, "mode");
    metadata = metadata == null ? null : Map.copyOf(metadata);
    members = List.copyOf(Objects.requireNonNull(members, "members"));
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private GroupMode mode;
    private PaymentMethod method;
    private String notifyUrl;
    private String returnUrl;
    private Integer expiresIn;
    private Payer payer;
    private String payId;
    private String scene;
    private Map<String, String> metadata;
    private final List<GroupMemberParams> members = new ArrayList<>();

    private Builder() {}

    public Builder mode(GroupMode mode) {
      this.mode = mode;
      return this;
    }

    /** Every member's method (required in combined mode; in batch mode, the default). */
    public Builder method(PaymentMethod method) {
      this.method = method;
      return this;
    }

    /** Where payee POSTs each member's status changes, and the group's, signed. */
    public Builder notifyUrl(String notifyUrl) {
      this.notifyUrl = notifyUrl;
      return this;
    }

    public Builder returnUrl(String returnUrl) {
      this.returnUrl = returnUrl;
      return this;
    }

    /** Seconds the buyer has to pay (60 to 604800); default 1800. */
    public Builder expiresIn(int expiresIn) {
      this.expiresIn = expiresIn;
      return this;
    }

    public Builder payer(Payer payer) {
      this.payer = payer;
      return this;
    }

    public Builder payId(String payId) {
      this.payId = payId;
      return this;
    }

    public Builder scene(String scene) {
      this.scene = scene;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    /** Adds a member (1-50 in all). */
    public Builder member(GroupMemberParams member) {
      members.add(Objects.requireNonNull(member));
      return this;
    }

    public Builder members(List<GroupMemberParams> members) {
      this.members.addAll(members);
      return this;
    }

    public CreateGroupParams build() {
      return new CreateGroupParams(mode, method, notifyUrl, returnUrl, expiresIn, payer, payId, scene, metadata, members);
    }
  }
}
