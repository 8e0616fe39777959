package dev.rolegate.bench.http;

import dev.rolegate.sigv4.Header;
import dev.rolegate.sigv4.SigV4;
import dev.rolegate.sigv4.SignableRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Signs AWS Query POSTs with SigV4, from rolegate-sigv4's public pieces. */
final class Signer {
  /** A signed request, ready to send many times (valid for 15 minutes). */
  record Signed(String host, String body, List<Header> headers) {}

  private Signer() {}

  static Signed post(
      String host,
      String service,
      String form,
      String accessKeyId,
      String secret,
      String sessionToken,
      Instant now) {
    String amzDate = SigV4.formatAmzDate(now);
    String date = amzDate.substring(0, 8);
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    List<Header> headers = new ArrayList<>();
    headers.add(new Header("Host", host));
    headers.add(new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    headers.add(new Header("X-Amz-Date", amzDate));
    if (sessionToken != null) {
      headers.add(new Header("X-Amz-Security-Token", sessionToken));
    }
    List<String> signed = new ArrayList<>(List.of("content-type", "host", "x-amz-date"));
    if (sessionToken != null) {
      signed.add("x-amz-security-token");
    }
    SignableRequest request = new SignableRequest("POST", "/", "", headers, body);
    String canonical =
        SigV4.canonicalRequest(request, signed, SigV4.sha256Hex(body), true, Set.of());
    String scope = SigV4.credentialScope(date, "us-east-1", service);
    String signature =
        SigV4.signature(
            SigV4.signingKey(secret, date, "us-east-1", service),
            SigV4.stringToSign(now, scope, canonical));
    List<Header> out = new ArrayList<>(headers);
    out.add(
        new Header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential="
                + accessKeyId
                + "/"
                + scope
                + ", SignedHeaders="
                + String.join(";", signed)
                + ", Signature="
                + signature));
    out.removeIf(h -> h.name().equals("Host"));
    return new Signed(host, form, out);
  }

  /**
   * An S3 GET as a client would sign it for an object store (empty body, its hash in
   * x-amz-content-sha256).
   */
  static List<Header> s3Get(
      String host, String path, String accessKeyId, String secret, Instant now) {
    String amzDate = SigV4.formatAmzDate(now);
    String date = amzDate.substring(0, 8);
    String emptyHash = SigV4.sha256Hex(new byte[0]);
    List<Header> headers = new ArrayList<>();
    headers.add(new Header("Host", host));
    headers.add(new Header("X-Amz-Content-SHA256", emptyHash));
    headers.add(new Header("X-Amz-Date", amzDate));
    List<String> signed = List.of("host", "x-amz-content-sha256", "x-amz-date");
    SignableRequest request = new SignableRequest("GET", path, "", headers, new byte[0]);
    String canonical = SigV4.canonicalRequest(request, signed, emptyHash, false, Set.of());
    String scope = SigV4.credentialScope(date, "us-east-1", "s3");
    String signature =
        SigV4.signature(
            SigV4.signingKey(secret, date, "us-east-1", "s3"),
            SigV4.stringToSign(now, scope, canonical));
    List<Header> out = new ArrayList<>(headers);
    out.add(
        new Header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential="
                + accessKeyId
                + "/"
                + scope
                + ", SignedHeaders="
                + String.join(";", signed)
                + ", Signature="
                + signature));
    return out;
  }
}
