package dev.rolegate.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.sigv4.VerifyResult.Failure;
import dev.rolegate.sigv4.VerifyResult.Verified;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link SigV4#verify}: time windows, scope checks, payload hash, tokens; exact AWS messages. */
class VerifyTest {
  static final Instant T = Instant.parse("2015-08-30T12:36:00Z");
  static final Failure MISMATCH =
      new Failure(SigV4Error.SignatureDoesNotMatch, SigV4Messages.SIGNATURE_MISMATCH);

  static SignableRequest form(String host, String body, Header... extra) {
    List<Header> headers =
        new ArrayList<>(
            List.of(
                new Header("Host", host),
                new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")));
    headers.addAll(List.of(extra));
    return new SignableRequest("POST", "/", null, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  static SignableRequest get(String query) {
    return new SignableRequest(
        "GET", "/", query, List.of(new Header("Host", "sts.amazonaws.com")), null);
  }

  static VerifyResult verify(SignableRequest request, Instant now) {
    return verify(request, now, VerifyOptions.DEFAULT);
  }

  static VerifyResult verify(SignableRequest request, Instant now, VerifyOptions options) {
    return SigV4.verify(
        request, VectorSuiteTest.signed(request), new TestSigner().secret, now, options);
  }

  static SignableRequest headerSigned() {
    return new TestSigner()
        .signHeaders(form("iam.amazonaws.com", "Action=ListUsers&Version=2010-05-08"))
        .request();
  }

  @Test
  void headerFormAcceptsUpTo15MinutesOfPastSkew() {
    assertThat(verify(headerSigned(), T.plusSeconds(15 * 60))).isEqualTo(new Verified());
    assertThat(verify(headerSigned(), T.plusSeconds(15 * 60 + 1))).isInstanceOf(Failure.class);
  }

  @Test
  void anOldHeaderSignatureHasExpiredWithAwsMessage() {
    assertThat(verify(headerSigned(), Instant.parse("2015-08-30T13:01:00Z")))
        .isEqualTo(
            new Failure(
                SigV4Error.SignatureDoesNotMatch,
                "Signature expired: 20150830T123600Z is now earlier than 20150830T124600Z (20150830T130100Z - 15 min.)"));
  }

  @Test
  void headerFormAcceptsUpTo15MinutesOfFutureSkew() {
    assertThat(verify(headerSigned(), T.minusSeconds(15 * 60))).isEqualTo(new Verified());
    assertThat(verify(headerSigned(), T.minusSeconds(15 * 60 + 1))).isInstanceOf(Failure.class);
  }

  @Test
  void aFutureHeaderSignatureIsNotYetCurrentWithAwsMessage() {
    assertThat(verify(headerSigned(), Instant.parse("2015-08-30T12:10:00.750Z")))
        .isEqualTo(
            new Failure(
                SigV4Error.SignatureDoesNotMatch,
                "Signature not yet current: 20150830T123600Z is still later than 20150830T122500Z (20150830T121000Z + 15 min.)"));
  }

  @Test
  void aPresignedUrlIsValidUntilXAmzDatePlusXAmzExpires() {
    SignableRequest url =
        new TestSigner().presign(get("Action=GetCallerIdentity&Version=2011-06-15"), 60).request();

    assertThat(verify(url, T)).isEqualTo(new Verified());
    assertThat(verify(url, T.plusSeconds(60))).isEqualTo(new Verified());
    assertThat(verify(url, T.plusSeconds(61)))
        .isEqualTo(new Failure(SigV4Error.AccessDenied, "Request has expired"));
  }

  @Test
  void xAmzExpiresIsHonouredBeyond15MinutesByDefaultAndCanBeCapped() {
    SignableRequest url =
        new TestSigner()
            .presign(get("Action=GetCallerIdentity&Version=2011-06-15"), 3600)
            .request();
    VerifyOptions stsLike = VerifyOptions.DEFAULT.withPresignedMaxValiditySeconds(900);

    assertThat(verify(url, T.plusSeconds(3600))).isEqualTo(new Verified());
    assertThat(verify(url, T.plusSeconds(3601)))
        .isEqualTo(new Failure(SigV4Error.AccessDenied, "Request has expired"));
    assertThat(verify(url, T.plusSeconds(900), stsLike)).isEqualTo(new Verified());
    assertThat(verify(url, T.plusSeconds(901), stsLike))
        .isEqualTo(new Failure(SigV4Error.AccessDenied, "Request has expired"));
  }

  @Test
  void aPresignedUrlDatedMoreThan15MinutesAheadIsNotYetCurrent() {
    SignableRequest url =
        new TestSigner()
            .presign(get("Action=GetCallerIdentity&Version=2011-06-15"), 3600)
            .request();

    assertThat(verify(url, T.minusSeconds(15 * 60))).isEqualTo(new Verified());
    assertThat(verify(url, Instant.parse("2015-08-30T12:20:59Z")))
        .isEqualTo(
            new Failure(
                SigV4Error.SignatureDoesNotMatch,
                "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T122059Z + 15 min.)"));
  }

  @Test
  void hostMustBeSigned() {
    TestSigner signer = new TestSigner();
    signer.signedHeaders = List.of("content-type", "x-amz-date");
    SignableRequest request =
        signer.signHeaders(form("iam.amazonaws.com", "Action=ListUsers")).request();

    assertThat(verify(request, T))
        .isEqualTo(
            new Failure(
                SigV4Error.SignatureDoesNotMatch,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
  }

  @Test
  void theScopeDateMustBeTheRequestDate() {
    SignableRequest signed = headerSigned();
    SignableRequest request =
        VectorSuiteTest.withHeader(
            signed,
            "Authorization",
            signed.firstHeader("Authorization").replace("/20150830/", "/20150829/"));

    assertThat(verify(request, T))
        .isEqualTo(
            new Failure(
                SigV4Error.SignatureDoesNotMatch,
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150829' !="
                    + " '20150830', from '20150830T123600Z'."));
  }

  @Test
  void aSignedHeaderTheRequestLacksIsAMismatch() {
    SignableRequest signed =
        new TestSigner()
            .signHeaders(form("iam.amazonaws.com", "Action=ListUsers", new Header("X-Custom", "v")))
            .request();
    List<Header> without = new ArrayList<>(signed.headers());
    without.removeIf(h -> h.hasName("X-Custom"));

    SignableRequest request = new SignableRequest("POST", "/", null, without, signed.body());

    assertThat(verify(request, T)).isEqualTo(MISMATCH);
  }

  @Test
  void anXAmzContentSha256HeaderMustMatchTheBody() {
    TestSigner signer = new TestSigner();
    signer.contentSha256Header = true;
    SignableRequest signed =
        signer.signHeaders(form("iam.amazonaws.com", "Action=ListUsers")).request();
    SignableRequest changedBody =
        new SignableRequest(
            "POST",
            "/",
            null,
            signed.headers(),
            "Action=ListRoles".getBytes(StandardCharsets.UTF_8));

    assertThat(verify(signed, T)).isEqualTo(new Verified());
    assertThat(verify(changedBody, T)).isEqualTo(MISMATCH);
  }

  @Test
  void unsignedPayloadIsAcceptedUnlessDisallowed() {
    SignableRequest signed =
        new TestSigner()
            .signHeaders(
                form(
                    "iam.amazonaws.com",
                    "Action=ListUsers",
                    new Header("X-Amz-Content-SHA256", SigV4.UNSIGNED_PAYLOAD)))
            .request();
    SignableRequest changedBody =
        new SignableRequest(
            "POST",
            "/",
            null,
            signed.headers(),
            "Action=ListRoles".getBytes(StandardCharsets.UTF_8));

    assertThat(verify(signed, T)).isEqualTo(new Verified());
    assertThat(verify(changedBody, T)).isEqualTo(new Verified()); // what UNSIGNED-PAYLOAD means
    assertThat(verify(signed, T, VerifyOptions.DEFAULT.withAllowUnsignedPayload(false)))
        .isEqualTo(MISMATCH);
  }

  @Test
  void aSignedSessionTokenCannotBeSwapped() {
    TestSigner signer = new TestSigner();
    signer.token = "token-one";
    SignableRequest url =
        signer.presign(get("Action=GetCallerIdentity&Version=2011-06-15"), 60).request();
    SignableRequest swapped = get(url.rawQuery().replace("token-one", "token-two"));
    SignableRequest header =
        signer.signHeaders(form("sts.amazonaws.com", "Action=GetCallerIdentity")).request();

    assertThat(verify(url, T)).isEqualTo(new Verified());
    assertThat(verify(swapped, T)).isEqualTo(MISMATCH);
    assertThat(verify(VectorSuiteTest.withHeader(header, "X-Amz-Security-Token", "token-two"), T))
        .isEqualTo(MISMATCH);
  }

  @Test
  void aSessionTokenAddedAfterSigningIsAcceptedAndReported() {
    TestSigner signer = new TestSigner();
    signer.token = "late-token";
    signer.tokenAfterSigning = true;
    SignableRequest url =
        signer.presign(get("Action=GetCallerIdentity&Version=2011-06-15"), 60).request();
    SignableRequest header =
        signer.signHeaders(form("sts.amazonaws.com", "Action=GetCallerIdentity")).request();

    assertThat(verify(url, T)).isEqualTo(new Verified());
    assertThat(verify(header, T)).isEqualTo(new Verified());
    assertThat(VectorSuiteTest.signed(url).securityToken()).isEqualTo("late-token");
    assertThat(VectorSuiteTest.signed(header).securityToken()).isEqualTo("late-token");
  }

  @Test
  void theDateHeaderCanDateTheRequest() {
    SignableRequest unsigned =
        form(
            "iam.amazonaws.com",
            "Action=ListUsers",
            new Header("Date", "Sun, 30 Aug 2015 12:36:00 GMT"));
    List<String> names = List.of("content-type", "date", "host");
    String canonical =
        SigV4.canonicalRequest(unsigned, names, SigV4.payloadHash(unsigned), true, Set.of());
    String scope = SigV4.credentialScope("20150830", "us-east-1", "iam");
    String signature =
        SigV4.signature(
            SigV4.signingKey(new TestSigner().secret, "20150830", "us-east-1", "iam"),
            SigV4.stringToSign(T, scope, canonical));
    List<Header> headers = new ArrayList<>(unsigned.headers());
    headers.add(
        new Header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"
                + scope
                + ", SignedHeaders=content-type;date;host, Signature="
                + signature));

    assertThat(verify(new SignableRequest("POST", "/", null, headers, unsigned.body()), T))
        .isEqualTo(new Verified());
  }

  @Test
  void theTimeWindowIsCheckedBeforeTheSignature() {
    SignableRequest signed = headerSigned();
    SignableRequest badSignature =
        VectorSuiteTest.withHeader(
            signed, "Authorization", VectorSuiteTest.flipLast(signed.firstHeader("Authorization")));

    assertThat(((Failure) verify(badSignature, T.plusSeconds(3600))).message())
        .startsWith("Signature expired: ");
    assertThat(verify(badSignature, T)).isEqualTo(MISMATCH);
  }

  @Test
  void anUppercaseSignatureIsNotTheSignature() {
    SignableRequest signed = headerSigned();
    String authorization = signed.firstHeader("Authorization");
    int at = authorization.indexOf("Signature=") + "Signature=".length();
    SignableRequest upper =
        VectorSuiteTest.withHeader(
            signed,
            "Authorization",
            authorization.substring(0, at) + authorization.substring(at).toUpperCase(Locale.ROOT));

    assertThat(verify(upper, T)).isEqualTo(MISMATCH);
  }
}
