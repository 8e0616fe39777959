package dev.rolegate.bench.http;

import dev.rolegate.server.HttpServer;
import dev.rolegate.server.Rolegate;
import dev.rolegate.server.ServerConfig;
import dev.rolegate.sigv4.Header;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP load generator: drives a Rolegate server over loopback with N concurrent keep-alive
 * connections for a fixed time per scenario and prints requests/s, latency percentiles, errors, and
 * each scenario's throughput as a ratio of {@code baseline} (GET /healthz) measured in the same
 * run. Requests are really signed (pre-signed up front: a signature stays valid for 15 minutes).
 *
 * <pre>
 * java -cp rolegate-bench/target/benchmarks.jar dev.rolegate.bench.http.HttpLoad [--seconds 10] [--concurrency 1,8,64]
 *     [--scenarios assume-role,iam-read] [--store file|memory]
 *     [--endpoint http://127.0.0.1:4600 --access-key AKIA... --secret-key ...]</pre>
 *
 * Without {@code --endpoint} it starts a server in this JVM on a free port (the default account's
 * root key is then known), on the SQLite file store in a temporary directory ({@code --store
 * memory}: in memory); with it, give the default account's root key. {@code --scenarios} runs only
 * those (and always baseline).
 */
public final class HttpLoad {
  private static final int POOL = 64;

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI endpoint;
  private final String host;
  private final String rootKey;
  private final String rootSecret;
  private java.util.Set<String> only; // scenarios to run besides baseline; null: all
  private String authorizeToken; // the decision API's token; null: no authorize scenario
  private static final String BENCH_TOKEN = "rolegate-bench-decision-api-token";

  /**
   * Puts {@code n} roles (with a trust policy) in the default account straight through the store,
   * in transactions of 10,000, so that the scenarios run against a large store.
   */
  static void seedRoles(Rolegate rolegate, int n) {
    long t0 = System.nanoTime();
    // AWS's default quota is 1,000 roles per account: raised, as an operator would for such an
    // account
    rolegate
        .accounts()
        .setQuotas(
            ServerConfig.DEFAULT_ACCOUNT, Map.of("RolesPerAccount", Integer.toString(n + 1000)));
    dev.rolegate.core.Ids ids = new dev.rolegate.core.Ids();
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}";
    Instant now = Instant.now();
    for (int start = 0; start < n; start += 10_000) {
      int from = start;
      rolegate
          .store()
          .write(
              r -> {
                for (int i = from; i < Math.min(n, from + 10_000); i++) {
                  r.roles()
                      .insert(
                          new dev.rolegate.core.model.Role(
                              ServerConfig.DEFAULT_ACCOUNT,
                              ids.uniqueId("AROA"),
                              "seeded-" + i,
                              "/seeded/",
                              trust,
                              null,
                              3600,
                              null,
                              List.of(),
                              now,
                              null,
                              null));
                }
                return null;
              });
    }
    System.out.printf(
        Locale.ROOT, "seeded %,d roles in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
  }

  HttpLoad(URI endpoint, String rootKey, String rootSecret) {
    this.endpoint = endpoint;
    this.host = endpoint.getHost() + ":" + endpoint.getPort();
    this.rootKey = rootKey;
    this.rootSecret = rootSecret;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
    int[] concurrency =
        Arrays.stream(opts.getOrDefault("concurrency", "1,8,64").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Rolegate rolegate = null;
    HttpServer server = null;
    HttpLoad load;
    if (opts.containsKey("endpoint")) {
      load =
          new HttpLoad(
              URI.create(opts.get("endpoint")), opts.get("access-key"), opts.get("secret-key"));
    } else {
      // --store file (the default: the embedded SQLite file store a user runs) or memory
      boolean memory = opts.getOrDefault("store", "file").equals("memory");
      Path dir =
          memory
              ? Path.of("target/unused")
              : java.nio.file.Files.createTempDirectory("rolegate-bench");
      ServerConfig config =
          new ServerConfig(
              "127.0.0.1",
              0,
              dir,
              memory,
              false,
              false,
              ServerConfig.DEFAULT_ACCOUNT,
              ServerConfig.DEFAULT_MAX_BODY,
              dev.rolegate.core.auth.Enforcement.ENFORCE,
              false,
              BENCH_TOKEN);
      System.out.println("store: " + (memory ? "in memory" : "SQLite file in " + dir));
      rolegate = new Rolegate(config, Clock.systemUTC());
      var root = rolegate.bootstrap();
      int seed = Integer.parseInt(opts.getOrDefault("seed-roles", "0"));
      if (seed > 0) {
        seedRoles(rolegate, seed);
      }
      server = new HttpServer(rolegate);
      int port = server.start();
      load =
          new HttpLoad(
              URI.create("http://127.0.0.1:" + port), root.accessKeyId(), root.secretAccessKey());
      load.authorizeToken = BENCH_TOKEN;
    }
    if (opts.containsKey("authorize-token")) {
      load.authorizeToken = opts.get("authorize-token");
    }
    if (opts.containsKey("scenarios")) {
      load.only = java.util.Set.of(opts.get("scenarios").split(","));
    }
    try {
      load.run(seconds, concurrency);
    } finally {
      if (server != null) {
        server.close();
        rolegate.close();
      }
    }
  }

  /** One scenario: a pool of ready requests, sent round-robin. */
  record Scenario(String name, List<HttpRequest> requests) {}

  void run(int seconds, int[] concurrencies) throws Exception {
    List<Scenario> scenarios =
        scenarios().stream()
            .filter(s -> only == null || s.name().equals("baseline") || only.contains(s.name()))
            .toList();
    System.out.printf(
        Locale.ROOT,
        "Rolegate HTTP load: %s, %d s per cell, %d cores, Java %s%n",
        endpoint,
        seconds,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.printf(
        Locale.ROOT,
        "%-24s %5s %10s %8s %8s %8s %8s %8s %7s%n",
        "scenario",
        "conc",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "errors",
        "ratio");
    for (int c : concurrencies) {
      double baseline = 0;
      for (Scenario s : scenarios) {
        send(s, c, Math.min(2, seconds)); // warm-up
        Result r = send(s, c, seconds);
        if (s.name().equals("baseline")) {
          baseline = r.throughput();
        }
        System.out.printf(
            Locale.ROOT,
            "%-24s %5d %10.0f %8.2f %8.2f %8.2f %8.2f %8d %7.2f%n",
            s.name(),
            c,
            r.throughput(),
            r.p(50),
            r.p(90),
            r.p(99),
            r.max(),
            r.errors(),
            baseline == 0 ? 0 : r.throughput() / baseline);
      }
    }
  }

  record Result(double throughput, long[] latenciesNanos, long errors) {
    double p(int percentile) {
      if (latenciesNanos.length == 0) {
        return 0;
      }
      int i = (int) Math.ceil(percentile / 100.0 * latenciesNanos.length) - 1;
      return latenciesNanos[Math.max(0, Math.min(i, latenciesNanos.length - 1))] / 1e6;
    }

    double max() {
      return latenciesNanos.length == 0 ? 0 : latenciesNanos[latenciesNanos.length - 1] / 1e6;
    }
  }

  Result send(Scenario s, int concurrency, int seconds) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    AtomicLong errors = new AtomicLong();
    List<long[]> perThread = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int t = 0; t < concurrency; t++) {
      final int offset = t;
      perThread.add(null);
      final int index = t;
      Thread th =
          new Thread(
              () -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                int i = offset;
                while (System.nanoTime() < end) {
                  HttpRequest req = s.requests().get(i++ % s.requests().size());
                  long t0 = System.nanoTime();
                  try {
                    HttpResponse<byte[]> r =
                        client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) {
                      errors.incrementAndGet();
                    }
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                  if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                  }
                  lat[n++] = System.nanoTime() - t0;
                }
                synchronized (perThread) {
                  perThread.set(index, Arrays.copyOf(lat, n));
                }
                done.countDown();
              });
      th.start();
    }
    done.await();
    long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(all.length / (double) seconds, all, errors.get());
  }

  // ---------------------------------------------------------------- setup, over the same HTTP API

  private String call(String service, String form, String key, String secret, String token)
      throws Exception {
    Signer.Signed s = Signer.post(host, service, form, key, secret, token, Instant.now());
    HttpResponse<String> r = client.send(request(s), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(form + " -> " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  private HttpRequest request(Signer.Signed s) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .POST(HttpRequest.BodyPublishers.ofString(s.body()));
    for (Header h : s.headers()) {
      b.header(h.name(), h.value());
    }
    return b.build();
  }

  private HttpRequest decision(List<Header> signedHeaders) {
    StringBuilder headers = new StringBuilder();
    for (Header h : signedHeaders) {
      headers
          .append(headers.length() == 0 ? "" : ",")
          .append('"')
          .append(h.name())
          .append("\":\"")
          .append(h.value())
          .append('"');
    }
    String body =
        "{\"method\":\"GET\",\"path\":\"/photos/cat.jpg\",\"query\":\"\",\"headers\":{"
            + headers
            + "},\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::photos/cat.jpg\"}";
    return HttpRequest.newBuilder(endpoint.resolve("/_rolegate/authorize"))
        .header("X-Rolegate-Token", authorizeToken)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + xml);
    }
    return m.group(1);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private List<HttpRequest> pool(Supplier<Signer.Signed> signed) {
    List<HttpRequest> out = new ArrayList<>();
    for (int i = 0; i < POOL; i++) {
      out.add(request(signed.get()));
    }
    return out;
  }

  List<Scenario> scenarios() throws Exception {
    String suffix = Long.toString(System.nanoTime(), 36);
    String user = "bench-" + suffix;
    String role = "BenchRole-" + suffix;
    String iam = "Version=2010-05-08&Action=";
    call("iam", iam + "CreateUser&UserName=" + user, rootKey, rootSecret, null);
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\",\"iam:GetRole\",\"iam:ListRoles\",\"s3:GetObject\"],\"Resource\":\"*\"}]}";
    call(
        "iam",
        iam + "PutUserPolicy&UserName=" + user + "&PolicyName=bench&PolicyDocument=" + enc(policy),
        rootKey,
        rootSecret,
        null);
    String keyXml =
        call("iam", iam + "CreateAccessKey&UserName=" + user, rootKey, rootSecret, null);
    String userKey = tag(keyXml, "AccessKeyId");
    String userSecret = tag(keyXml, "SecretAccessKey");
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
            + ServerConfig.DEFAULT_ACCOUNT
            + ":user/"
            + user
            + "\"},\"Action\":\"sts:AssumeRole\","
            + "\"Condition\":{\"StringLike\":{\"sts:RoleSessionName\":\"bench-*\"}}}]}";
    call(
        "iam",
        iam + "CreateRole&RoleName=" + role + "&AssumeRolePolicyDocument=" + enc(trust),
        rootKey,
        rootSecret,
        null);
    call(
        "iam",
        iam + "PutRolePolicy&RoleName=" + role + "&PolicyName=read&PolicyDocument=" + enc(policy),
        rootKey,
        rootSecret,
        null);
    String sts = "Version=2011-06-15&Action=";
    String assume =
        sts
            + "AssumeRole&RoleArn="
            + enc("arn:aws:iam::" + ServerConfig.DEFAULT_ACCOUNT + ":role/" + role)
            + "&RoleSessionName=bench-s";
    String creds = call("sts", assume, userKey, userSecret, null);
    String sessionKey = tag(creds, "AccessKeyId");
    String sessionSecret = tag(creds, "SecretAccessKey");
    String sessionToken = tag(creds, "SessionToken");
    for (int i = 0; i < 50; i++) {
      call(
          "iam",
          iam
              + "CreateRole&RoleName=bench-extra-"
              + suffix
              + "-"
              + i
              + "&AssumeRolePolicyDocument="
              + enc(trust),
          rootKey,
          rootSecret,
          null);
    }
    Instant now = Instant.now();
    List<Scenario> out = new ArrayList<>();
    HttpRequest health = HttpRequest.newBuilder(endpoint.resolve("/healthz")).GET().build();
    out.add(new Scenario("baseline", List.of(health)));
    out.add(
        new Scenario(
            "caller-identity-key",
            pool(
                () ->
                    Signer.post(
                        host, "sts", sts + "GetCallerIdentity", userKey, userSecret, null, now))));
    out.add(
        new Scenario(
            "caller-identity-session",
            pool(
                () ->
                    Signer.post(
                        host,
                        "sts",
                        sts + "GetCallerIdentity",
                        sessionKey,
                        sessionSecret,
                        sessionToken,
                        now))));
    out.add(
        new Scenario(
            "assume-role",
            pool(() -> Signer.post(host, "sts", assume, userKey, userSecret, null, now))));
    out.add(
        new Scenario(
            "iam-read",
            pool(
                () ->
                    Signer.post(
                        host,
                        "iam",
                        iam + "GetRole&RoleName=" + role,
                        sessionKey,
                        sessionSecret,
                        sessionToken,
                        now))));
    out.add(
        new Scenario(
            "iam-list",
            pool(
                () ->
                    Signer.post(
                        host,
                        "iam",
                        iam + "ListRoles&MaxItems=20",
                        sessionKey,
                        sessionSecret,
                        sessionToken,
                        now))));
    if (authorizeToken != null) {
      // the decision API: an object store forwards a user's signed S3 GET
      out.add(
          new Scenario(
              "authorize",
              List.of(
                  decision(
                      Signer.s3Get(
                          "s3.internal:9000", "/photos/cat.jpg", userKey, userSecret, now)))));
    }
    return out;
  }
}
