package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;

/**
 * The AWS SDK for Java v2's own web-identity credential providers (what EKS pods and GitHub Actions
 * use: a token file and a role ARN) against Rolegate, with tokens from a third-party IdP
 * (mock-oauth2-server on loopback): {@code StsWebIdentityTokenFileCredentialsProvider} with an STS
 * client pointed at Rolegate, and {@code WebIdentityTokenFileCredentialsProvider} configured only
 * by the SDK's system properties, building its own STS client.
 */
class WebIdentityTokenFileProviderTest extends ServerTest {
  static final String ISSUER = "pods";
  static final String CLIENT = "sts.amazonaws.com";
  static final String SUBJECT = "system:serviceaccount:default:app";
  static final String ROLE = E2e.roleArn("PodRole");

  static MockOAuth2Server idp;

  @BeforeAll
  static void start() {
    idp = OidcThirdPartyIdpTest.startIdp(new MockOAuth2Server());
  }

  @AfterAll
  static void stop() {
    idp.shutdown();
  }

  @BeforeEach
  void providerAndRole() {
    OidcThirdPartyIdpTest.providerAndRole(
        iam, OidcThirdPartyIdpTest.iss(idp, ISSUER), CLIENT, "PodRole", SUBJECT);
  }

  static String token(String audience) {
    return OidcThirdPartyIdpTest.issue(idp, ISSUER, SUBJECT, audience, 600);
  }

  static String callerArn(AwsCredentials credentials) {
    try (StsClient sts = server.sts(credentials)) {
      return sts.getCallerIdentity().arn();
    }
  }

  /**
   * The SDK's stale time of the refreshing provider: credentials of a 900 s session are stale 5 s
   * after they are issued.
   */
  static final Duration STALE = Duration.ofSeconds(895);

  /**
   * Sleeps until the SDK holds these credentials stale (STALE before their expiration, by the SDK's
   * own clock: Rolegate's test clock cannot move it).
   */
  static void waitUntilStale(AwsCredentials credentials) throws InterruptedException {
    java.time.Instant staleAt = credentials.expirationTime().orElseThrow().minus(STALE);
    long millis = java.time.Duration.between(java.time.Instant.now(), staleAt).toMillis() + 100;
    assertThat(millis).as("credentials are fresh for a few seconds only").isLessThan(5200L);
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  /**
   * With the SDK's default timing the credentials are cached (the token file is not read again).
   * With a stale time of 895 s on 900 s sessions, credentials near their expiry five seconds after
   * they are issued; the next use then refreshes them with the token the file holds at that moment:
   * a refused token surfaces as the provider's error, the IdP's next token gives new credentials.
   */
  @Test
  void stsWebIdentityTokenFileProviderObtainsAndRefreshesCredentialsFromTheTokenFile(
      @TempDir Path dir) throws Exception {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, token(CLIENT));

    try (StsWebIdentityTokenFileCredentialsProvider cached =
        StsWebIdentityTokenFileCredentialsProvider.builder()
            .stsClient(anonymous)
            .roleArn(ROLE)
            .roleSessionName("pod-1")
            .webIdentityTokenFile(tokenFile)
            .build()) {
      AwsCredentials first = cached.resolveCredentials();
      assertThat(first).isInstanceOf(AwsSessionCredentials.class);
      assertThat(first.accessKeyId()).startsWith("ASIA");
      assertThat(first.expirationTime())
          .hasValueSatisfying(
              t -> assertThat(t).isAfter(java.time.Instant.now().plusSeconds(3500)));
      assertThat(callerArn(first))
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/PodRole/pod-1");
      Files.writeString(tokenFile, token("another-audience"));
      assertThat(cached.resolveCredentials().accessKeyId())
          .isEqualTo(first.accessKeyId()); // cached: the file is not read
    }

    Files.writeString(tokenFile, token(CLIENT));
    try (StsWebIdentityTokenFileCredentialsProvider nearExpiry =
        StsWebIdentityTokenFileCredentialsProvider.builder()
            .stsClient(anonymous)
            .roleArn(ROLE)
            .roleSessionName("pod-2")
            .webIdentityTokenFile(tokenFile)
            .refreshRequest(
                b ->
                    b.roleArn(ROLE)
                        .roleSessionName("pod-2")
                        .durationSeconds(900)) // the request replaces roleArn and roleSessionName
            .staleTime(STALE)
            .prefetchTime(STALE)
            .asyncCredentialUpdateEnabled(false)
            .build()) {
      AwsCredentials first = nearExpiry.resolveCredentials();
      assertThat(nearExpiry.resolveCredentials().accessKeyId())
          .isEqualTo(first.accessKeyId()); // not stale yet
      assertThat(first.expirationTime())
          .hasValueSatisfying(
              t -> assertThat(t).isBefore(java.time.Instant.now().plusSeconds(901)));
      assertThat(callerArn(first))
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/PodRole/pod-2");

      waitUntilStale(first);
      AwsCredentials second = nearExpiry.resolveCredentials();
      assertThat(second.accessKeyId()).isNotEqualTo(first.accessKeyId());
      assertThat(callerArn(second))
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/PodRole/pod-2");

      // the refresh reads the file: a token for another audience is refused by Rolegate, and the
      // SDK says so
      Files.writeString(tokenFile, token("another-audience"));
      waitUntilStale(second);
      AwsServiceException aws = findAws(catchThrowable(nearExpiry::resolveCredentials));
      assertThat(aws.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
      assertThat(aws.statusCode()).isEqualTo(400);
      assertThat(aws.awsErrorDetails().errorMessage()).isEqualTo("Incorrect token audience");

      // the IdP's next token, written to the file, gives new credentials again
      Files.writeString(tokenFile, token(CLIENT));
      AwsCredentials third = nearExpiry.resolveCredentials();
      assertThat(third.accessKeyId()).isNotIn(first.accessKeyId(), second.accessKeyId());
      assertThat(callerArn(third))
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/PodRole/pod-2");
    }
  }

  private static AwsServiceException findAws(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AwsServiceException aws) {
        return aws;
      }
    }
    throw new AssertionError("no AWS error in " + t, t);
  }

  /**
   * As on EKS: the SDK's default web-identity provider, configured by aws.webIdentityTokenFile,
   * aws.roleArn, aws.roleSessionName.
   */
  @Test
  void theSdksDefaultWebIdentityProviderWorksFromSystemPropertiesAlone(@TempDir Path dir)
      throws Exception {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, token(CLIENT));
    System.setProperty("aws.webIdentityTokenFile", tokenFile.toString());
    System.setProperty("aws.roleArn", ROLE);
    System.setProperty("aws.roleSessionName", "from-properties");
    System.setProperty("aws.region", "us-east-1");
    System.setProperty("aws.endpointUrlSts", server.endpoint().toString());
    try (WebIdentityTokenFileCredentialsProvider provider =
        WebIdentityTokenFileCredentialsProvider.create()) {
      AwsCredentials creds = provider.resolveCredentials();
      assertThat(creds.accessKeyId()).startsWith("ASIA");
      assertThat(callerArn(creds))
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/PodRole/from-properties");
    } finally {
      for (String p :
          new String[] {
            "aws.webIdentityTokenFile",
            "aws.roleArn",
            "aws.roleSessionName",
            "aws.region",
            "aws.endpointUrlSts"
          }) {
        System.clearProperty(p);
      }
    }
  }
}
