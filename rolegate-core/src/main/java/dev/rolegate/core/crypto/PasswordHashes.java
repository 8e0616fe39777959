package dev.rolegate.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Console passwords at rest: PBKDF2 with HMAC-SHA-512, a 16-byte random salt and 210,000 iterations
 * (OWASP's figure for this PRF), stored as {@code pbkdf2-sha512$ITERATIONS$SALT$HASH} (Base64). The
 * password itself is never stored or returned.
 */
public final class PasswordHashes {
  static final String ALGORITHM = "PBKDF2WithHmacSHA512";
  static final int ITERATIONS = 210_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 512;

  private PasswordHashes() {}

  public static String hash(String password, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return "pbkdf2-sha512$"
        + ITERATIONS
        + "$"
        + b64(salt)
        + "$"
        + b64(derive(password, salt, ITERATIONS));
  }

  /**
   * Whether the password is the one hashed (constant-time comparison); false for a malformed hash.
   */
  public static boolean matches(String password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals("pbkdf2-sha512")) {
      return false;
    }
    try {
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(parts[1])));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static String b64(byte[] bytes) {
    return new String(Base64.getEncoder().encode(bytes), StandardCharsets.US_ASCII);
  }
}
