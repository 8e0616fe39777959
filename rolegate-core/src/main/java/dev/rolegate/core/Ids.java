package dev.rolegate.core;

import java.security.SecureRandom;

/**
 * Unique ids as AWS makes them: a four-letter prefix ({@code AROA} role, {@code AIDA} user, {@code
 * ANPA} policy, {@code AKIA} access key, {@code ASIA} temporary access key) and base32 characters.
 * Access key ids carry their account as AWS encodes it (GetAccessKeyInfo reads it back): bits 1-40
 * of the first six bytes of the base32-decoded body, shifted left by seven.
 */
public final class Ids {
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final char[] SECRET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  private final SecureRandom random;

  public Ids(SecureRandom random) {
    this.random = random;
  }

  public Ids() {
    this(new SecureRandom());
  }

  /** {@code prefix} followed by 17 base32 characters (21 in all, like AWS's examples). */
  public String uniqueId(String prefix) {
    StringBuilder b = new StringBuilder(prefix);
    for (int i = 0; i < 17; i++) {
      b.append(BASE32[random.nextInt(32)]);
    }
    return b.toString();
  }

  /** A 20-character access key id ({@code AKIA} or {@code ASIA}) that encodes the account. */
  public String accessKeyId(String prefix, String accountId) {
    byte[] body = new byte[10];
    random.nextBytes(body);
    long account = Long.parseLong(accountId);
    long first48 = ((account << 7) & 0x7FFFFFFFFF80L) | (body[5] & 0x7F);
    for (int i = 0; i < 6; i++) {
      body[i] = (byte) (first48 >>> (8 * (5 - i)));
    }
    return prefix + Base32.encode(body);
  }

  /** The account an access key id was issued for, or null when the id is not AWS-shaped. */
  public static String accountOfAccessKeyId(String accessKeyId) {
    if (accessKeyId == null || accessKeyId.length() != 20) {
      return null;
    }
    byte[] body = Base32.decode(accessKeyId.substring(4));
    if (body == null) {
      return null;
    }
    long first48 = 0;
    for (int i = 0; i < 6; i++) {
      first48 = (first48 << 8) | (body[i] & 0xFF);
    }
    long account = (first48 & 0x7FFFFFFFFF80L) >>> 7;
    return String.format("%012d", account);
  }

  /** A 40-character secret access key. */
  public String secretAccessKey() {
    char[] c = new char[40];
    for (int i = 0; i < c.length; i++) {
      c[i] = SECRET[random.nextInt(SECRET.length)];
    }
    return new String(c);
  }

  public String requestId() {
    return java.util.UUID.randomUUID().toString();
  }
}
