package dev.rolegate.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The base of most end-to-end tests: one real server per test class (in memory, test mode), reset
 * before each test, and an IAM client signed by the default account's root user.
 */
abstract class ServerTest {
  static TestServer server;
  static IamClient iam;

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
    iam = server.iam(server.rootCredentials());
  }

  @AfterAll
  static void stopServer() {
    iam.close();
    server.close();
  }

  @BeforeEach
  void resetServer() {
    server.reset();
  }
}
