package dev.rolegate.tests;

import dev.rolegate.core.AccountService;
import dev.rolegate.server.HttpServer;
import dev.rolegate.server.Rolegate;
import dev.rolegate.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A real Rolegate server on a free loopback port, in memory, in test mode, with the default account
 * 123456789012 and its root key. Start one per test class; {@link #reset()} between tests.
 */
public final class TestServer implements AutoCloseable {
  public static final String ACCOUNT = "123456789012";

  /** The decision API's token on servers started with an enforcement mode. */
  public static final String AUTHORIZE_TOKEN = "test-decision-api-token-0123456789";

  private final Rolegate rolegate;
  private final HttpServer http;
  private final int port;
  private final AccountService.CreatedAccount root;

  private TestServer(
      Rolegate rolegate, HttpServer http, int port, AccountService.CreatedAccount root) {
    this.rolegate = rolegate;
    this.http = http;
    this.port = port;
    this.root = root;
  }

  public static TestServer start() {
    return start(false);
  }

  /**
   * A server in --dev mode: test/test and keys Rolegate never issued are the default account's
   * root.
   */
  public static TestServer startDev() {
    return start(true);
  }

  private static TestServer start(boolean dev) {
    return start(
        new ServerConfig(
            "127.0.0.1",
            0,
            Path.of("target/unused"),
            true,
            dev,
            true,
            ACCOUNT,
            ServerConfig.DEFAULT_MAX_BODY));
  }

  /** A test-mode server with the given --enforcement (and --explain lines). */
  public static TestServer start(dev.rolegate.core.auth.Enforcement enforcement) {
    return start(
        new ServerConfig(
            "127.0.0.1",
            0,
            Path.of("target/unused"),
            true,
            false,
            true,
            ACCOUNT,
            ServerConfig.DEFAULT_MAX_BODY,
            enforcement,
            true,
            AUTHORIZE_TOKEN));
  }

  private static TestServer start(ServerConfig config) {
    Rolegate rolegate = new Rolegate(config, Clock.systemUTC());
    AccountService.CreatedAccount root = rolegate.bootstrap();
    HttpServer http = new HttpServer(rolegate);
    try {
      return new TestServer(rolegate, http, http.start(), root);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The IAM and STS actions this server implements (the rest answer InvalidAction). */
  public java.util.Set<String> implementedActions() {
    return rolegate.queries().implemented();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** The default account's root key. */
  public AwsBasicCredentials rootCredentials() {
    return AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey());
  }

  /** A new account (with its root key), as the admin API creates them. */
  public AwsBasicCredentials newAccount(String accountId) {
    AccountService.CreatedAccount a = rolegate.accounts().create(accountId);
    return AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey());
  }

  /** Wipes all state and re-creates the default account with the same root key. */
  public void reset() {
    rolegate.reset();
  }

  /**
   * How far this server's clock runs ahead of the real one (admin requests are signed at the
   * server's time).
   */
  private long clockOffsetSeconds;

  /**
   * Moves the server's clock with {@code POST /_rolegate/clock} (test mode), by a signed admin
   * request; the offset is remembered so the next request is signed at the server's time.
   */
  public synchronized void advanceClock(long seconds) {
    try {
      java.net.http.HttpResponse<String> r =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  AdminRequests.signedPost(
                      endpoint(),
                      "/_rolegate/clock",
                      "{\"advanceSeconds\":" + seconds + "}",
                      rootCredentials(),
                      clockOffsetSeconds),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "POST /_rolegate/clock answered " + r.statusCode() + ": " + r.body());
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    clockOffsetSeconds += seconds;
  }

  public IamClient iam(AwsCredentials credentials) {
    return IamClient.builder()
        .endpointOverride(endpoint())
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public StsClient sts(AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /**
   * An STS client that signs nothing, for the unsigned AssumeRoleWithWebIdentity /
   * AssumeRoleWithSAML.
   */
  public StsClient anonymousSts() {
    return StsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public static AwsSessionCredentials session(
      software.amazon.awssdk.services.sts.model.Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  @Override
  public void close() {
    http.close();
    rolegate.close();
  }
}
