package dev.rolegate.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256, HMAC-SHA256, lower-case hex and the SigV4 key derivation (reference §7.2). */
final class Crypto {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Crypto() {}

  // getInstance looks the algorithm up among the providers on every call: one instance per thread
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("the JDK always provides SHA-256", e);
            }
          });
  private static final ThreadLocal<Mac> HMAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("the JDK always provides HmacSHA256", e);
            }
          });

  static byte[] sha256(byte[] data) {
    return SHA256.get().digest(data); // digest() resets it
  }

  static byte[] hmacSha256(byte[] key, String data) {
    try {
      Mac mac = HMAC.get();
      mac.init(new SecretKeySpec(key, "HmacSHA256")); // init resets it
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always provides HmacSHA256", e);
    }
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
  static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
    byte[] kDate = hmacSha256(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
    byte[] kRegion = hmacSha256(kDate, region);
    byte[] kService = hmacSha256(kRegion, service);
    return hmacSha256(kService, SigV4.TERMINATOR);
  }

  /** Compares two signatures in time independent of where they differ. */
  static boolean constantTimeEquals(String expected, String provided) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), provided.getBytes(StandardCharsets.UTF_8));
  }
}
