package dev.rolegate.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The base of most end-to-end tests: one real server per test class (in memory, test mode), reset
 * before each test, an IAM client signed by the default account's root user, and an unsigned STS
 * client (for the web-identity and SAML calls AWS takes unsigned).
 */
abstract class ServerTest {
  static TestServer server;
  static IamClient iam;
  static StsClient anonymous;

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
    iam = server.iam(server.rootCredentials());
    anonymous = server.anonymousSts();
  }

  @AfterAll
  static void stopServer() {
    anonymous.close();
    iam.close();
    server.close();
  }

  @BeforeEach
  void resetServer() {
    server.reset();
  }
}
