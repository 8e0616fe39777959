package dev.rolegate.sigv4;

import java.time.Instant;
import java.util.List;

/**
 * The messages AWS returns for SigV4 problems, word for word where AWS's wording is known.
 *
 * <p>Sources: docs/aws-reference.md §7.4, §7.5 and §1.6; the Coral-framework (STS/IAM/DynamoDB
 * family) responses recorded by the dynalite project; S3's presigned-URL responses for the
 * X-Amz-Expires and "Request has expired" texts (no STS/IAM wording is known for those).
 */
public final class SigV4Messages {
  public static final String SIGNATURE_MISMATCH =
      "The request signature we calculated does not match the signature you provided. Check your AWS"
          + " Secret Access Key and signing method. Consult the service documentation for details.";
  public static final String DATE_REQUIRED =
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
  public static final String HOST_NOT_SIGNED =
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
  public static final String REEXAMINE_QUERY = "Re-examine the query-string parameters.";
  public static final String REQUEST_EXPIRED = "Request has expired";
  public static final String EXPIRES_NOT_NUMBER = "X-Amz-Expires should be a number";
  public static final String EXPIRES_NEGATIVE = "X-Amz-Expires must be non-negative";
  public static final String EXPIRES_TOO_LARGE =
      "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be"
          + " less than 604800 seconds";
  public static final String ONE_MECHANISM =
      "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query"
          + " string parameter or the Authorization header should be specified";

  private SigV4Messages() {}

  /**
   * {@code Authorization header requires 'Credential' parameter.} (and the same for the others).
   */
  public static String headerRequires(String parameter) {
    return "Authorization header requires '" + parameter + "' parameter.";
  }

  /** The IncompleteSignature message for a header missing parts: each problem, then the header. */
  public static String incompleteHeader(List<String> problems, String authorization) {
    return String.join(" ", problems) + " Authorization=" + authorization;
  }

  /** The IncompleteSignature message for presigned-query parameters that are missing. */
  public static String incompleteQuery(List<String> missingParameters) {
    StringBuilder sb = new StringBuilder();
    for (String p : missingParameters) {
      sb.append("AWS query-string parameters must include '").append(p).append("'. ");
    }
    return sb.append(REEXAMINE_QUERY).toString();
  }

  public static String notKeyValue(String part, String authorization) {
    return "'"
        + part
        + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
        + authorization
        + "'.";
  }

  public static String unsupportedAlgorithm(String algorithm) {
    return "Unsupported AWS 'algorithm': '" + algorithm + "' (only AWS4-HMAC-SHA256 for now).";
  }

  public static String credentialElements(String credential) {
    return "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,"
        + " got '"
        + credential
        + "'";
  }

  public static String badTerminator(String terminator) {
    return "Credential should be scoped with a valid terminator: 'aws4_request', not '"
        + terminator
        + "'.";
  }

  /**
   * For the caller that serves one service: {@code Credential should be scoped to correct service:
   * 'sts'.}
   */
  public static String wrongService(String expectedService) {
    return "Credential should be scoped to correct service: '" + expectedService + "'.";
  }

  /** For a caller that restricts regions. */
  public static String invalidRegion(String region) {
    return "Credential should be scoped to a valid region, not '" + region + "'.";
  }

  public static String scopeDateMismatch(String scopeDate, Instant requestTime) {
    String amzDate = AmzDate.format(requestTime);
    return "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
        + scopeDate
        + "' != '"
        + amzDate.substring(0, 8)
        + "', from '"
        + amzDate
        + "'.";
  }

  public static String badDate(String value) {
    return "Date must be in ISO-8601 'basic format'. Got '"
        + value
        + "'. See http://en.wikipedia.org/wiki/ISO_8601";
  }

  /** {@code Signature expired: <request> is now earlier than <now - 15 min> (<now> - 15 min.)} */
  public static String signatureExpired(Instant requestTime, Instant now, long skewMinutes) {
    return "Signature expired: "
        + AmzDate.format(requestTime)
        + " is now earlier than "
        + AmzDate.format(now.minusSeconds(skewMinutes * 60))
        + " ("
        + AmzDate.format(now)
        + " - "
        + skewMinutes
        + " min.)";
  }

  /**
   * {@code Signature not yet current: <request> is still later than <now + 15 min> (<now> + 15
   * min.)}
   */
  public static String signatureNotYetCurrent(Instant requestTime, Instant now, long skewMinutes) {
    return "Signature not yet current: "
        + AmzDate.format(requestTime)
        + " is still later than "
        + AmzDate.format(now.plusSeconds(skewMinutes * 60))
        + " ("
        + AmzDate.format(now)
        + " + "
        + skewMinutes
        + " min.)";
  }
}
