package dev.rolegate.sigv4;

import static dev.rolegate.sigv4.SigV4Error.AccessDenied;
import static dev.rolegate.sigv4.SigV4Error.SignatureDoesNotMatch;

import dev.rolegate.sigv4.ParseResult.Signed;
import dev.rolegate.sigv4.VerifyResult.Failure;
import dev.rolegate.sigv4.VerifyResult.Verified;
import java.time.Instant;
import java.util.Set;

/** Recomputes and checks a parsed signature (reference §7.4 steps 3, 4, 6 and 7). */
final class Verifier {
  /** STS and IAM accept a request time up to 15 minutes either side of the server's clock. */
  static final long SKEW_MINUTES = 15;

  private static final Set<String> PRESIGN_EXCLUDED = Set.of(AuthParser.X_AMZ_SIGNATURE);
  private static final Set<String> PRESIGN_EXCLUDED_WITH_TOKEN =
      Set.of(AuthParser.X_AMZ_SIGNATURE, AuthParser.X_AMZ_SECURITY_TOKEN);

  private Verifier() {}

  static VerifyResult verify(
      SignableRequest req,
      Signed signed,
      String secretAccessKey,
      Instant now,
      VerifyOptions options) {
    Failure timing = checkTime(signed, now, options);
    if (timing != null) {
      return timing;
    }
    if (!signed.signedHeaders().contains("host")) {
      return new Failure(SignatureDoesNotMatch, SigV4Messages.HOST_NOT_SIGNED);
    }
    String requestDate = AmzDate.format(signed.requestTime()).substring(0, 8);
    if (!signed.date().equals(requestDate)) {
      return new Failure(
          SignatureDoesNotMatch,
          SigV4Messages.scopeDateMismatch(signed.date(), signed.requestTime()));
    }
    for (String name : signed.signedHeaders()) {
      if (req.firstHeader(name) == null) { // a header the client says it signed but did not send
        return mismatch();
      }
    }
    String declared = req.firstHeader(SigV4.X_AMZ_CONTENT_SHA256);
    if (declared != null && !acceptablePayloadHash(declared.trim(), req, options)) {
      return mismatch();
    }

    byte[] key =
        Crypto.signingKey(secretAccessKey, signed.date(), signed.region(), signed.service());
    if (!signed.presigned()) {
      return matches(req, signed, key, options, Set.of()) ? new Verified() : mismatch();
    }
    boolean ok = matches(req, signed, key, options, PRESIGN_EXCLUDED);
    // Some clients add X-Amz-Security-Token after signing (reference §7.1: accept it signed or
    // not).
    if (!ok && Canonical.queryParam(req.rawQuery(), AuthParser.X_AMZ_SECURITY_TOKEN) != null) {
      ok = matches(req, signed, key, options, PRESIGN_EXCLUDED_WITH_TOKEN);
    }
    return ok ? new Verified() : mismatch();
  }

  /**
   * UNSIGNED-PAYLOAD if allowed, otherwise the declared hash must be the body's (reference §7.1).
   */
  private static boolean acceptablePayloadHash(
      String declared, SignableRequest req, VerifyOptions options) {
    if (declared.equals(SigV4.UNSIGNED_PAYLOAD)) {
      return options.allowUnsignedPayload();
    }
    if (options.declaredPayloadHash()) {
      return true;
    }
    return declared.equalsIgnoreCase(SigV4.sha256Hex(req.body()));
  }

  private static Failure checkTime(Signed signed, Instant now, VerifyOptions options) {
    Instant time = signed.requestTime();
    long skewSeconds = SKEW_MINUTES * 60;
    if (time.isAfter(now.plusSeconds(skewSeconds))) {
      return new Failure(
          SignatureDoesNotMatch, SigV4Messages.signatureNotYetCurrent(time, now, SKEW_MINUTES));
    }
    if (!signed.presigned()) {
      if (time.isBefore(now.minusSeconds(skewSeconds))) {
        return new Failure(
            SignatureDoesNotMatch, SigV4Messages.signatureExpired(time, now, SKEW_MINUTES));
      }
      return null;
    }
    long validity = Math.min(signed.expiresSeconds(), options.presignedMaxValiditySeconds());
    if (now.isAfter(time.plusSeconds(validity))) {
      return new Failure(AccessDenied, SigV4Messages.REQUEST_EXPIRED);
    }
    return null;
  }

  private static boolean matches(
      SignableRequest req, Signed signed, byte[] key, VerifyOptions options, Set<String> excluded) {
    String canonical =
        SigV4.canonicalRequest(
            req, signed.signedHeaders(), SigV4.payloadHash(req), options.normalizePath(), excluded);
    String stringToSign =
        SigV4.stringToSign(signed.requestTime(), signed.credentialScope(), canonical);
    String expected = SigV4.signature(key, stringToSign);
    return Crypto.constantTimeEquals(expected, signed.signature());
  }

  private static Failure mismatch() {
    return new Failure(SignatureDoesNotMatch, SigV4Messages.SIGNATURE_MISMATCH);
  }
}
