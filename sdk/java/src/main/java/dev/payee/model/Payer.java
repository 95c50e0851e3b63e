package dev.payee.model;

/**
 * Method-specific facts about the buyer.
 *
 * @param openid   the buyer's openid under the merchant's appid ({@code wechat.jsapi})
 * @param clientIp the buyer's IP address ({@code wechat.h5})
 */
public record Payer(String openid, String clientIp) {
  public static Payer openid(String openid) {
    return new Payer(openid, null);
  }

  public static Payer clientIp(String clientIp) {
    return new Payer(null, clientIp);
  }
}
