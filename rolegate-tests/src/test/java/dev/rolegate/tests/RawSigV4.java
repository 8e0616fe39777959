package dev.rolegate.tests;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A tiny client-side SigV4 signer for raw HTTP tests, written from the AWS documentation (not the
 * server's code): it signs {@code host}, {@code x-amz-date}, and the other headers it is given, for
 * the path {@code /} and a query string that is already canonically encoded.
 */
final class RawSigV4 {
  static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** What a request is signed with. */
  record Key(String accessKeyId, String secret, String sessionToken) {
    static Key of(String accessKeyId, String secret) {
      return new Key(accessKeyId, secret, null);
    }
  }

  private RawSigV4() {}

  /**
   * The headers to send: the given ones plus {@code X-Amz-Date}, {@code X-Amz-Security-Token} (when
   * the key has a session token) and {@code Authorization}.
   */
  static Map<String, String> sign(
      String method,
      String host,
      String rawQuery,
      Map<String, String> headers,
      byte[] body,
      Key key,
      String region,
      String service,
      Instant time) {
    Map<String, String> out = new LinkedHashMap<>(headers);
    String amzDate = AMZ_DATE.format(time);
    out.put("X-Amz-Date", amzDate);
    if (key.sessionToken() != null) {
      out.put("X-Amz-Security-Token", key.sessionToken());
    }
    TreeMap<String, String> canonical = new TreeMap<>();
    canonical.put("host", host);
    out.forEach(
        (n, v) -> canonical.put(n.toLowerCase(Locale.ROOT), v.trim().replaceAll(" +", " ")));
    String signedHeaders = String.join(";", canonical.keySet());
    StringBuilder creq = new StringBuilder();
    creq.append(method).append('\n').append("/\n").append(canonicalQuery(rawQuery)).append('\n');
    canonical.forEach((n, v) -> creq.append(n).append(':').append(v).append('\n'));
    creq.append('\n').append(signedHeaders).append('\n').append(hex(sha256(body)));
    String date = amzDate.substring(0, 8);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String stringToSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(sha256(creq.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] k = hmac(("AWS4" + key.secret()).getBytes(StandardCharsets.UTF_8), date);
    k = hmac(k, region);
    k = hmac(k, service);
    k = hmac(k, "aws4_request");
    String signature = hex(hmac(k, stringToSign));
    out.put(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + key.accessKeyId()
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature);
    return out;
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String p : rawQuery.split("&")) {
      int eq = p.indexOf('=');
      pairs.add(
          eq < 0 ? new String[] {p, ""} : new String[] {p.substring(0, eq), p.substring(eq + 1)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<String> joined = new ArrayList<>();
    pairs.forEach(p -> joined.add(p[0] + "=" + p[1]));
    return String.join("&", joined);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
