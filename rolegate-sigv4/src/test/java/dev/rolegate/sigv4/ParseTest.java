package dev.rolegate.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.sigv4.ParseResult.Failure;
import dev.rolegate.sigv4.ParseResult.Signed;
import dev.rolegate.sigv4.ParseResult.Unsigned;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SigV4#parse}: finding the mechanism, and AWS's messages for malformed authentication. */
class ParseTest {
  static final String SCOPE = "AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request";
  static final String SIG = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
  static final String GOOD =
      "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, Signature=" + SIG;
  static final String DATE = "20150830T123600Z";
  static final String PRESIGN =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1"
          + "%2Fsts%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Signature="
          + SIG;

  static SignableRequest request(String query, String... nameValues) {
    List<Header> headers = new ArrayList<>();
    headers.add(new Header("Host", "iam.amazonaws.com"));
    for (int i = 0; i < nameValues.length; i += 2) {
      headers.add(new Header(nameValues[i], nameValues[i + 1]));
    }
    return new SignableRequest(
        "POST",
        "/",
        query,
        headers,
        "Action=ListUsers&Version=2010-05-08".getBytes(StandardCharsets.UTF_8));
  }

  static Failure failure(ParseResult result) {
    assertThat(result).isInstanceOf(Failure.class);
    return (Failure) result;
  }

  static Signed signed(ParseResult result) {
    assertThat(result).isInstanceOf(Signed.class);
    return (Signed) result;
  }

  @Test
  void withoutAuthorizationHeaderOrQueryAlgorithmTheRequestIsUnsigned() {
    assertThat(SigV4.parse(request(null, "Content-Type", "application/x-www-form-urlencoded")))
        .isEqualTo(new Unsigned());
    // Other X-Amz-* parameters without X-Amz-Algorithm, or SigV2 query parameters, are not SigV4
    // auth.
    assertThat(SigV4.parse(request("X-Amz-Credential=AKID%2F20150830&X-Amz-Signature=ab")))
        .isEqualTo(new Unsigned());
    assertThat(SigV4.parse(request("AWSAccessKeyId=AKID&SignatureVersion=2&Signature=abc%3D")))
        .isEqualTo(new Unsigned());
  }

  @Test
  void headerFormGivesEveryField() {
    Signed s = signed(SigV4.parse(request(null, "X-Amz-Date", DATE, "Authorization", GOOD)));

    assertThat(s.accessKeyId()).isEqualTo("AKIDEXAMPLE");
    assertThat(s.date()).isEqualTo("20150830");
    assertThat(s.region()).isEqualTo("us-east-1");
    assertThat(s.service()).isEqualTo("iam");
    assertThat(s.credentialScope()).isEqualTo("20150830/us-east-1/iam/aws4_request");
    assertThat(s.signedHeaders()).containsExactly("host", "x-amz-date");
    assertThat(s.signature()).isEqualTo(SIG);
    assertThat(s.requestTime()).isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
    assertThat(s.securityToken()).isNull();
    assertThat(s.presigned()).isFalse();
    assertThat(s.expiresSeconds()).isZero();
  }

  @Test
  void headerFormToleratesMissingSpacesMixedCaseNamesAndTrailingCredentialSlash() {
    String authorization =
        "AWS4-HMAC-SHA256  Credential="
            + SCOPE
            + "/,SignedHeaders=X-Amz-Date;Host,Signature="
            + SIG;

    Signed s =
        signed(SigV4.parse(request(null, "x-amz-date", DATE, "authorization", authorization)));

    assertThat(s.signedHeaders()).containsExactly("host", "x-amz-date");
    assertThat(s.service()).isEqualTo("iam");
  }

  @Test
  void missingCredentialIsIncompleteSignatureQuotingTheHeader() {
    String authorization = "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=" + SIG;

    assertThat(SigV4.parse(request(null, "X-Amz-Date", DATE, "Authorization", authorization)))
        .isEqualTo(
            new Failure(
                SigV4Error.IncompleteSignature,
                "Authorization header requires 'Credential' parameter. Authorization="
                    + authorization));
  }

  @Test
  void everyMissingPartIsListedInAwsOrder() {
    assertThat(SigV4.parse(request(null, "Authorization", "AWS4-HMAC-SHA256")))
        .isEqualTo(
            new Failure(
                SigV4Error.IncompleteSignature,
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature'"
                    + " parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header"
                    + " requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256"));
  }

  @Test
  void missingSignatureAndSignedHeaders() {
    String authorization = "AWS4-HMAC-SHA256 Credential=" + SCOPE;

    assertThat(SigV4.parse(request(null, "X-Amz-Date", DATE, "Authorization", authorization)))
        .isEqualTo(
            new Failure(
                SigV4Error.IncompleteSignature,
                "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders'"
                    + " parameter. Authorization="
                    + authorization));
  }

