package dev.rolegate.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class SmokeTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theRootUserIsWhoTheSdkSays() {
    try (StsClient sts = server.sts(server.rootCredentials())) {
      GetCallerIdentityResponse me = sts.getCallerIdentity();
      assertThat(me.account()).isEqualTo(TestServer.ACCOUNT);
      assertThat(me.arn()).isEqualTo("arn:aws:iam::123456789012:root");
      assertThat(me.userId()).isEqualTo(TestServer.ACCOUNT);
    }
  }
}
