package dev.rolegate.sigv4;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A small client-side signer built from the public pieces, for tests only. Like aws-c-auth it signs
 * every header the request has (unless told which), adding X-Amz-Date (header form),
 * X-Amz-Content-SHA256 when asked, and the session token before signing unless {@code
 * tokenAfterSigning}.
 */
final class TestSigner {
  String accessKeyId = "AKIDEXAMPLE";
  String secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  String region = "us-east-1";
  String service = "service";
  Instant time = Instant.parse("2015-08-30T12:36:00Z");
  String token;
  boolean tokenAfterSigning;
  boolean normalizePath = true;
  boolean contentSha256Header;

  /** null: sign every header. */
  List<String> signedHeaders;

  /** What a signing produced. */
  record Output(
      String canonicalRequest,
      String stringToSign,
      String signature,
      String authorization,
      SignableRequest request) {}

  String scope() {
    return SigV4.credentialScope(SigV4.formatAmzDate(time).substring(0, 8), region, service);
  }

  Output signHeaders(SignableRequest req) {
    List<Header> headers = new ArrayList<>(req.headers());
    headers.add(new Header("X-Amz-Date", SigV4.formatAmzDate(time)));
    if (contentSha256Header) {
      headers.add(new Header("x-amz-content-sha256", SigV4.sha256Hex(req.body())));
    }
    if (token != null && !tokenAfterSigning) {
      headers.add(new Header("X-Amz-Security-Token", token));
    }
    SignableRequest toSign = copy(req, req.rawQuery(), headers);
    List<String> names = namesToSign(toSign);
    String canonical =
        SigV4.canonicalRequest(toSign, names, SigV4.payloadHash(toSign), normalizePath, Set.of());
    String stringToSign = SigV4.stringToSign(time, scope(), canonical);
    String signature = sign(stringToSign);
    String authorization =
        "AWS4-HMAC-SHA256 Credential="
            + accessKeyId
            + "/"
            + scope()
            + ", SignedHeaders="
            + String.join(";", Canonical.normalizeSignedHeaders(names))
            + ", Signature="
            + signature;
    if (token != null && tokenAfterSigning) {
      headers.add(new Header("X-Amz-Security-Token", token));
    }
    headers.add(new Header("Authorization", authorization));
    return new Output(
        canonical, stringToSign, signature, authorization, copy(req, req.rawQuery(), headers));
  }

  Output presign(SignableRequest req, long expiresSeconds) {
    List<String> names = namesToSign(req);
    StringBuilder query = new StringBuilder(req.rawQuery());
    append(query, "X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    append(query, "X-Amz-Credential", accessKeyId + "/" + scope());
    append(query, "X-Amz-Date", SigV4.formatAmzDate(time));
    append(query, "X-Amz-SignedHeaders", String.join(";", Canonical.normalizeSignedHeaders(names)));
    append(query, "X-Amz-Expires", Long.toString(expiresSeconds));
    if (token != null && !tokenAfterSigning) {
      append(query, "X-Amz-Security-Token", token);
    }
    SignableRequest toSign = copy(req, query.toString(), req.headers());
    String canonical =
        SigV4.canonicalRequest(toSign, names, SigV4.payloadHash(toSign), normalizePath, Set.of());
    String stringToSign = SigV4.stringToSign(time, scope(), canonical);
    String signature = sign(stringToSign);
    if (token != null && tokenAfterSigning) {
      append(query, "X-Amz-Security-Token", token);
    }
    append(query, "X-Amz-Signature", signature);
    return new Output(
        canonical, stringToSign, signature, null, copy(req, query.toString(), req.headers()));
  }

  private String sign(String stringToSign) {
    byte[] key =
        SigV4.signingKey(secret, SigV4.formatAmzDate(time).substring(0, 8), region, service);
    return SigV4.signature(key, stringToSign);
  }

  private List<String> namesToSign(SignableRequest req) {
    if (signedHeaders != null) {
      return signedHeaders;
    }
    Set<String> names = new LinkedHashSet<>();
    for (Header h : req.headers()) {
      names.add(h.name().toLowerCase(Locale.ROOT));
    }
    return List.copyOf(names);
  }

  private static void append(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(encode(name)).append('=').append(encode(value));
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  private static SignableRequest copy(SignableRequest req, String query, List<Header> headers) {
    return new SignableRequest(req.method(), req.rawPath(), query, headers, req.body());
  }
}
