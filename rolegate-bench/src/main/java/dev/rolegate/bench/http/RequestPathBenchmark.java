package dev.rolegate.bench.http;

import dev.rolegate.protocol.QueryHandler;
import dev.rolegate.protocol.Responses;
import dev.rolegate.server.Rolegate;
import dev.rolegate.server.ServerConfig;
import dev.rolegate.sigv4.Header;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's work for one request without HTTP: {@link QueryHandler#handle} on a pre-signed
 * request (SigV4 verification, credential resolution, the store, the policy engine, minting, XML),
 * on the SQLite file store as a user runs it. Setup is HttpLoad's: a user allowed sts:AssumeRole
 * and iam:GetRole, a role trusting it with a condition, and that role's session.
 *
 * <pre>java -jar rolegate-bench/target/benchmarks.jar RequestPathBenchmark -t 1 -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RequestPathBenchmark {
  @Param({"file"})
  public String store;

  private Rolegate rolegate;
  private Path dir;
  private QueryHandler.Request assumeRole;
  private QueryHandler.Request callerIdentitySession;
  private QueryHandler.Request callerIdentityKey;
  private QueryHandler.Request getRole;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    boolean memory = store.equals("memory");
    dir = memory ? Path.of("target/unused") : Files.createTempDirectory("rolegate-bench");
    rolegate =
        new Rolegate(
            new ServerConfig(
                "127.0.0.1",
                0,
                dir,
                memory,
                false,
                false,
                ServerConfig.DEFAULT_ACCOUNT,
                ServerConfig.DEFAULT_MAX_BODY),
            Clock.systemUTC());
    var root = rolegate.bootstrap();
    String account = ServerConfig.DEFAULT_ACCOUNT;
    String iam = "Version=2010-05-08&Action=";
    String sts = "Version=2011-06-15&Action=";
    call(
        "iam", iam + "CreateUser&UserName=bench", root.accessKeyId(), root.secretAccessKey(), null);
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\",\"iam:GetRole\"],\"Resource\":\"*\"}]}";
    call(
        "iam",
        iam + "PutUserPolicy&UserName=bench&PolicyName=bench&PolicyDocument=" + enc(policy),
        root.accessKeyId(),
        root.secretAccessKey(),
        null);
    String key =
        call(
            "iam",
            iam + "CreateAccessKey&UserName=bench",
            root.accessKeyId(),
            root.secretAccessKey(),
            null);
    String userKey = tag(key, "AccessKeyId");
    String userSecret = tag(key, "SecretAccessKey");
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + account
            + ":user/bench\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringLike\":{\"sts:RoleSessionName\":\"bench-*\"}}}]}";
    call(
        "iam",
        iam + "CreateRole&RoleName=BenchRole&AssumeRolePolicyDocument=" + enc(trust),
        root.accessKeyId(),
        root.secretAccessKey(),
        null);
    call(
        "iam",
        iam + "PutRolePolicy&RoleName=BenchRole&PolicyName=read&PolicyDocument=" + enc(policy),
        root.accessKeyId(),
        root.secretAccessKey(),
        null);
    String assume =
        sts
            + "AssumeRole&RoleArn="
            + enc("arn:aws:iam::" + account + ":role/BenchRole")
            + "&RoleSessionName=bench-s";
    String creds = call("sts", assume, userKey, userSecret, null);
    Instant now = Instant.now();
    assumeRole = request(Signer.post(HOST, "sts", assume, userKey, userSecret, null, now));
    callerIdentityKey =
        request(
            Signer.post(HOST, "sts", sts + "GetCallerIdentity", userKey, userSecret, null, now));
    callerIdentitySession =
        request(
            Signer.post(
                HOST,
                "sts",
                sts + "GetCallerIdentity",
                tag(creds, "AccessKeyId"),
                tag(creds, "SecretAccessKey"),
                tag(creds, "SessionToken"),
                now));
    getRole =
        request(
            Signer.post(
                HOST,
                "iam",
                iam + "GetRole&RoleName=BenchRole",
                tag(creds, "AccessKeyId"),
                tag(creds, "SecretAccessKey"),
                tag(creds, "SessionToken"),
                now));
    for (QueryHandler.Request r :
        List.of(assumeRole, callerIdentityKey, callerIdentitySession, getRole)) {
      Responses.HttpAnswer a = rolegate.queries().handle(r);
      if (a.status() != 200) {
        throw new IllegalStateException(
            "setup request answered "
                + a.status()
                + ": "
                + new String(a.body(), StandardCharsets.UTF_8));
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    rolegate.close();
  }

  private static final String HOST = "127.0.0.1:4600";

  private static QueryHandler.Request request(Signer.Signed s) {
    List<Header> headers = new ArrayList<>(s.headers());
    headers.add(new Header("Host", s.host()));
    return new QueryHandler.Request(
        "POST", "/", "", headers, s.body().getBytes(StandardCharsets.UTF_8), "127.0.0.1", false);
  }

  private String call(String service, String form, String key, String secret, String token) {
    Responses.HttpAnswer a =
        rolegate
            .queries()
            .handle(request(Signer.post(HOST, service, form, key, secret, token, Instant.now())));
    String body = new String(a.body(), StandardCharsets.UTF_8);
    if (a.status() != 200) {
      throw new IllegalStateException(form + " answered " + a.status() + ": " + body);
    }
    return body;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + xml);
    }
    return m.group(1);
  }

  @Benchmark
  public Responses.HttpAnswer assumeRole() {
    return rolegate.queries().handle(assumeRole);
  }

  @Benchmark
  public Responses.HttpAnswer callerIdentityWithKey() {
    return rolegate.queries().handle(callerIdentityKey);
  }

  @Benchmark
  public Responses.HttpAnswer callerIdentityWithSession() {
    return rolegate.queries().handle(callerIdentitySession);
  }

  @Benchmark
  public Responses.HttpAnswer getRoleWithSession() {
    return rolegate.queries().handle(getRole);
  }
}