  @Test
  void aPartWithoutEqualSign() {
    String authorization =
        "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeadershost;x-amz-date, Signature=" + SIG;

    assertThat(SigV4.parse(request(null, "X-Amz-Date", DATE, "Authorization", authorization)))
        .isEqualTo(
            new Failure(
                SigV4Error.IncompleteSignature,
                "'SignedHeadershost;x-amz-date' not a valid key=value pair (missing equal-sign) in Authorization"
                    + " header: '"
                    + authorization
                    + "'."));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "AWS4-HMAC-SHA1 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request|AWS4-HMAC-SHA1",
        "AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20150830/iam/aws4_request|AWS4-ECDSA-P256-SHA256",
        "aws4-hmac-sha256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request|aws4-hmac-sha256",
        "AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=|AWS",
        "Bearer eyJhbGciOiJIUzI1NiJ9|Bearer"
      })
  void anotherAlgorithmIsUnsupported(String authorization, String algorithm) {
    assertThat(SigV4.parse(request(null, "X-Amz-Date", DATE, "Authorization", authorization)))
        .isEqualTo(
            new Failure(
                SigV4Error.IncompleteSignature,
                "Unsupported AWS 'algorithm': '"
                    + algorithm
                    + "' (only AWS4-HMAC-SHA256 for now)."));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AKIDEXAMPLE/20150830/us-east-1/aws4_request",
        "AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request/extra",
        "AKIDEXAMPLE",
        "/20150830/us-east-1/iam/aws4_request",
        "AKIDEXAMPLE/20150830//iam/aws4_request"
      })
  void aCredentialWithoutFiveElementsIsIncomplete(String credential) {
    String authorization =
        "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=host, Signature=" + SIG;

    assertThat(SigV4.parse(request(null, "X-Amz-Date", DATE, "Authorization", authorization)))
        .isEqualTo(
            new Failure(
                SigV4Error.IncompleteSignature,
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
                    + credential
                    + "'"));
  }

  @Test
  void aWrongTerminatorIsASignatureMismatch() {
    String authorization =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws5_request,"
            + " SignedHeaders=host, Signature="
            + SIG;

    assertThat(SigV4.parse(request(null, "X-Amz-Date", DATE, "Authorization", authorization)))
        .isEqualTo(
            new Failure(
                SigV4Error.SignatureDoesNotMatch,
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2015-08-30T12:36:00Z", "20150830T123600", "20151330T123600Z", "201"})
  void anXAmzDateNotInBasicFormatIsIncomplete(String date) {
    assertThat(SigV4.parse(request(null, "X-Amz-Date", date, "Authorization", GOOD)))
        .isEqualTo(
            new Failure(
                SigV4Error.IncompleteSignature,
                "Date must be in ISO-8601 'basic format'. Got '"
                    + date
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601"));
  }

  @Test
  void theDateHeaderServesWhenXAmzDateIsAbsentAndXAmzDateWinsOverIt() {
    Signed fromDate =
        signed(
            SigV4.parse(
                request(null, "Date", "Sun, 30 Aug 2015 12:36:00 GMT", "Authorization", GOOD)));
    Signed fromAmz =
        signed(
            SigV4.parse(
                request(
                    null,
                    "Date",
                    "Mon, 31 Aug 2015 00:00:00 GMT",
                    "X-Amz-Date",
                    DATE,
                    "Authorization",
                    GOOD)));

    assertThat(fromDate.requestTime()).isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
    assertThat(fromAmz.requestTime()).isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
  }

  @Test
  void headerAndQueryAuthenticationTogetherAreRejected() {
    assertThat(
            SigV4.parse(
                request(PRESIGN + "&X-Amz-Expires=60", "X-Amz-Date", DATE, "Authorization", GOOD)))
        .isEqualTo(new Failure(SigV4Error.IncompleteSignature, SigV4Messages.ONE_MECHANISM));
  }

  @Test
  void theSecurityTokenComesFromTheHeaderOrTheQueryInEitherForm() {
    String token = "FwoGZXIvYXdzE//token+with=specials";
    String encoded = "FwoGZXIvYXdzE%2F%2Ftoken%2Bwith%3Dspecials";

    assertThat(
            signed(
                    SigV4.parse(
                        request(
                            null,
                            "X-Amz-Date",
                            DATE,
                            "X-Amz-Security-Token",
                            token,
                            "Authorization",
                            GOOD)))
                .securityToken())
        .isEqualTo(token);
    assertThat(
            signed(
                    SigV4.parse(
                        request(
                            "X-Amz-Security-Token=" + encoded,
                            "X-Amz-Date",
                            DATE,
                            "Authorization",
                            GOOD)))
                .securityToken())
        .isEqualTo(token);
    assertThat(
            signed(
                    SigV4.parse(
                        request(PRESIGN + "&X-Amz-Expires=60&X-Amz-Security-Token=" + encoded)))
                .securityToken())
        .isEqualTo(token);
    assertThat(
            signed(
                    SigV4.parse(
                        request(PRESIGN + "&X-Amz-Expires=60", "x-amz-security-token", token)))
                .securityToken())
        .isEqualTo(token);
    assertThat(signed(SigV4.parse(request(PRESIGN + "&X-Amz-Expires=60"))).securityToken())
        .isNull();
  }

  @Test
  void presignedFormGivesEveryField() {
    Signed s =
        signed(
            SigV4.parse(
                request(
                    "Action=GetCallerIdentity&Version=2011-06-15&"
                        + PRESIGN
                        + "&X-Amz-Expires=900")));

    assertThat(s.accessKeyId()).isEqualTo("AKIDEXAMPLE");
    assertThat(s.credentialScope()).isEqualTo("20150830/us-east-1/sts/aws4_request");
    assertThat(s.signedHeaders()).containsExactly("host");
    assertThat(s.signature()).isEqualTo(SIG);
    assertThat(s.requestTime()).isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
    assertThat(s.presigned()).isTrue();
    assertThat(s.expiresSeconds()).isEqualTo(900);
  }

  @Test
  void presignedQueryMissingEverythingListsEachParameter() {
    assertThat(SigV4.parse(request("X-Amz-Algorithm=AWS4-HMAC-SHA256&Action=GetCallerIdentity")))
        .isEqualTo(
            new Failure(
                SigV4Error.IncompleteSignature,
                "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include"
                    + " 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. AWS"
                    + " query-string parameters must include 'X-Amz-Date'. AWS query-string parameters must include"
                    + " 'X-Amz-Expires'. Re-examine the query-string parameters."));
  }

  @Test
  void presignedWithAnotherAlgorithmIsUnsupported() {
    assertThat(
            SigV4.parse(
                request(
                    PRESIGN.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512") + "&X-Amz-Expires=60")))
        .isEqualTo(
            new Failure(
                SigV4Error.IncompleteSignature,
                "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now)."));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "abc|X-Amz-Expires should be a number",
        "1.5|X-Amz-Expires should be a number",
        "-1|X-Amz-Expires must be non-negative",
        "604801|X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less"
            + " than 604800 seconds",
        "99999999999999999999999|X-Amz-Expires must be less than a week (in seconds); that is, the given"
            + " X-Amz-Expires must be less than 604800 seconds"
      })
  void aBadXAmzExpiresIsIncomplete(String expires, String message) {
    assertThat(SigV4.parse(request(PRESIGN + "&X-Amz-Expires=" + expires)))
        .isEqualTo(new Failure(SigV4Error.IncompleteSignature, message));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 900, 604800})
  void xAmzExpiresUpToAWeekIsAccepted(long expires) {
    assertThat(signed(SigV4.parse(request(PRESIGN + "&X-Amz-Expires=" + expires))).expiresSeconds())
        .isEqualTo(expires);
  }

  @Test
  void toStringNeverShowsTheSessionToken() {
    Signed s =
        signed(
            SigV4.parse(
                request(
                    null,
                    "X-Amz-Date",
                    DATE,
                    "X-Amz-Security-Token",
                    "SECRET-TOKEN",
                    "Authorization",
                    GOOD)));

    assertThat(s.toString()).doesNotContain("SECRET-TOKEN").contains("securityToken=present");
    assertThat(request("X-Amz-Security-Token=SECRET-TOKEN").toString())
        .doesNotContain("SECRET-TOKEN");
  }

  @Test
  void recordsCheckTheirArguments() {
    Instant t = Instant.parse("2015-08-30T12:36:00Z");
    List<String> host = List.of("host");
    assertThatThrownBy(
            () -> new Signed("AKID", "20150830", "r", "s", host, SIG, t, null, false, 60))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Signed("AKID", "20150830", "r", "s", host, SIG, t, null, true, 604801))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Signed("", "20150830", "r", "s", host, SIG, t, null, false, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Signed("AKID", "20150830", "r", "s", host, SIG, null, null, false, 0))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Header("", "v")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignableRequest(null, "/", null, List.of(), null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new VerifyOptions(true, 604801, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ParseResult.Failure(null, "m"))
        .isInstanceOf(NullPointerException.class);

    SignableRequest r = new SignableRequest("GET", "/", null, List.of(), null);
    assertThat(r.rawQuery()).isEmpty();
    assertThat(r.body()).isEmpty();
  }
}
