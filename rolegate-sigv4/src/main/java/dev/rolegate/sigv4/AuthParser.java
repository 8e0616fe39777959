package dev.rolegate.sigv4;

import static dev.rolegate.sigv4.SigV4Error.IncompleteSignature;
import static dev.rolegate.sigv4.SigV4Error.SignatureDoesNotMatch;

import dev.rolegate.sigv4.ParseResult.Failure;
import dev.rolegate.sigv4.ParseResult.Signed;
import dev.rolegate.sigv4.ParseResult.Unsigned;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Finds and parses the authentication of a request (reference §7.1, §7.3, §7.4 steps 1–2). */
final class AuthParser {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
  static final String X_AMZ_CREDENTIAL = "X-Amz-Credential";
  static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
  static final String X_AMZ_SIGNED_HEADERS = "X-Amz-SignedHeaders";
  static final String X_AMZ_DATE = "X-Amz-Date";
  static final String X_AMZ_EXPIRES = "X-Amz-Expires";
  static final String X_AMZ_SECURITY_TOKEN = "X-Amz-Security-Token";

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  private AuthParser() {}

  static ParseResult parse(SignableRequest req) {
    String authorization = req.firstHeader("Authorization");
    String queryAlgorithm = Canonical.queryParam(req.rawQuery(), X_AMZ_ALGORITHM);
    if (authorization == null && queryAlgorithm == null) {
      return new Unsigned();
    }
    if (authorization != null && queryAlgorithm != null) {
      return new Failure(IncompleteSignature, SigV4Messages.ONE_MECHANISM);
    }
    return authorization != null
        ? parseHeader(req, authorization)
        : parseQuery(req, queryAlgorithm);
  }

  /** {@code AWS4-HMAC-SHA256 Credential=AKID/scope, SignedHeaders=a;b, Signature=hex}. */
  private static ParseResult parseHeader(SignableRequest req, String authorization) {
    String value = authorization.trim();
    int space = indexOfWhitespace(value);
    String algorithm = space < 0 ? value : value.substring(0, space);
    if (!algorithm.equals(ALGORITHM)) {
      return new Failure(IncompleteSignature, SigV4Messages.unsupportedAlgorithm(algorithm));
    }
    Map<String, String> params = new HashMap<>();
    for (String part : (space < 0 ? "" : value.substring(space + 1)).split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        return new Failure(IncompleteSignature, SigV4Messages.notKeyValue(p, authorization));
      }
      params.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
    }
    List<String> problems = new ArrayList<>();
    requireParam(params, "Credential", problems);
    requireParam(params, "Signature", problems);
    if (!params.containsKey(
        "SignedHeaders")) { // may be empty here: the host check rejects that later
      problems.add(SigV4Messages.headerRequires("SignedHeaders"));
    }
    String amzDate = req.firstHeader(X_AMZ_DATE);
    String httpDate = amzDate == null ? req.firstHeader("Date") : null;
    if (amzDate == null && httpDate == null) {
      problems.add(SigV4Messages.DATE_REQUIRED);
    }
    if (!problems.isEmpty()) {
      return new Failure(
          IncompleteSignature, SigV4Messages.incompleteHeader(problems, authorization));
    }
    Instant time =
        amzDate != null ? AmzDate.parseBasic(amzDate.trim()) : AmzDate.parseHttpDate(httpDate);
    if (time == null) {
      return new Failure(
          IncompleteSignature, SigV4Messages.badDate(amzDate != null ? amzDate : httpDate));
    }
    String token =
        firstNonNull(
            req.firstHeader(X_AMZ_SECURITY_TOKEN),
            Canonical.queryParam(req.rawQuery(), X_AMZ_SECURITY_TOKEN));
    return signed(
        params.get("Credential"),
        params.get("SignedHeaders"),
        params.get("Signature"),
        time,
        token,
        false,
        0);
  }

  /**
   * X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders,
   * X-Amz-Signature.
   */
  private static ParseResult parseQuery(SignableRequest req, String algorithm) {
    if (!algorithm.equals(ALGORITHM)) {
      return new Failure(IncompleteSignature, SigV4Messages.unsupportedAlgorithm(algorithm));
    }
    String query = req.rawQuery();
    String credential = Canonical.queryParam(query, X_AMZ_CREDENTIAL);
    String signature = Canonical.queryParam(query, X_AMZ_SIGNATURE);
    String signedHeaders = Canonical.queryParam(query, X_AMZ_SIGNED_HEADERS);
    String date = Canonical.queryParam(query, X_AMZ_DATE);
    String expires = Canonical.queryParam(query, X_AMZ_EXPIRES);
    List<String> missing = new ArrayList<>();
    addIfEmpty(credential, X_AMZ_CREDENTIAL, missing);
    addIfEmpty(signature, X_AMZ_SIGNATURE, missing);
    if (signedHeaders == null) {
      missing.add(X_AMZ_SIGNED_HEADERS);
    }
    addIfEmpty(date, X_AMZ_DATE, missing);
    addIfEmpty(expires, X_AMZ_EXPIRES, missing);
    if (!missing.isEmpty()) {
      return new Failure(IncompleteSignature, SigV4Messages.incompleteQuery(missing));
    }
    Instant time = AmzDate.parseBasic(date);
    if (time == null) {
      return new Failure(IncompleteSignature, SigV4Messages.badDate(date));
    }
    if (!INTEGER.matcher(expires).matches()) {
      return new Failure(IncompleteSignature, SigV4Messages.EXPIRES_NOT_NUMBER);
    }
    BigInteger expiresValue = new BigInteger(expires);
    if (expiresValue.signum() < 0) {
      return new Failure(IncompleteSignature, SigV4Messages.EXPIRES_NEGATIVE);
    }
    if (expiresValue.compareTo(BigInteger.valueOf(ParseResult.MAX_EXPIRES_SECONDS)) > 0) {
      return new Failure(IncompleteSignature, SigV4Messages.EXPIRES_TOO_LARGE);
    }
    String token =
        firstNonNull(
            Canonical.queryParam(query, X_AMZ_SECURITY_TOKEN),
            req.firstHeader(X_AMZ_SECURITY_TOKEN));
    return signed(
        credential, signedHeaders, signature.trim(), time, token, true, expiresValue.longValue());
  }

  private static ParseResult signed(
      String credential,
      String signedHeaders,
      String signature,
      Instant time,
      String token,
      boolean presigned,
      long expires) {
    // String.split drops trailing empty strings: AWS ignores trailing slashes in the credential
    // too.
    String[] parts = credential.split("/");
    if (parts.length != 5 || parts[0].isEmpty() || parts[2].isEmpty() || parts[3].isEmpty()) {
      return new Failure(IncompleteSignature, SigV4Messages.credentialElements(credential));
    }
    if (!parts[4].equals(SigV4.TERMINATOR)) {
      return new Failure(SignatureDoesNotMatch, SigV4Messages.badTerminator(parts[4]));
    }
    List<String> headers =
        Canonical.normalizeSignedHeaders(Arrays.asList(signedHeaders.split(";")));
    String trimmedToken = token == null ? null : token.trim();
    return new Signed(
        parts[0],
        parts[1],
        parts[2],
        parts[3],
        headers,
        signature,
        time,
        trimmedToken,
        presigned,
        expires);
  }

  private static void requireParam(Map<String, String> params, String name, List<String> problems) {
    String v = params.get(name);
    if (v == null || v.isEmpty()) {
      problems.add(SigV4Messages.headerRequires(name));
    }
  }

  private static void addIfEmpty(String value, String name, List<String> missing) {
    if (value == null || value.isEmpty()) {
      missing.add(name);
    }
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
