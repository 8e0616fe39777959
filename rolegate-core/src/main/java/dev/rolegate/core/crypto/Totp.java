package dev.rolegate.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as virtual MFA devices make them: RFC 6238 over RFC 4226 (HOTP),
 * HMAC-SHA1, 30-second steps counted from the epoch, 6 digits; and the RFC 4648 base32 that carries
 * the seed (no padding, as AWS's Base32StringSeed).
 */
public final class Totp {
  public static final int STEP_SECONDS = 30;
  public static final int DIGITS = 6;
  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private Totp() {}

  /** The time step of an instant: whole 30-second periods since 1970-01-01T00:00:00Z. */
  public static long step(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), STEP_SECONDS);
  }

  /** The 6-digit code of a step (zero-padded). */
  public static String code(byte[] key, long step) {
    return hotp(key, step, DIGITS, "HmacSHA1");
  }

  /**
   * RFC 4226 HOTP: dynamic truncation of the HMAC of the 8-byte big-endian counter, {@code digits}
   * digits.
   */
  public static String hotp(byte[] key, long counter, int digits, String hmacAlgorithm) {
    if (digits < 1 || digits > 8) {
      throw new IllegalArgumentException("1 to 8 digits, not " + digits);
    }
    byte[] h;
    try {
      Mac mac = Mac.getInstance(hmacAlgorithm);
      mac.init(new SecretKeySpec(key, hmacAlgorithm));
      h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(hmacAlgorithm + " is not available", e);
    }
    int offset = h[h.length - 1] & 0x0F;
    int binary =
        ((h[offset] & 0x7F) << 24)
            | ((h[offset + 1] & 0xFF) << 16)
            | ((h[offset + 2] & 0xFF) << 8)
            | (h[offset + 3] & 0xFF);
    StringBuilder s = new StringBuilder(Integer.toString(binary % POWERS[digits]));
    while (s.length() < digits) {
      s.insert(0, '0');
    }
    return s.toString();
  }

  /** Compares two codes in time independent of where they differ. */
  public static boolean same(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            given.getBytes(StandardCharsets.US_ASCII));
  }

  /** RFC 4648 base32, upper case, without padding. */
  public static String base32(byte[] bytes) {
    return dev.rolegate.core.Base32.encode(bytes);
  }

  /**
   * Decodes RFC 4648 base32 (any case, padding and spaces ignored); null when a character is not
   * base32.
   */
  public static byte[] base32Decode(String text) {
    return dev.rolegate.core.Base32.decode(text);
  }
}
