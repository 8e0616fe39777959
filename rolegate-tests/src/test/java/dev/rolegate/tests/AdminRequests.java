package dev.rolegate.tests;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/** SigV4-signed admin API requests, as curl --aws-sigv4 would send them. */
public final class AdminRequests {
  private AdminRequests() {}

  public static HttpRequest signedPost(
      URI endpoint, String path, String body, AwsCredentials creds, long offsetSeconds)
      throws Exception {
    return signed("POST", endpoint, path, body, creds, offsetSeconds);
  }

  /**
   * Moves the test server's clock by {@code seconds} (POST /_rolegate/clock, signed at the server's
   * time: {@code offsetSeconds} ahead of the real one); @return the new offset.
   */
  public static long advanceClock(TestServer server, long seconds, long offsetSeconds)
      throws Exception {
    var r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                signedPost(
                    server.endpoint(),
                    "/_rolegate/clock",
                    "{\"advanceSeconds\":" + seconds + "}",
                    server.rootCredentials(),
                    offsetSeconds),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return offsetSeconds + seconds;
  }

  public static HttpRequest signedPut(URI endpoint, String path, String body, AwsCredentials creds)
      throws Exception {
    return signed("PUT", endpoint, path, body, creds, 0);
  }

  public static HttpRequest signedGet(URI endpoint, String path, AwsCredentials creds)
      throws Exception {
    return signed("GET", endpoint, path, "", "", creds, 0);
  }

  /** A GET with a query string, given in SigV4's canonical form (keys sorted, RFC 3986 encoded). */
  public static HttpRequest signedGet(
      URI endpoint, String path, String canonicalQuery, AwsCredentials creds) throws Exception {
    return signed("GET", endpoint, path, canonicalQuery, "", creds, 0);
  }

  private static HttpRequest signed(
      String method,
      URI endpoint,
      String path,
      String body,
      AwsCredentials creds,
      long offsetSeconds)
      throws Exception {
    return signed(method, endpoint, path, "", body, creds, offsetSeconds);
  }

  private static HttpRequest signed(
      String method,
      URI endpoint,
      String path,
      String query,
      String body,
      AwsCredentials creds,
      long offsetSeconds)
      throws Exception {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(offsetSeconds);
    String amzDate = now.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    String date = amzDate.substring(0, 8);
    String host = endpoint.getHost() + ":" + endpoint.getPort();
    String payloadHash =
        hex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    String canonical =
        method
            + "\n"
            + path
            + "\n"
            + query
            + "\nhost:"
            + host
            + "\nx-amz-content-sha256:"
            + payloadHash
            + "\nx-amz-date:"
            + amzDate
            + "\n\nhost;x-amz-content-sha256;x-amz-date\n"
            + payloadHash;
    String scope = date + "/us-east-1/iam/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(
                MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + creds.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, "us-east-1");
    key = hmac(key, "iam");
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, toSign));
    return HttpRequest.newBuilder(endpoint.resolve(query.isEmpty() ? path : path + "?" + query))
        .header("x-amz-date", amzDate)
        .header("x-amz-content-sha256", payloadHash)
        .header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential="
                + creds.accessKeyId()
                + "/"
                + scope
                + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature="
                + signature)
        .method(
            method,
            method.equals("GET")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] bytes) {
    StringBuilder b = new StringBuilder();
    for (byte x : bytes) {
      b.append(String.format("%02x", x));
    }
    return b.toString();
  }
}
