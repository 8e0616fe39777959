package dev.rolegate.bench;

import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.CredentialResolver;
import dev.rolegate.core.auth.Session;
import dev.rolegate.core.auth.SessionClaims;
import dev.rolegate.core.auth.SessionTokens;
import dev.rolegate.core.crypto.Keyring;
import dev.rolegate.protocol.Node;
import dev.rolegate.protocol.Responses;
import dev.rolegate.protocol.Service;
import dev.rolegate.server.Rolegate;
import dev.rolegate.server.ServerConfig;
import dev.rolegate.sigv4.Header;
import dev.rolegate.sigv4.ParseResult;
import dev.rolegate.sigv4.SigV4;
import dev.rolegate.sigv4.SignableRequest;
import dev.rolegate.sigv4.VerifyResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pieces of the request path on their own (issue 8 item 1): SigV4 verification of a
 * header-signed POST and of a presigned GET, sealing and opening a session token, resolving a
 * long-term key (store read and secret decryption) and a session token, and writing AssumeRole's
 * XML answer.
 *
 * <pre>java -jar rolegate-bench/target/benchmarks.jar ComponentsBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ComponentsBenchmark {
  private static final String KEY = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  private SignableRequest headerSigned;
  private SignableRequest presigned;
  private Instant now;
  private SessionTokens tokens;
  private SessionClaims claims;
  private String token;
  private Rolegate rolegate;
  private CredentialResolver resolver;
  private String userKeyId;
  private List<Node> assumeRoleResult;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    now = Instant.now();
    headerSigned = headerSignedPost();
    presigned = presignedGet();
    check(headerSigned);
    check(presigned);

    SecureRandom random = new SecureRandom();
    Keyring keyring = Keyring.generate(random, now);
    tokens = new SessionTokens(() -> keyring, random);
    Session session =
        new Session(
            "AssumeRole",
            now,
            now.plusSeconds(3600),
            null,
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            null);
    Caller caller =
        new Caller(
            Caller.Kind.ASSUMED_ROLE,
            "123456789012",
            "arn:aws:sts::123456789012:assumed-role/BenchRole/bench-s",
            "AROAEXAMPLEEXAMPLE:bench-s",
            "arn:aws:iam::123456789012:role/BenchRole",
            "BenchRole",
            "bench-s",
            "ASIAEXAMPLEEXAMPLE1",
            session);
    claims = new SessionClaims(caller, SECRET);
    token = tokens.seal(claims);

    Path dir = Files.createTempDirectory("rolegate-bench");
    rolegate =
        new Rolegate(
            new ServerConfig(
                "127.0.0.1",
                0,
                dir,
                false,
                false,
                false,
                ServerConfig.DEFAULT_ACCOUNT,
                ServerConfig.DEFAULT_MAX_BODY),
            Clock.systemUTC());
    userKeyId = rolegate.bootstrap().accessKeyId();
    resolver = rolegate.credentials();
    if (!(resolver.resolve(userKeyId, null, now) instanceof CredentialResolver.Found)) {
      throw new IllegalStateException("the root key does not resolve");
    }

    assumeRoleResult =
        Node.builder()
            .struct(
                "Credentials",
                b ->
                    b.text("AccessKeyId", "ASIAEXAMPLEEXAMPLE1")
                        .text("SecretAccessKey", SECRET)
                        .text("SessionToken", token)
                        .time("Expiration", now.plusSeconds(3600)))
            .struct(
                "AssumedRoleUser",
                b ->
                    b.text("AssumedRoleId", "AROAEXAMPLEEXAMPLE:bench-s")
                        .text("Arn", "arn:aws:sts::123456789012:assumed-role/BenchRole/bench-s"))
            .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    rolegate.close();
  }

  private SignableRequest headerSignedPost() {
    String amzDate = SigV4.formatAmzDate(now);
    byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
    List<Header> headers =
        new ArrayList<>(
            List.of(
                new Header("Host", "127.0.0.1:4600"),
                new Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                new Header("X-Amz-Date", amzDate)));
    List<String> signed = List.of("content-type", "host", "x-amz-date");
    String scope = SigV4.credentialScope(amzDate.substring(0, 8), "us-east-1", "sts");
    String canonical =
        SigV4.canonicalRequest(
            new SignableRequest("POST", "/", "", headers, body),
            signed,
            SigV4.sha256Hex(body),
            true,
            Set.of());
    String signature =
        SigV4.signature(
            SigV4.signingKey(SECRET, amzDate.substring(0, 8), "us-east-1", "sts"),
            SigV4.stringToSign(now, scope, canonical));
    headers.add(
        new Header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential="
                + KEY
                + "/"
                + scope
                + ", SignedHeaders="
                + String.join(";", signed)
                + ", Signature="
                + signature));
    return new SignableRequest("POST", "/", "", headers, body);
  }

  private SignableRequest presignedGet() {
    String amzDate = SigV4.formatAmzDate(now);
    String date = amzDate.substring(0, 8);
    String scope = SigV4.credentialScope(date, "us-east-1", "sts");
    String query =
        "Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
            + (KEY + "/" + scope).replace("/", "%2F")
            + "&X-Amz-Date="
            + amzDate
            + "&X-Amz-Expires=900&X-Amz-SignedHeaders=host";
    List<Header> headers = List.of(new Header("Host", "127.0.0.1:4600"));
    String canonical =
        "GET\n/\n"
            + SigV4.canonicalQueryString(query, Set.of())
            + "\n"
            + SigV4.canonicalHeaders(headers, List.of("host"))
            + "\nhost\n"
            + SigV4.sha256Hex(new byte[0]);
    String signature =
        SigV4.signature(
            SigV4.signingKey(SECRET, date, "us-east-1", "sts"),
            SigV4.stringToSign(now, scope, canonical));
    return new SignableRequest(
        "GET", "/", query + "&X-Amz-Signature=" + signature, headers, new byte[0]);
  }

  private void check(SignableRequest request) {
    VerifyResult r = verify(request);
    if (!(r instanceof VerifyResult.Verified)) {
      throw new IllegalStateException("the benchmark's request does not verify: " + r);
    }
  }

  private VerifyResult verify(SignableRequest request) {
    ParseResult parsed = SigV4.parse(request);
    if (!(parsed instanceof ParseResult.Signed signed)) {
      throw new IllegalStateException("not signed: " + parsed);
    }
    return SigV4.verify(request, signed, SECRET, now);
  }

  @Benchmark
  public VerifyResult sigv4HeaderSignedPost() {
    return verify(headerSigned);
  }

  @Benchmark
  public VerifyResult sigv4PresignedGet() {
    return verify(presigned);
  }

  @Benchmark
  public String sessionTokenSeal() {
    return tokens.seal(claims);
  }

  @Benchmark
  public SessionClaims sessionTokenOpen() {
    return tokens.open(token);
  }

  @Benchmark
  public CredentialResolver.Resolution resolveLongTermKey() {
    return resolver.resolve(userKeyId, null, now);
  }

  @Benchmark
  public Responses.HttpAnswer assumeRoleXml() {
    return Responses.success(
        Service.STS, "AssumeRole", assumeRoleResult, "c2fd6e8a-0000-4000-8000-000000000000", false);
  }
}
