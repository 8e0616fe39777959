package dev.rolegate.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.sigv4.ParseResult.Signed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests signed by botocore 1.43.11 (an independent implementation, the one the AWS CLI and boto3
 * use) for IAM and STS: see src/test/resources/botocore/generate.py.
 */
class BotocoreFixturesTest {
  static final Instant T = Instant.parse("2015-08-30T12:36:00Z");
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final String TOKEN = "FwoGZXIvYXdzEXAMPLE//session+token/with=specials";

  static SignableRequest load(String name) {
    try (InputStream in =
        BotocoreFixturesTest.class.getResourceAsStream("/botocore/" + name + ".http")) {
      return RawHttp.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "iam-post-list-users",
        "iam-post-custom-endpoint",
        "sts-post-session-token",
        "sts-presigned-get-caller-identity",
        "sts-presigned-special-characters"
      })
  void botocoreSignedRequestsVerify(String name) {
    SignableRequest request = load(name);

    assertThat(SigV4.verify(request, VectorSuiteTest.signed(request), SECRET, T))
        .isEqualTo(new VerifyResult.Verified());
    assertThat(SigV4.verify(request, VectorSuiteTest.signed(request), SECRET + "x", T))
        .isInstanceOf(VerifyResult.Failure.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"iam-post-list-users", "iam-post-custom-endpoint", "sts-post-session-token"})
  void changingTheFormBodyBreaksTheSignature(String name) {
    SignableRequest r = load(name);
    SignableRequest changed =
        new SignableRequest(
            r.method(),
            r.rawPath(),
            r.rawQuery(),
            r.headers(),
            (new String(r.body(), StandardCharsets.UTF_8) + "&UserName=mallory")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(SigV4.verify(changed, VectorSuiteTest.signed(changed), SECRET, T))
        .isEqualTo(
            new VerifyResult.Failure(
                SigV4Error.SignatureDoesNotMatch, SigV4Messages.SIGNATURE_MISMATCH));
  }

  @Test
  void iamRequestToACustomEndpointKeepsItsRegionPathAndPort() {
    SignableRequest request = load("iam-post-custom-endpoint");
    Signed s = VectorSuiteTest.signed(request);

    assertThat(s.service()).isEqualTo("iam");
    assertThat(s.region()).isEqualTo("eu-west-1");
    assertThat(request.firstHeader("Host")).isEqualTo("localhost:8443");
    assertThat(SigV4.canonicalRequest(request, s, VerifyOptions.DEFAULT))
        .startsWith("POST\n/iam/\n\n");
  }

  @Test
  void stsSessionTokenIsSignedAsAHeader() {
    Signed s = VectorSuiteTest.signed(load("sts-post-session-token"));

    assertThat(s.accessKeyId()).isEqualTo("ASIAEXAMPLE");
    assertThat(s.credentialScope()).isEqualTo("20150830/us-west-2/sts/aws4_request");
    assertThat(s.signedHeaders())
        .containsExactly("content-type", "host", "x-amz-date", "x-amz-security-token");
    assertThat(s.securityToken()).isEqualTo(TOKEN);
  }

  @Test
  void awsIamAuthenticatorStylePresignedGetCallerIdentity() {
    SignableRequest request = load("sts-presigned-get-caller-identity");
    Signed s = VectorSuiteTest.signed(request);

    assertThat(s.presigned()).isTrue();
    assertThat(s.expiresSeconds()).isEqualTo(60);
    assertThat(s.signedHeaders()).containsExactly("host", "x-k8s-aws-id");
    assertThat(s.securityToken()).isEqualTo(TOKEN);
    assertThat(SigV4.verify(request, s, SECRET, T.plusSeconds(60)))
        .isEqualTo(new VerifyResult.Verified());
    assertThat(SigV4.verify(request, s, SECRET, T.plusSeconds(61)))
        .isEqualTo(new VerifyResult.Failure(SigV4Error.AccessDenied, "Request has expired"));
    SignableRequest otherCluster =
        VectorSuiteTest.withHeader(request, "x-k8s-aws-id", "other-cluster");
    assertThat(SigV4.verify(otherCluster, s, SECRET, T)).isInstanceOf(VerifyResult.Failure.class);
  }
}
