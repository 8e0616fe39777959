package dev.rolegate.core;

/** RFC 4648 base32 (the alphabet of AWS's unique ids, access key ids and MFA seeds). */
public final class Base32 {
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private Base32() {}

  /** RFC 4648 base32, upper case, without padding. */
  public static String encode(byte[] bytes) {
    StringBuilder b = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte value : bytes) {
      buffer = (buffer << 8) | (value & 0xFF);
      bits += 8;
      while (bits >= 5) {
        b.append(BASE32[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      b.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    return b.toString();
  }

  /**
   * Decodes RFC 4648 base32 (any case, padding and spaces ignored); null when a character is not
   * base32.
   */
  public static byte[] decode(String text) {
    String t = text.replace("=", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    byte[] out = new byte[t.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
      if (v < 0) {
        return null;
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
