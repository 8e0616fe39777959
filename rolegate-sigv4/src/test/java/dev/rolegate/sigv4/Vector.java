package dev.rolegate.sigv4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One folder of the aws-c-auth SigV4 test suite under src/test/resources/sigv4 (nested folders
 * too).
 */
record Vector(String name, Path dir) {

  static List<Vector> all() {
    try {
      Path root = Path.of(Vector.class.getResource("/sigv4").toURI());
      try (Stream<Path> walk = Files.walk(root)) {
        return walk.filter(p -> Files.isRegularFile(p.resolve("context.json")))
            .sorted()
            .map(p -> new Vector(root.relativize(p).toString().replace('\\', '/'), p))
            .collect(Collectors.toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  byte[] bytes(String file) {
    try {
      return Files.readAllBytes(dir.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String text(String file) {
    return new String(bytes(file), StandardCharsets.UTF_8);
  }

  SignableRequest request(String file) {
    return RawHttp.parse(bytes(file));
  }

  String accessKeyId() {
    return string("access_key_id");
  }

  String secret() {
    return string("secret_access_key");
  }

  /** The session token, or null. */
  String token() {
    return string("token");
  }

  String region() {
    return string("region");
  }

  String service() {
    return string("service");
  }

  Instant time() {
    return Instant.parse(string("timestamp"));
  }

  long expiresSeconds() {
    Matcher m =
        Pattern.compile("\"expiration_in_seconds\"\\s*:\\s*(\\d+)").matcher(text("context.json"));
    return m.find() ? Long.parseLong(m.group(1)) : 3600;
  }

  boolean normalize() {
    return bool("normalize", true);
  }

  boolean signBody() {
    return bool("sign_body", false);
  }

  /** The token is added to the request after signing (so it is not signed). */
  boolean omitSessionToken() {
    return bool("omit_session_token", false);
  }

  VerifyOptions options() {
    return VerifyOptions.DEFAULT.withNormalizePath(normalize());
  }

  TestSigner signer() {
    TestSigner s = new TestSigner();
    s.accessKeyId = accessKeyId();
    s.secret = secret();
    s.region = region();
    s.service = service();
    s.time = time();
    s.token = token();
    s.tokenAfterSigning = omitSessionToken();
    s.normalizePath = normalize();
    s.contentSha256Header = signBody();
    return s;
  }

  private String string(String key) {
    Matcher m =
        Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(text("context.json"));
    return m.find() ? m.group(1) : null;
  }

  private boolean bool(String key, boolean fallback) {
    Matcher m =
        Pattern.compile("\"" + key + "\"\\s*:\\s*(true|false)").matcher(text("context.json"));
    return m.find() ? Boolean.parseBoolean(m.group(1)) : fallback;
  }

  @Override
  public String toString() {
    return name;
  }
}
