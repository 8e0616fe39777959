package dev.rolegate.sigv4;

/**
 * The AWS error codes of the authentication layer, with their HTTP status and AWS's usual message
 * (docs/aws-reference.md §7.5 and §1.6). All are client ({@code Sender}) faults.
 */
public enum SigV4Error {
  /** No Authorization header and no query authentication on an operation that needs it. */
  MissingAuthenticationToken(403, "Request is missing Authentication Token"),
  /** The Authorization header or the presigned query parameters are malformed or incomplete. */
  IncompleteSignature(400, "The request signature does not conform to AWS standards."),
  /** Bad signature, bad credential scope, or a request time outside the allowed window. */
  SignatureDoesNotMatch(403, SigV4Messages.SIGNATURE_MISMATCH),
  /** Unknown or inactive access key, or a bad session token (decided by the caller). */
  InvalidClientTokenId(403, "The security token included in the request is invalid."),
  /** Temporary credentials past their expiration (decided by the caller). */
  ExpiredToken(403, "The security token included in the request is expired"),
  /** Used here for a presigned URL past X-Amz-Date + X-Amz-Expires ("Request has expired"). */
  AccessDenied(403, "Access Denied");

  private final int httpStatus;
  private final String defaultMessage;

  SigV4Error(int httpStatus, String defaultMessage) {
    this.httpStatus = httpStatus;
    this.defaultMessage = defaultMessage;
  }

  /** The wire error code, e.g. {@code SignatureDoesNotMatch}. */
  public String code() {
    return name();
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** AWS's usual message for this code (IAM wording). */
  public String defaultMessage() {
    return defaultMessage;
  }

  /**
   * AWS's usual message as the given service words it: STS says {@code InvalidClientTokenId}
   * without the trailing period IAM adds (reference §1.6); every other code reads the same for
   * both.
   */
  public String defaultMessage(String service) {
    if (this == InvalidClientTokenId && "sts".equals(service)) {
      return "The security token included in the request is invalid";
    }
    return defaultMessage;
  }
}
