package dev.rolegate.core.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption with AES-256-GCM: {@code nonce (12 bytes) || ciphertext || tag}. The
 * associated data binds a sealed value to its purpose (an access key's secret cannot be replayed as
 * a keyring, for example). {@link #open} returns null for anything that was not sealed with this
 * key and purpose.
 */
public final class SecretBox {
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random;

  /**
   * Cipher.getInstance is slow (provider lookup); each thread keeps one and re-inits it per use.
   */
  private static final ThreadLocal<Cipher> GCM =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("AES-GCM is not available", e);
            }
          });

  public SecretBox(byte[] key, SecureRandom random) {
    if (key.length != 32) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.random = random;
  }

  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher c = GCM.get();
      c.init(
          Cipher.ENCRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, nonce)); // a fresh random nonce every time
      c.updateAAD(associatedData);
      byte[] sealed = c.doFinal(plaintext);
      byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The plaintext, or null when the box was tampered with or sealed with another key or purpose.
   */
  public byte[] open(byte[] box, byte[] associatedData) {
    if (box == null || box.length < NONCE + TAG_BITS / 8) {
      return null;
    }
    try {
      Cipher c = GCM.get();
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, box, 0, NONCE));
      c.updateAAD(associatedData);
      return c.doFinal(box, NONCE, box.length - NONCE);
    } catch (javax.crypto.AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      return null;
    }
  }
}
