package dev.rolegate.sigv4;

import dev.rolegate.sigv4.ParseResult.Signed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * AWS Signature Version 4 verification. Typical use:
 *
 * <pre>{@code
 * switch on SigV4.parse(request):
 *   Unsigned  -> MissingAuthenticationToken, unless the operation needs no auth
 *   Failure f -> answer f.error() / f.message()
 *   Signed s  -> look up s.accessKeyId() (unknown: InvalidClientTokenId), check s.service(), then
 *                SigV4.verify(request, s, secret, Instant.now())
 * }</pre>
 *
 * <p>The remaining methods are the pieces of the computation (reference §7.2), public for tests,
 * debugging and signing.
 */
public final class SigV4 {
  public static final String ALGORITHM = AuthParser.ALGORITHM;
  public static final String TERMINATOR = "aws4_request";
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  public static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";

  private SigV4() {}

  /** Finds the request's authentication: header form, presigned-query form, none, or malformed. */
  public static ParseResult parse(SignableRequest request) {
    return AuthParser.parse(Objects.requireNonNull(request, "request"));
  }

  /**
   * {@link #verify(SignableRequest, Signed, String, Instant, VerifyOptions)} with {@link
   * VerifyOptions#DEFAULT}.
   */
  public static VerifyResult verify(
      SignableRequest request, Signed signed, String secretAccessKey, Instant now) {
    return verify(request, signed, secretAccessKey, now, VerifyOptions.DEFAULT);
  }

  /**
   * Checks the time window (±15 minutes; presigned: until X-Amz-Date + X-Amz-Expires), that {@code
   * host} is signed, that the scope date is X-Amz-Date's date, that the payload hash header matches
   * the body, and finally the signature, compared in constant time.
   *
   * @param secretAccessKey the secret of {@code signed.accessKeyId()}, looked up by the caller
   * @param now the server's clock
   */
  public static VerifyResult verify(
      SignableRequest request,
      Signed signed,
      String secretAccessKey,
      Instant now,
      VerifyOptions options) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(signed, "signed");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(options, "options");
    return Verifier.verify(request, signed, secretAccessKey, now, options);
  }

  /** The canonical request {@link #verify} computes (first attempt) for this request. */
  public static String canonicalRequest(
      SignableRequest request, Signed signed, VerifyOptions options) {
    Set<String> excluded = signed.presigned() ? Set.of(AuthParser.X_AMZ_SIGNATURE) : Set.of();
    return canonicalRequest(
        request, signed.signedHeaders(), payloadHash(request), options.normalizePath(), excluded);
  }

  /**
   * The canonical request from its inputs.
   *
   * @param signedHeaders header names (any case, any order)
   * @param payloadHash hex SHA-256 of the body, or the X-Amz-Content-SHA256 value
   * @param excludedQueryParameters parameter names left out (X-Amz-Signature for presigned
   *     requests)
   */
  public static String canonicalRequest(
      SignableRequest request,
      List<String> signedHeaders,
      String payloadHash,
      boolean normalizePath,
      Set<String> excludedQueryParameters) {
    List<String> names = Canonical.normalizeSignedHeaders(signedHeaders);
    return Canonical.request(
        request.method(),
        canonicalUri(request.rawPath(), normalizePath),
        canonicalQueryString(request.rawQuery(), excludedQueryParameters),
        Canonical.headers(request.headers(), names),
        names,
        payloadHash);
  }

  /** The canonical URI of a wire path: optionally normalised, then URI-encoded again ('/' kept). */
  public static String canonicalUri(String rawPath, boolean normalizePath) {
    return Canonical.uri(rawPath, normalizePath);
  }

  /** The canonical query string of a wire query (without '?'), leaving out the named parameters. */
  public static String canonicalQueryString(String rawQuery, Set<String> excludedParameters) {
    return Canonical.queryString(rawQuery, excludedParameters);
  }

  /** The canonical header lines ({@code name:value\n} each) for the given signed header names. */
  public static String canonicalHeaders(List<Header> headers, List<String> signedHeaders) {
    return Canonical.headers(headers, Canonical.normalizeSignedHeaders(signedHeaders));
  }

  /** The X-Amz-Content-SHA256 header if present (trimmed), else the hex SHA-256 of the body. */
  public static String payloadHash(SignableRequest request) {
    String declared = request.firstHeader(X_AMZ_CONTENT_SHA256);
    return declared != null ? declared.trim() : sha256Hex(request.body());
  }

  /**
   * {@code AWS4-HMAC-SHA256\n<yyyyMMddTHHmmssZ>\n<scope>\n<hex sha256 of the canonical request>}.
   */
  public static String stringToSign(
      Instant requestTime, String credentialScope, String canonicalRequest) {
    return ALGORITHM
        + '\n'
        + AmzDate.format(requestTime)
        + '\n'
        + credentialScope
        + '\n'
        + sha256Hex(canonicalRequest);
  }

  /** {@code <date>/<region>/<service>/aws4_request}. */
  public static String credentialScope(String date, String region, String service) {
    return date + '/' + region + '/' + service + '/' + TERMINATOR;
  }

  /** kSigning of the reference §7.2 key derivation. */
  public static byte[] signingKey(
      String secretAccessKey, String date, String region, String service) {
    return Crypto.signingKey(secretAccessKey, date, region, service);
  }

  /** Lower-case hex HMAC-SHA256 of the string to sign under the signing key. */
  public static String signature(byte[] signingKey, String stringToSign) {
    return Crypto.hex(Crypto.hmacSha256(signingKey, stringToSign));
  }

  /** {@code 20150830T123600Z}. */
  public static String formatAmzDate(Instant instant) {
    return AmzDate.format(instant);
  }

  /** Parses {@code 20150830T123600Z}; {@code null} if malformed. */
  public static Instant parseAmzDate(String text) {
    return AmzDate.parseBasic(text);
  }

  public static String sha256Hex(byte[] data) {
    return Crypto.hex(Crypto.sha256(data));
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] hmacSha256(byte[] key, String data) {
    return Crypto.hmacSha256(key, data);
  }

  public static String hex(byte[] bytes) {
    return Crypto.hex(bytes);
  }
}
