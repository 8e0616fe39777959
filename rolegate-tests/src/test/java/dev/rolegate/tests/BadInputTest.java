package dev.rolegate.tests;

import static dev.rolegate.tests.E2e.ACCOUNT;
import static dev.rolegate.tests.E2e.roleArn;
import static dev.rolegate.tests.E2e.trust;
import static dev.rolegate.tests.E2e.userArn;
import static dev.rolegate.tests.E2e.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Raw HTTP that no SDK would send: malformed forms, oversize bodies, broken signatures and session
 * tokens, wrong versions. Every answer must be a 4xx AWS {@code <ErrorResponse>}, never a 5xx, and
 * nothing may change in the store.
 */
class BadInputTest {
  static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
  static final int ITERATIONS = 400;
  static final long SEED = 0x5EED_2026L;

  static TestServer server;
  static IamClient iam;
  static HttpClient http;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    iam = server.iam(server.rootCredentials());
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterAll
  static void stop() {
    iam.close();
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  // ---------------------------------------------------------------------------------------------
  // requests and answers

  /** One raw request. {@code codes} are the error codes it may be answered with (null: any). */
  record Probe(
      String what,
      String method,
      String path,
      String query,
      byte[] body,
      Map<String, String> headers,
      Set<String> codes) {}

  record Answer(int status, String contentType, String requestIdHeader, String body) {}

  static String host() {
    return "127.0.0.1:" + server.port();
  }

  static RawSigV4.Key root() {
    AwsBasicCredentials c = server.rootCredentials();
    return RawSigV4.Key.of(c.accessKeyId(), c.secretAccessKey());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  /** A form body from name/value pairs, encoded as the SDKs do. */
  static String form(String... nameValues) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < nameValues.length; i += 2) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(enc(nameValues[i])).append('=').append(enc(nameValues[i + 1]));
    }
    return b.toString();
  }

  static String form(Map<String, String> params) {
    List<String> pairs = new ArrayList<>();
    params.forEach((n, v) -> pairs.add(enc(n) + "=" + enc(v)));
    return String.join("&", pairs);
  }

  /** A valid CreateRole (the root, or a session allowed iam:*, would create the role). */
  static Map<String, String> createRoleParams(String name) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("Action", "CreateRole");
    p.put("Version", "2010-05-08");
    p.put("RoleName", name);
    p.put("AssumeRolePolicyDocument", trust("arn:aws:iam::" + ACCOUNT + ":root"));
    return p;
  }

  static String createRoleForm(String name) {
    return form(createRoleParams(name));
  }

  static Map<String, String> signed(
      String method, String query, byte[] body, RawSigV4.Key key, String service, Instant time) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (body.length > 0) {
      headers.put("Content-Type", FORM);
    }
    return RawSigV4.sign(method, host(), query, headers, body, key, "us-east-1", service, time);
  }

  static Map<String, String> signed(byte[] body, RawSigV4.Key key) {
    return signed("POST", null, body, key, "iam", Instant.now());
  }

  static Answer send(HttpClient client, Probe p) {
    StringBuilder uri = new StringBuilder("http://").append(host()).append(p.path());
    if (p.query() != null) {
      uri.append('?').append(p.query());
    }
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(uri.toString()))
            .timeout(Duration.ofSeconds(20))
            .method(
                p.method(),
                p.body().length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(p.body()));
    p.headers().forEach(r::header);
    try {
      HttpResponse<String> res =
          client.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(
          res.statusCode(),
          res.headers().firstValue("Content-Type").orElse(null),
          res.headers().firstValue("x-amzn-RequestId").orElse(null),
          res.body());
    } catch (IOException e) {
      throw new AssertionError(p.what() + ": no answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Answer send(Probe p) {
    return send(http, p);
  }

  /** Asserts a 4xx AWS error document and returns its Code. */
  static String assertAwsError(Probe p, Answer a) {
    String where = p.what() + " -> " + a.status() + " " + a.body();
    assertThat(a.status()).as(where).isBetween(400, 499);
    assertThat(a.contentType()).as(where).startsWith("text/xml");
    Element root = parse(a.body(), where).getDocumentElement();
    assertThat(root.getTagName()).as(where).isEqualTo("ErrorResponse");
    assertThat(root.getAttribute("xmlns"))
        .as(where)
        .startsWith("https://")
        .endsWith(".amazonaws.com/doc/" + version(root) + "/");
    Element error = child(root, "Error", where);
    assertThat(text(child(error, "Type", where))).as(where).isEqualTo("Sender");
    String code = text(child(error, "Code", where));
    assertThat(code).as(where).matches("[A-Za-z]+");
    assertThat(text(child(error, "Message", where))).as(where).isNotBlank();
    String requestId = text(child(root, "RequestId", where));
    assertThat(requestId).as(where).isNotBlank();
    if (a.requestIdHeader() != null) {
      assertThat(a.requestIdHeader()).as(where).isEqualTo(requestId);
    }
    if (p.codes() != null) {
      assertThat(code).as(where).isIn(p.codes());
    }
    return code;
  }

  private static String version(Element root) {
    String ns = root.getAttribute("xmlns");
    return ns.substring(ns.lastIndexOf("/doc/") + 5, ns.length() - 1);
  }

  static Document parse(String xml, String where) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(where + ": not XML: " + e, e);
    }
  }

  static Element child(Element parent, String name, String where) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    throw new AssertionError(where + ": no <" + name + "> in <" + parent.getTagName() + ">");
  }

  static String text(Element e) {
    return e.getTextContent();
  }

  /** Everything a bad request could have changed. */
  record StoreState(
      List<String> roles,
      List<String> users,
      List<String> policies,
      int rootKeys,
      List<String> adminInline) {}

  static StoreState state() {
    return new StoreState(
        iam.listRoles().roles().stream()
            .map(r -> r.roleName() + " " + r.description() + " " + r.maxSessionDuration())
            .toList(),
        iam.listUsers().users().stream().map(u -> u.userName()).toList(),
        iam.listPolicies(b -> b.scope(PolicyScopeType.LOCAL)).policies().stream()
            .map(p -> p.arn())
            .toList(),
        iam.listAccessKeys().accessKeyMetadata().size(),
        iam.listRoles().roles().stream()
            .filter(r -> r.roleName().equals("admin"))
            .flatMap(r -> iam.listRolePolicies(b -> b.roleName("admin")).policyNames().stream())
            .toList());
  }

  // ---------------------------------------------------------------------------------------------
  // fixed cases

  @Test
  void theRawSignerIsRightSoTheFailuresBelowAreTheServers() {
    byte[] body =
        form("Action", "GetCallerIdentity", "Version", "2011-06-15")
            .getBytes(StandardCharsets.UTF_8);
    Answer a =
        send(
            new Probe(
                "GetCallerIdentity",
                "POST",
                "/",
                null,
                body,
                signed("POST", null, body, root(), "sts", Instant.now()),
                null));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.body()).contains("<Arn>arn:aws:iam::" + ACCOUNT + ":root</Arn>");

    String query = "Action=ListRoles&MaxItems=5&Version=2010-05-08";
    Answer get =
        send(
            new Probe(
                "GET ListRoles",
                "GET",
                "/",
                query,
                new byte[0],
                signed("GET", query, new byte[0], root(), "iam", Instant.now()),
                null));
    assertThat(get.status()).as(get.body()).isEqualTo(200);
    assertThat(get.body())
        .startsWith("<ListRolesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">");

    byte[] create = createRoleForm("made-raw").getBytes(StandardCharsets.UTF_8);
    Answer made =
        send(new Probe("CreateRole", "POST", "/", null, create, signed(create, root()), null));
    assertThat(made.status()).as(made.body()).isEqualTo(200);
    assertThat(iam.getRole(b -> b.roleName("made-raw")).role().arn())
        .isEqualTo(roleArn("made-raw"));
  }

  @Test
  void unencodedNonAsciiInAFormIsReadAsUtf8() {
    String description = "caf\u00e9 \u20ac \ud83d\ude80 " + "a".repeat(100);
    String body =
        "Action=UpdateRoleDescription&Version=2010-05-08&RoleName=made-raw&Description="
            + description;
    byte[] create = createRoleForm("made-raw").getBytes(StandardCharsets.UTF_8);
    assertThat(
            send(new Probe("CreateRole", "POST", "/", null, create, signed(create, root()), null))
                .status())
        .isEqualTo(200);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Answer a = send(new Probe("raw UTF-8", "POST", "/", null, bytes, signed(bytes, root()), null));
    assertThat(a.status()).as(a.body()).isIn(200, 400);
    if (a.status() == 200) {
      assertThat(iam.getRole(b -> b.roleName("made-raw")).role().description())
          .isEqualTo(description);
    } else {
      assertThat(
              assertAwsError(new Probe("raw UTF-8", "POST", "/", null, bytes, Map.of(), null), a))
          .isEqualTo("ValidationError");
    }
  }

  @Test
  void specificAnswers() {
    byte[] empty = new byte[0];
    byte[] noAction =
        form("Version", "2010-05-08", "RoleName", "x").getBytes(StandardCharsets.UTF_8);
    byte[] unknown =
        form("Action", "FlyToTheMoon", "Version", "2010-05-08").getBytes(StandardCharsets.UTF_8);
    byte[] wrongVersion =
        form(
                "Action",
                "CreateRole",
                "Version",
                "2011-06-15",
                "RoleName",
                "v",
                "AssumeRolePolicyDocument",
                trust(ACCOUNT))
            .getBytes(StandardCharsets.UTF_8);
    byte[] badEscape = "Action=CreateRole&RoleName=%zz".getBytes(StandardCharsets.UTF_8);
    byte[] create = createRoleForm("unsigned").getBytes(StandardCharsets.UTF_8);
    Object[][] expected = {
      {
        new Probe("no Action", "POST", "/", null, noAction, signed(noAction, root()), null),
        400,
        "MissingAction",
        "Missing Action"
      },
      {
        new Probe("unknown Action", "POST", "/", null, unknown, signed(unknown, root()), null),
        400,
        "InvalidAction",
        "Could not find operation FlyToTheMoon for version 2010-05-08"
      },
      {
        new Probe(
            "STS version for an IAM action",
            "POST",
            "/",
            null,
            wrongVersion,
            signed(wrongVersion, root()),
            null),
        400,
        "InvalidAction",
        "Could not find operation CreateRole for version 2011-06-15"
      },
      {
        new Probe("bad escape", "POST", "/", null, badEscape, signed(badEscape, root()), null),
        404,
        "MalformedQueryString",
        null
      },
      {
        new Probe("unsigned", "POST", "/", null, create, Map.of("Content-Type", FORM), null),
        403,
        "MissingAuthenticationToken",
        "Request is missing Authentication Token"
      },
      {
        new Probe("nothing at all", "GET", "/", null, empty, Map.of(), null),
        400,
        "MissingAction",
        "Missing Action"
      },
    };
    for (Object[] e : expected) {
      Probe p = (Probe) e[0];
      Answer a = send(p);
      assertThat(a.status()).as(p.what() + ": " + a.body()).isEqualTo(e[1]);
      assertThat(assertAwsError(p, a)).isEqualTo(e[2]);
      if (e[3] != null) {
        assertThat(a.body()).as(p.what()).contains("<Message>" + e[3] + "</Message>");
      }
    }
    assertThat(iam.listRoles().roles()).isEmpty();
  }

  @Test
  void oversizeBodiesAre413WithAnAwsError() {
    int limit = 1 << 20;
    for (int size : new int[] {limit + 1, 3 * limit}) {
      byte[] body = new byte[size];
      java.util.Arrays.fill(body, (byte) 'a');
      byte[] prefix = (createRoleForm("big") + "&Description=").getBytes(StandardCharsets.UTF_8);
      System.arraycopy(prefix, 0, body, 0, prefix.length);
      Probe p =
          new Probe(
              "body of " + size + " bytes",
              "POST",
              "/",
              null,
              body,
              signed(body, root()),
              Set.of("RequestEntityTooLarge"));
      // a fresh client: the server closes the connection after refusing the body
      HttpClient once = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      Answer a = send(once, p);
      assertThat(a.status()).as(a.body()).isEqualTo(413);
      assertAwsError(p, a);
    }
    // chunked, so the size is only known while reading
    byte[] chunked = new byte[2 * limit];
    java.util.Arrays.fill(chunked, (byte) 'b');
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://" + host() + "/"))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)))
            .header("Content-Type", FORM)
            .timeout(Duration.ofSeconds(20))
            .build();
    try {
      HttpResponse<String> res =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(r, HttpResponse.BodyHandlers.ofString());
      Probe p =
          new Probe(
              "chunked body of 2 MiB",
              "POST",
              "/",
              null,
              new byte[0],
              Map.of(),
              Set.of("RequestEntityTooLarge"));
      assertThat(res.statusCode()).isEqualTo(413);
      assertAwsError(
          p,
          new Answer(
              res.statusCode(),
              res.headers().firstValue("Content-Type").orElse(null),
              null,
              res.body()));
    } catch (IOException e) {
      // the server may close before the client has finished sending; an answer is then not
      // guaranteed by HTTP
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(iam.listRoles().roles()).isEmpty();
  }

  @Test
  void oversizeBodiesAnnouncedWithExpectContinueAre413WithAnAwsError() throws Exception {
    String headers =
        "POST / HTTP/1.1\r\nHost: "
            + host()
            + "\r\nContent-Type: "
            + FORM
            + "\r\nContent-Length: "
            + (2 << 20)
            + "\r\nExpect: 100-continue\r\n\r\n";
    RawAnswer a = raw(headers.getBytes(StandardCharsets.US_ASCII));
    Probe p =
        new Probe(
            "Expect: 100-continue with 2 MiB",
            "POST",
            "/",
            null,
            new byte[0],
            Map.of(),
            Set.of("RequestEntityTooLarge"));
    assertThat(a.status()).as(a.head()).isEqualTo(413);
    assertAwsError(p, new Answer(a.status(), a.contentType(), null, a.body()));
  }

  @Test
  void requestsNettyCannotDecodeGetAnAwsError() throws Exception {
    List<byte[]> requests =
        List.of(
            "HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcde"
                .getBytes(StandardCharsets.US_ASCII),
            "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII),
            ("GET /?Action=GetCallerIdentity HTTP/1.1\r\nHost: x\r\nX-Big: "
                    + "a".repeat(40_000)
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII),
            ("GET /?" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    for (byte[] request : requests) {
      RawAnswer a = raw(request);
      String what = new String(request, 0, Math.min(60, request.length), StandardCharsets.US_ASCII);
      assertAwsError(
          new Probe(what, "?", "/", null, new byte[0], Map.of(), null),
          new Answer(a.status(), a.contentType(), null, a.body()));
    }
  }

  @Test
  void oddPathsAndMethodsGetAnAwsError() throws Exception {
    List<String> requestLines =
        List.of(
            "POST /%zz HTTP/1.1",
            "POST /a/../../b HTTP/1.1",
            "GET /?Action=%zz HTTP/1.1",
            "DELETE /?Action=CreateRole HTTP/1.1",
            "OPTIONS * HTTP/1.1",
            "GET //?Action=GetCallerIdentity&Version=2011-06-15 HTTP/1.1",
            "GET /?&&&=&==&Action HTTP/1.1",
            "GET /?Action=GetCallerIdentity&X-Amz-Algorithm=AWS4-HMAC-SHA256 HTTP/1.1",
            "GET /?Action=GetCallerIdentity&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F2&X-Amz-Date=x&X-Amz-Expires=-1"
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=00 HTTP/1.1",
            "GET /?Action=GetCallerIdentity&X-Amz-Algorithm=HMAC HTTP/1.1");
    for (String line : requestLines) {
      RawAnswer a =
          raw(
              (line + "\r\nHost: " + host() + "\r\nContent-Length: 0\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      assertAwsError(
          new Probe(line, "?", "/", null, new byte[0], Map.of(), null),
          new Answer(a.status(), a.contentType(), null, a.body()));
    }
    assertThat(iam.listRoles().roles()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // the fuzzing loop

  @Test
  void aFewHundredBadRequestsChangeNothingAndAreAllAnsweredWithAwsErrors() {
    // a role session allowed everything in IAM: if a broken token or signature were accepted,
    // something would change
    AwsBasicCredentials ops = userWithKey(iam, "ops");
    iam.createRole(b -> b.roleName("admin").assumeRolePolicyDocument(trust(userArn("ops"))));
    iam.putRolePolicy(
        b -> b.roleName("admin").policyName("iam-all").policyDocument(E2e.allow("iam:*", "*")));
    Credentials session;
    try (StsClient asOps = server.sts(ops)) {
      session =
          asOps.assumeRole(b -> b.roleArn(roleArn("admin")).roleSessionName("fuzz")).credentials();
    }
    RawSigV4.Key sessionKey =
        new RawSigV4.Key(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
    RawSigV4.Key userKey = RawSigV4.Key.of(ops.accessKeyId(), ops.secretAccessKey());
    iam.putUserPolicy(
        b -> b.userName("ops").policyName("iam-all").policyDocument(E2e.allow("iam:*", "*")));

    // the keys work as they are (so every failure below is caused by the damage done)
    byte[] probeBody = createRoleForm("proof-of-keys").getBytes(StandardCharsets.UTF_8);
    assertThat(
            send(new Probe(
                    "session key works",
                    "POST",
                    "/",
                    null,
                    probeBody,
                    signed(probeBody, sessionKey),
                    null))
                .status())
        .isEqualTo(200);
    iam.deleteRole(b -> b.roleName("proof-of-keys"));

    StoreState before = state();
    Random random = new Random(SEED);
    List<Function<Random, Probe>> generators = generators(sessionKey, userKey);
    Map<String, Integer> codes = new TreeMap<>();
    for (int i = 0; i < ITERATIONS; i++) {
      Probe p = generators.get(random.nextInt(generators.size())).apply(random);
      Probe numbered =
          new Probe(
              "#" + i + " " + p.what(),
              p.method(),
              p.path(),
              p.query(),
              p.body(),
              p.headers(),
              p.codes());
      String code = assertAwsError(numbered, send(numbered));
      codes.merge(code, 1, Integer::sum);
      if (i % 50 == 49) {
        try (StsClient sts = server.sts(server.rootCredentials())) {
          assertThat(sts.getCallerIdentity().account())
              .as("still serving after #" + i)
              .isEqualTo(ACCOUNT);
        }
      }
    }
    assertThat(state()).isEqualTo(before);
    // the loop reached the parser, the registry, the signature and the token checks, and validation
    assertThat(codes.keySet())
        .contains(
            "MalformedQueryString",
            "MissingAction",
            "InvalidAction",
            "MissingAuthenticationToken",
            "IncompleteSignature",
            "SignatureDoesNotMatch",
            "InvalidClientTokenId",
            "ValidationError",
            "MalformedPolicyDocument");
  }

  private static List<Function<Random, Probe>> generators(
      RawSigV4.Key sessionKey, RawSigV4.Key userKey) {
    Set<String> authErrors =
        Set.of(
            "IncompleteSignature",
            "SignatureDoesNotMatch",
            "InvalidClientTokenId",
            "MissingAuthenticationToken");
    List<Function<Random, Probe>> g = new ArrayList<>();

    // malformed forms, correctly signed: the form itself is the problem
    g.add(
        r -> {
          String f = createRoleForm("esc" + r.nextInt(1000));
          String[] bad = {"%zz", "%", "%4", "%C3%28", "%FF", "%e2%82", "%%", "%G1", "%0"};
          String b = bad[r.nextInt(bad.length)];
          int at = r.nextInt(f.length() + 1);
          String body = f.substring(0, at) + b + "&" + f.substring(at);
          return signedProbe(
              "bad escape " + b + " at " + at, body, root(), Set.of("MalformedQueryString"));
        });
    g.add(
        r ->
            signedProbe(
                "no Action",
                createRoleForm("na").replace("Action=CreateRole&", ""),
                root(),
                Set.of("MissingAction")));
    g.add(
        r ->
            signedProbe(
                "empty Action",
                createRoleForm("ea").replace("Action=CreateRole", "Action="),
                root(),
                Set.of("MissingAction")));
    g.add(
        r -> {
          String action = randomWord(r, 1 + r.nextInt(40));
          return signedProbe(
              "unknown Action " + action,
              createRoleForm("ua").replace("Action=CreateRole", "Action=" + enc(action) + "x"),
              root(),
              Set.of("InvalidAction"));
        });
    g.add(
        r -> {
          String[] versions = {"2011-06-15", "2010-05-09", "", "latest", randomWord(r, 12)};
          String v = versions[r.nextInt(versions.length)];
          String body = createRoleForm("wv").replace("Version=2010-05-08", "Version=" + enc(v));
          return signedProbe("wrong Version '" + v + "'", body, root(), Set.of("InvalidAction"));
        });
    g.add(
        r -> {
          // duplicates, every copy invalid, so first-wins and last-wins both fail
          String[][] dups = {
            {"RoleName", "bad name", "r".repeat(65)}, {"MaxSessionDuration", "100", "99999999999"},
            {"AssumeRolePolicyDocument", "{", "[1]"}, {"Path", "no-slash", "/x"}
          };
          String[] d = dups[r.nextInt(dups.length)];
          Map<String, String> params = createRoleParams("dup");
          params.remove(d[0]);
          String body = form(params) + "&" + d[0] + "=" + enc(d[1]) + "&" + d[0] + "=" + enc(d[2]);
          return signedProbe(
              "duplicate " + d[0],
              body,
              root(),
              Set.of("ValidationError", "MalformedPolicyDocument"));
        });
    g.add(
        r -> {
          int n = 1 + r.nextInt(900_000);
          String field =
              new String[] {"RoleName", "Description", "Path", "AssumeRolePolicyDocument"}
                  [r.nextInt(4)];
          Map<String, String> params = createRoleParams("huge");
          switch (field) {
            case "RoleName" -> params.put(field, "x".repeat(64 + n));
            case "Description" -> params.put(field, "x".repeat(1000 + n));
            case "Path" -> params.put(field, "/" + "p".repeat(511 + n) + "/");
            default ->
                params.put(
                    field,
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                        + "a".repeat(n)
                        + "\"},\"Action\":\"s3:GetObject\"}]}");
          }
          return signedProbe(
              "huge " + field + " (" + n + ")",
              form(params),
              root(),
              Set.of("ValidationError", "MalformedPolicyDocument"));
        });
    g.add(
        r -> {
          String[] bad = {
            "abc", "99999999999999", "-1", "3600.5", "", " ", "0x1000", "1e4", "3599", "43201"
          };
          String v = bad[r.nextInt(bad.length)];
          return signedProbe(
              "MaxSessionDuration '" + v + "'",
              createRoleForm("msd") + "&MaxSessionDuration=" + enc(v),
              root(),
              Set.of("ValidationError"));
        });
    g.add(
        r -> {
          String[] bad = {
            "MaxItems=0",
            "MaxItems=-5",
            "MaxItems=x",
            "MaxItems=1001",
            "Marker=" + randomWord(r, 10),
            "Marker=",
            "PathPrefix=x",
            "Marker=" + "m".repeat(400)
          };
          String q = bad[r.nextInt(bad.length)];
          return signedProbe(
              "ListRoles " + q,
              "Action=ListRoles&Version=2010-05-08&" + q,
              root(),
              Set.of("ValidationError"));
        });
    g.add(
        r ->
            signedProbe(
                "tag without a key",
                createRoleForm("tags") + "&Tags.member.1.Value=v",
                root(),
                Set.of("ValidationError")));
    g.add(
        r -> {
          byte[] body = new byte[r.nextInt(2000)];
          r.nextBytes(body);
          return new Probe("random bytes", "POST", "/", null, body, signed(body, root()), null);
        });
    g.add(
        r -> {
          StringBuilder b = new StringBuilder();
          int n = r.nextInt(300);
          for (int i = 0; i < n; i++) {
            b.append("=&%+;Aa0zZ~._-\u00e9".charAt(r.nextInt(15)));
          }
          return signedProbe("random form", b.toString(), root(), null);
        });
    g.add(
        r -> {
          StringBuilder b = new StringBuilder("Action=ListRoles&Version=2010-05-08");
          for (int i = 0; i < 1000 + r.nextInt(50); i++) {
            b.append("&p").append(i).append("=v");
          }
          return signedProbe(
              "too many parameters", b.toString(), root(), Set.of("MalformedQueryString"));
        });
    g.add(
        r -> {
          byte[] body = createRoleForm("ct").getBytes(StandardCharsets.UTF_8);
          String[] types = {
            "application/json",
            "text/plain",
            "application/x-amz-json-1.1",
            "multipart/form-data; boundary=x"
          };
          Map<String, String> h = new LinkedHashMap<>();
          h.put("Content-Type", types[r.nextInt(types.length)]);
          h =
              RawSigV4.sign(
                  "POST", host(), null, h, body, root(), "us-east-1", "iam", Instant.now());
          return new Probe(
              "Content-Type " + h.get("Content-Type"),
              "POST",
              "/",
              null,
              body,
              h,
              Set.of("MalformedQueryString"));
        });
    g.add(
        r -> {
          byte[] body = createRoleForm("put").getBytes(StandardCharsets.UTF_8);
          String method = new String[] {"PUT", "DELETE", "PATCH"}[r.nextInt(3)];
          return new Probe(
              method + " with a form",
              method,
              "/",
              null,
              body,
              signed(method, null, body, root(), "iam", Instant.now()),
              Set.of("MissingAction"));
        });

    // a valid CreateRole whose authentication is broken
    g.add(
        r ->
            new Probe(
                "unsigned CreateRole",
                "POST",
                "/",
                null,
                createRoleForm("u").getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", FORM),
                Set.of("MissingAuthenticationToken")));
    g.add(
        r -> {
          byte[] body = createRoleForm("tamper" + r.nextInt(100)).getBytes(StandardCharsets.UTF_8);
          RawSigV4.Key key = r.nextBoolean() ? root() : r.nextBoolean() ? userKey : sessionKey;
          Map<String, String> h = signed(body, key);
          String auth = h.get("Authorization");
          int at;
          do {
            at = r.nextInt(auth.length());
          } while (auth.charAt(at) == ' ');
          char c = auth.charAt(at);
          char d;
          do {
            d = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF/=,;-_".charAt(r.nextInt(48));
          } while (Character.toLowerCase(d) == Character.toLowerCase(c));
          h.put("Authorization", auth.substring(0, at) + d + auth.substring(at + 1));
          return new Probe(
              "Authorization with '" + c + "' at " + at + " made '" + d + "'",
              "POST",
              "/",
              null,
              body,
              h,
              authErrors);
        });
    g.add(
        r -> {
          byte[] body = createRoleForm("trunc" + r.nextInt(100)).getBytes(StandardCharsets.UTF_8);
          Map<String, String> h = signed(body, r.nextBoolean() ? root() : sessionKey);
          String auth = h.get("Authorization");
          int keep = r.nextInt(auth.length());
          h.put("Authorization", auth.substring(0, keep));
          return new Probe("Authorization cut to " + keep, "POST", "/", null, body, h, authErrors);
        });
    g.add(
        r -> {
          byte[] body = createRoleForm("wrongsecret").getBytes(StandardCharsets.UTF_8);
          RawSigV4.Key k = root();
          return new Probe(
              "wrong secret",
              "POST",
              "/",
              null,
              body,
              signed(body, RawSigV4.Key.of(k.accessKeyId(), k.secret() + "x")),
              Set.of("SignatureDoesNotMatch"));
        });
    g.add(
        r -> {
          byte[] body = createRoleForm("unknownkey").getBytes(StandardCharsets.UTF_8);
          return new Probe(
              "unknown key",
              "POST",
              "/",
              null,
              body,
              signed(body, RawSigV4.Key.of("AKIA" + randomUpper(r, 16), "secret")),
              Set.of("InvalidClientTokenId"));
        });
    g.add(
        r -> {
          byte[] body = createRoleForm("skew").getBytes(StandardCharsets.UTF_8);
          long minutes = (16L + r.nextInt(600)) * (r.nextBoolean() ? 1 : -1);
          return new Probe(
              "signed " + minutes + " min off",
              "POST",
              "/",
              null,
              body,
              signed("POST", null, body, root(), "iam", Instant.now().plusSeconds(60 * minutes)),
              Set.of("SignatureDoesNotMatch"));
        });
    g.add(
        r -> {
          byte[] body = createRoleForm("scope").getBytes(StandardCharsets.UTF_8);
          String service = new String[] {"s3", "ec2", "sts-x", "IAM"}[r.nextInt(4)];
          return new Probe(
              "signed for service " + service,
              "POST",
              "/",
              null,
              body,
              signed("POST", null, body, root(), service, Instant.now()),
              Set.of("SignatureDoesNotMatch", "IncompleteSignature"));
        });
    g.add(
        r -> {
          byte[] signedBody = createRoleForm("before").getBytes(StandardCharsets.UTF_8);
          byte[] sentBody =
              createRoleForm("after" + r.nextInt(100)).getBytes(StandardCharsets.UTF_8);
          return new Probe(
              "body changed after signing",
              "POST",
              "/",
              null,
              sentBody,
              signed(signedBody, r.nextBoolean() ? root() : sessionKey),
              Set.of("SignatureDoesNotMatch"));
        });
    g.add(
        r -> {
          byte[] body = createRoleForm("hdr").getBytes(StandardCharsets.UTF_8);
          Map<String, String> h = signed(body, root());
          String[] drop = {"X-Amz-Date", "Content-Type"};
          String d = drop[r.nextInt(drop.length)];
          h.remove(d);
          return new Probe(
              "signed header " + d + " not sent",
              "POST",
              "/",
              null,
              body,
              h,
              Set.of("IncompleteSignature", "SignatureDoesNotMatch", "MalformedQueryString"));
        });
    g.add(
        r -> {
          byte[] body = createRoleForm("both").getBytes(StandardCharsets.UTF_8);
          String q =
              "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                  + enc(root().accessKeyId() + "/20260101/us-east-1/iam/aws4_request");
          return new Probe(
              "header and query auth",
              "POST",
              "/",
              q,
              body,
              signed("POST", q, body, root(), "iam", Instant.now()),
              Set.of("IncompleteSignature"));
        });

    // a valid CreateRole signed with the session's secret, its token damaged (the role may do
    // iam:*)
    g.add(
        r -> {
          String token = sessionKey.sessionToken();
          int at = r.nextInt(token.length() - 4);
          char c = token.charAt(at);
          char d;
          do {
            d =
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                    .charAt(r.nextInt(64));
          } while (d == c);
          return tokenProbe(
              "token with '" + c + "' at " + at + " made '" + d + "'",
              sessionKey,
              token.substring(0, at) + d + token.substring(at + 1));
        });
    g.add(
        r -> {
          String token = sessionKey.sessionToken();
          int keep = 1 + r.nextInt(token.length() - 1);
          return tokenProbe("token cut to " + keep, sessionKey, token.substring(0, keep));
        });
    g.add(
        r -> {
          String[] junk = {
            "x",
            "AAAA",
            "====",
            "not base64 at all!",
            "R0kB" + "A".repeat(60),
            "UkcB" + "A".repeat(100),
            "UkcBAAAAAQ==",
            "A".repeat(9000),
            sessionKey.sessionToken() + sessionKey.sessionToken(),
            sessionKey.sessionToken() + "AAAA"
          };
          String t = junk[r.nextInt(junk.length)];
          return tokenProbe(
              "junk token " + t.substring(0, Math.min(12, t.length())) + " (" + t.length() + ")",
              sessionKey,
              t);
        });
    g.add(r -> tokenProbe("session token with a long-term key", root(), sessionKey.sessionToken()));
    g.add(
        r ->
            tokenProbe(
                "session token with another ASIA key",
                RawSigV4.Key.of("ASIA" + randomUpper(r, 16), sessionKey.secret()),
                sessionKey.sessionToken()));
    return g;
  }

  private static Probe tokenProbe(String what, RawSigV4.Key key, String token) {
    byte[] body = createRoleForm("via-token").getBytes(StandardCharsets.UTF_8);
    RawSigV4.Key k = new RawSigV4.Key(key.accessKeyId(), key.secret(), token);
    return new Probe(
        what, "POST", "/", null, body, signed(body, k), Set.of("InvalidClientTokenId"));
  }

  private static Probe signedProbe(String what, String body, RawSigV4.Key key, Set<String> codes) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return new Probe(what, "POST", "/", null, b, signed(b, key), codes);
  }

  private static String randomWord(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('a' + r.nextInt(26)));
    }
    return b.toString();
  }

  private static String randomUpper(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(r.nextInt(32)));
    }
    return b.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // a raw socket, for what java.net.http refuses to send

  record RawAnswer(int status, String head, String contentType, String body) {}

  static RawAnswer raw(byte[] request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int state = 0;
      while (state < 4) {
        int c = in.read();
        if (c < 0) {
          throw new AssertionError(
              "connection closed before a full answer to "
                  + new String(request, 0, Math.min(60, request.length), StandardCharsets.US_ASCII)
                  + ": "
                  + head);
        }
        head.write(c);
        state =
            (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                ? state + 1
                : c == '\r' ? 1 : 0;
      }
      String h = head.toString(StandardCharsets.US_ASCII);
      int status = Integer.parseInt(h.substring(9, 12));
      int length = 0;
      String type = null;
      for (String line : h.split("\r\n")) {
        String lower = line.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        } else if (lower.startsWith("content-type:")) {
          type = line.substring(13).trim();
        }
      }
      byte[] body = in.readNBytes(length);
      return new RawAnswer(status, h, type, new String(body, StandardCharsets.UTF_8));
    }
  }
}
