package dev.rolegate.sigv4;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What {@link SigV4#parse} found: a signed request, an unsigned one, or a malformed one. */
public sealed interface ParseResult
    permits ParseResult.Signed, ParseResult.Unsigned, ParseResult.Failure {

  /** The longest validity a presigned URL may ask for: 7 days (604800 seconds). */
  long MAX_EXPIRES_SECONDS = 604_800;

  /**
   * The authentication a request carries (header or presigned-query form), not yet verified.
   *
   * @param accessKeyId the access key from the credential, e.g. {@code AKIDEXAMPLE}
   * @param date the credential scope's date, normally {@code yyyyMMdd} ({@link SigV4#verify} checks
   *     it)
   * @param region the credential scope's region, as the client chose it
   * @param service the credential scope's service, e.g. {@code sts} or {@code iam}
   * @param signedHeaders the signed header names, lower-case, sorted, distinct (may be empty)
   * @param signature the signature as sent (64 lower-case hex digits when well-formed)
   * @param requestTime X-Amz-Date (header or query) or, failing that, the Date header
   * @param securityToken X-Amz-Security-Token (header or query), or {@code null}
   * @param presigned whether the authentication came from the query string
   * @param expiresSeconds X-Amz-Expires for a presigned request (0 to 604800), otherwise 0
   */
  record Signed(
      String accessKeyId,
      String date,
      String region,
      String service,
      List<String> signedHeaders,
      String signature,
      Instant requestTime,
      String securityToken,
      boolean presigned,
      long expiresSeconds)
      implements ParseResult {

    public Signed {
      requireNonEmpty(accessKeyId, "accessKeyId");
      Objects.requireNonNull(date, "date");
      requireNonEmpty(region, "region");
      requireNonEmpty(service, "service");
      signedHeaders = List.copyOf(Objects.requireNonNull(signedHeaders, "signedHeaders"));
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(requestTime, "requestTime");
      if (presigned
          ? expiresSeconds < 0 || expiresSeconds > MAX_EXPIRES_SECONDS
          : expiresSeconds != 0) {
        throw new IllegalArgumentException(
            "expiresSeconds must be 0..604800 when presigned and 0 otherwise: " + expiresSeconds);
      }
    }

    /** {@code <date>/<region>/<service>/aws4_request}. */
    public String credentialScope() {
      return SigV4.credentialScope(date, region, service);
    }

    @Override
    public String toString() {
      // The session token is a credential: never printed.
      return "Signed[accessKeyId="
          + accessKeyId
          + ", scope="
          + credentialScope()
          + ", signedHeaders="
          + signedHeaders
          + ", signature="
          + signature
          + ", requestTime="
          + requestTime
          + ", securityToken="
          + (securityToken == null ? "none" : "present")
          + ", presigned="
          + presigned
          + ", expiresSeconds="
          + expiresSeconds
          + "]";
    }

    private static void requireNonEmpty(String value, String what) {
      if (Objects.requireNonNull(value, what).isEmpty()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
    }
  }

  /** No Authorization header and no X-Amz-Algorithm query parameter. */
  record Unsigned() implements ParseResult {}

  /** The authentication is present but malformed; {@code message} is AWS's wording. */
  record Failure(SigV4Error error, String message) implements ParseResult {
    public Failure {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
    }
  }
}
