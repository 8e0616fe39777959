package dev.rolegate.sigv4;

/**
 * Knobs of {@link SigV4#verify}; {@link #DEFAULT} suits IAM and STS as the brief specifies.
 *
 * @param normalizePath remove {@code .}/{@code ..} segments and empty segments from the path before
 *     signing (every service but S3 does; false reproduces the test suite's "unnormalized" cases)
 * @param presignedMaxValiditySeconds a presigned URL is valid until X-Amz-Date + min(X-Amz-Expires,
 *     this). 604800 honours X-Amz-Expires as sent; 900 reproduces real STS, which honours presigned
 *     GetCallerIdentity URLs for 15 minutes whatever X-Amz-Expires says (reference §7.3)
 * @param allowUnsignedPayload accept {@code X-Amz-Content-SHA256: UNSIGNED-PAYLOAD} (the body is
 *     then not covered by the signature; no SDK sends it to IAM/STS by default, reference §7.1)
 * @param declaredPayloadHash the body is not at hand (a decision API verifying another service's
 *     request): the X-Amz-Content-SHA256 value stands for it, as that service checked the body
 */
public record VerifyOptions(
    boolean normalizePath,
    long presignedMaxValiditySeconds,
    boolean allowUnsignedPayload,
    boolean declaredPayloadHash) {

  public VerifyOptions(
      boolean normalizePath, long presignedMaxValiditySeconds, boolean allowUnsignedPayload) {
    this(normalizePath, presignedMaxValiditySeconds, allowUnsignedPayload, false);
  }

  public static final VerifyOptions DEFAULT =
      new VerifyOptions(true, ParseResult.MAX_EXPIRES_SECONDS, true);

  public VerifyOptions {
    if (presignedMaxValiditySeconds < 0
        || presignedMaxValiditySeconds > ParseResult.MAX_EXPIRES_SECONDS) {
      throw new IllegalArgumentException(
          "presignedMaxValiditySeconds must be 0..604800: " + presignedMaxValiditySeconds);
    }
  }

  public VerifyOptions withNormalizePath(boolean value) {
    return new VerifyOptions(
        value, presignedMaxValiditySeconds, allowUnsignedPayload, declaredPayloadHash);
  }

  public VerifyOptions withPresignedMaxValiditySeconds(long value) {
    return new VerifyOptions(normalizePath, value, allowUnsignedPayload, declaredPayloadHash);
  }

  public VerifyOptions withAllowUnsignedPayload(boolean value) {
    return new VerifyOptions(
        normalizePath, presignedMaxValiditySeconds, value, declaredPayloadHash);
  }

  public VerifyOptions withDeclaredPayloadHash(boolean value) {
    return new VerifyOptions(
        normalizePath, presignedMaxValiditySeconds, allowUnsignedPayload, value);
  }
}
