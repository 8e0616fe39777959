package dev.rolegate.protocol;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.CredentialResolver;
import dev.rolegate.sigv4.ParseResult;
import dev.rolegate.sigv4.SigV4;
import dev.rolegate.sigv4.SigV4Error;
import dev.rolegate.sigv4.SigV4Messages;
import dev.rolegate.sigv4.SignableRequest;
import dev.rolegate.sigv4.VerifyOptions;
import dev.rolegate.sigv4.VerifyResult;
import java.time.Instant;

/**
 * SigV4 authentication, the one place that parses a request's signature, resolves its access key
 * (long-term or session credentials) and verifies it: used by the IAM/STS endpoint, the admin API
 * and the decision API. Every failure is an {@link AwsServiceException} with AWS's code and
 * message.
 */
public final class SigV4Authenticator {
  /** The caller and the signature's parts (region, service). */
  public record Authenticated(Caller caller, ParseResult.Signed signed) {}

  private final CredentialResolver credentials;

  public SigV4Authenticator(CredentialResolver credentials) {
    this.credentials = credentials;
  }

  /**
   * @param expectedService the signing service the endpoint requires ({@code iam}, {@code sts}), or
   *     null for any
   * @param unsignedMessage the MissingAuthenticationToken message for a request without a signature
   */
  public Authenticated authenticate(
      SignableRequest signable,
      Instant now,
      VerifyOptions options,
      String expectedService,
      String unsignedMessage) {
    ParseResult parsed = SigV4.parse(signable);
    if (parsed instanceof ParseResult.Unsigned) {
      throw new AwsServiceException(AwsErrorCode.MISSING_AUTHENTICATION_TOKEN, unsignedMessage);
    }
    if (parsed instanceof ParseResult.Failure f) {
      throw new AwsServiceException(code(f.error()), f.message());
    }
    ParseResult.Signed signed = (ParseResult.Signed) parsed;
    CredentialResolver.Resolution resolution =
        credentials.resolve(signed.accessKeyId(), signed.securityToken(), now);
    if (resolution instanceof CredentialResolver.Failed f) {
      throw new AwsServiceException(f.code(), f.message());
    }
    CredentialResolver.Found found = (CredentialResolver.Found) resolution;
    if (expectedService != null && !signed.service().equals(expectedService)) {
      throw new AwsServiceException(
          AwsErrorCode.SIGNATURE_DOES_NOT_MATCH, SigV4Messages.wrongService(expectedService));
    }
    if (found.secret() != null
        && SigV4.verify(signable, signed, found.secret(), now, options)
            instanceof VerifyResult.Failure f) {
      throw new AwsServiceException(code(f.error()), f.message());
    }
    if (found.secret() != null) {
      // verified: GetAccessKeyLastUsed. IAM's one endpoint is in us-east-1, whatever region the
      // client signed with
      credentials.recordUse(
          found,
          signed.service(),
          signed.service().equals("iam") ? "us-east-1" : signed.region(),
          now);
    }
    return new Authenticated(found.caller(), signed);
  }

  static AwsErrorCode code(SigV4Error error) {
    return switch (error) {
      case MissingAuthenticationToken -> AwsErrorCode.MISSING_AUTHENTICATION_TOKEN;
      case IncompleteSignature -> AwsErrorCode.INCOMPLETE_SIGNATURE;
      case SignatureDoesNotMatch -> AwsErrorCode.SIGNATURE_DOES_NOT_MATCH;
      case InvalidClientTokenId -> AwsErrorCode.INVALID_CLIENT_TOKEN_ID;
      case ExpiredToken -> AwsErrorCode.EXPIRED_TOKEN;
      case AccessDenied -> AwsErrorCode.ACCESS_DENIED;
    };
  }
}
