package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Metamorphic properties of {@link Evaluator} on random small policy sets and requests drawn from a
 * small vocabulary, so that statements match often. Policies are written as JSON and go through
 * {@link Policies#check} and {@code compile}: the generators only write valid policies.
 */
class EvaluationPropertiesTest {

  // ---------------------------------------------------------------------------------------------
  // Model: policies as data, rendered to JSON per policy kind
  // ---------------------------------------------------------------------------------------------

  record Clause(String operator, String key, List<String> values) {}

  /** One statement; {@code principal} (JSON) is written only where the kind takes a Principal. */
  record Stmt(
      boolean allow,
      boolean notAction,
      List<String> actions,
      boolean notResource,
      List<String> resources,
      String principal,
      boolean notPrincipal,
      List<Clause> conditions) {

    Stmt withEffect(boolean allow) {
      return new Stmt(
          allow, notAction, actions, notResource, resources, principal, notPrincipal, conditions);
    }

    String json(PolicyKind kind) {
      StringBuilder b =
          new StringBuilder("{\"Effect\": \"").append(allow ? "Allow" : "Deny").append('"');
      b.append(", \"")
          .append(notAction ? "NotAction" : "Action")
          .append("\": ")
          .append(strings(actions));
      b.append(", \"")
          .append(notResource ? "NotResource" : "Resource")
          .append("\": ")
          .append(strings(resources));
      if (kind.hasPrincipal()) {
        b.append(", \"")
            .append(notPrincipal ? "NotPrincipal" : "Principal")
            .append("\": ")
            .append(principal);
      }
      if (!conditions.isEmpty()) {
        // operators and keys must each appear once: later clauses for the same pair win
        Map<String, Map<String, List<String>>> block = new LinkedHashMap<>();
        for (Clause c : conditions) {
          block.computeIfAbsent(c.operator(), k -> new LinkedHashMap<>()).put(c.key(), c.values());
        }
        b.append(", \"Condition\": {");
        b.append(
            block.entrySet().stream()
                .map(
                    op ->
                        quote(op.getKey())
                            + ": {"
                            + op.getValue().entrySet().stream()
                                .map(k -> quote(k.getKey()) + ": " + strings(k.getValue()))
                                .collect(Collectors.joining(", "))
                            + "}")
                .collect(Collectors.joining(", ")));
        b.append('}');
      }
      return b.append('}').toString();
    }

    @Override
    public String toString() {
      return json(PolicyKind.RESOURCE);
    }
  }

  record Pol(List<Stmt> statements) {
    Pol {
      statements = List.copyOf(statements);
    }

    String json(PolicyKind kind) {
      return "{\"Version\": \"2012-10-17\", \"Statement\": ["
          + statements.stream().map(s -> s.json(kind)).collect(Collectors.joining(", "))
          + "]}";
    }

    Pol inserted(int at, Stmt s) {
      List<Stmt> out = new ArrayList<>(statements);
      out.add(Math.floorMod(at, out.size() + 1), s);
      return new Pol(out);
    }

    Pol removed(int at) {
      List<Stmt> out = new ArrayList<>(statements);
      out.remove(at);
      return new Pol(out);
    }

    @Override
    public String toString() {
      return statements.toString();
    }
  }

  /** A policy set; {@code resource} and {@code boundary} may be null. */
  record SetModel(
      List<Pol> identity, Pol resource, Pol boundary, List<Pol> sessions, List<List<Pol>> scps) {
    SetModel {
      identity = List.copyOf(identity);
      sessions = List.copyOf(sessions);
      scps = scps.stream().map(List::copyOf).toList();
    }

    PolicySet compile() {
      List<CompiledPolicy> id = new ArrayList<>();
      for (int i = 0; i < identity.size(); i++) {
        id.add(
            EvaluationPropertiesTest.compile("identity" + i, identity.get(i), PolicyKind.IDENTITY));
      }
      List<CompiledPolicy> ss = new ArrayList<>();
      for (int i = 0; i < sessions.size(); i++) {
        ss.add(
            EvaluationPropertiesTest.compile("session" + i, sessions.get(i), PolicyKind.SESSION));
      }
      List<List<CompiledPolicy>> levels = new ArrayList<>();
      for (int l = 0; l < scps.size(); l++) {
        List<CompiledPolicy> level = new ArrayList<>();
        for (int i = 0; i < scps.get(l).size(); i++) {
          level.add(
              EvaluationPropertiesTest.compile(
                  "scp" + l + "." + i, scps.get(l).get(i), PolicyKind.SCP));
        }
        levels.add(level);
      }
      return new PolicySet(
          id,
          resource == null
              ? null
              : EvaluationPropertiesTest.compile("resource", resource, PolicyKind.RESOURCE),
          boundary == null
              ? null
              : EvaluationPropertiesTest.compile(
                  "boundary", boundary, PolicyKind.PERMISSIONS_BOUNDARY),
          ss,
          levels);
    }

    int statementCount() {
      int n = identity.stream().mapToInt(p -> p.statements().size()).sum();
      n += resource == null ? 0 : resource.statements().size();
      n += boundary == null ? 0 : boundary.statements().size();
      n += sessions.stream().mapToInt(p -> p.statements().size()).sum();
      n += scps.stream().flatMap(List::stream).mapToInt(p -> p.statements().size()).sum();
      return n;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("\n");
      for (int i = 0; i < identity.size(); i++) {
        b.append("  identity")
            .append(i)
            .append(": ")
            .append(identity.get(i).json(PolicyKind.IDENTITY))
            .append('\n');
      }
      if (resource != null) {
        b.append("  resource: ").append(resource.json(PolicyKind.RESOURCE)).append('\n');
      }
      if (boundary != null) {
        b.append("  boundary: ")
            .append(boundary.json(PolicyKind.PERMISSIONS_BOUNDARY))
            .append('\n');
      }
      for (int i = 0; i < sessions.size(); i++) {
        b.append("  session")
            .append(i)
            .append(": ")
            .append(sessions.get(i).json(PolicyKind.SESSION))
            .append('\n');
      }
      for (int l = 0; l < scps.size(); l++) {
        for (int i = 0; i < scps.get(l).size(); i++) {
          b.append("  scp")
              .append(l)
              .append('.')
              .append(i)
              .append(": ")
              .append(scps.get(l).get(i).json(PolicyKind.SCP))
              .append('\n');
        }
      }
      return b.toString();
    }
  }

  /** A request; {@code resourceAccount} may be null (then taken from the ARN or the principal). */
  record Req(
      String principal,
      String action,
      String resource,
      String resourceAccount,
      Map<String, String> single,
      Map<String, List<String>> multi) {
    RequestContext context() {
      RequestContext.Builder b =
          RequestContext.builder()
              .principal(principal)
              .action(action)
              .resource(resource)
              .resourceAccount(resourceAccount);
      single.forEach(b::put);
      multi.forEach(b::putMulti);
      return b.build();
    }
  }

  static CompiledPolicy compile(String name, Pol p, PolicyKind kind) {
    String json = p.json(kind);
    Policies.Checked checked = Policies.check(json, kind);
    assertThat(checked.hasErrors())
        .as("generated %s policy has errors %s:\n%s", kind, checked.errors(), json)
        .isFalse();
    return checked.compile(name);
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  static String strings(List<String> values) {
    if (values.size() == 1) {
      return quote(values.get(0));
    }
    return values.stream()
        .map(EvaluationPropertiesTest::quote)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  // ---------------------------------------------------------------------------------------------
  // Vocabulary and generators
  // ---------------------------------------------------------------------------------------------

  static final String ACCT = "111122223333";
  static final String OTHER = "444455556666";

  static final List<String> ACTIONS =
      List.of(
          "*",
          "s3:GetObject",
          "s3:PutObject",
          "s3:Get*",
          "s3:get*",
          "s3:*",
          "s3:List*",
          "iam:*",
          "iam:PassRole",
          "sts:AssumeRole",
          "sts:*",
          "ec2:Describe*",
          "s3:?etObject");

  static final List<String> RESOURCES =
      List.of(
          "*",
          "arn:aws:s3:::b/*",
          "arn:aws:s3:::b",
          "arn:aws:s3:::b*",
          "arn:aws:s3:::b/${aws:username}/*",
          "arn:aws:s3:::other/*",
          "arn:aws:iam::" + ACCT + ":role/R",
          "arn:aws:iam::*:role/*",
          "arn:aws:ec2:*:" + ACCT + ":instance/*",
          "arn:aws:*:*:*:*");

  static final List<String> PRINCIPALS =
      List.of(
          "\"*\"",
          "{\"AWS\": \"*\"}",
          "{\"AWS\": \"" + ACCT + "\"}",
          "{\"AWS\": \"arn:aws:iam::" + ACCT + ":root\"}",
          "{\"AWS\": \"arn:aws:iam::" + ACCT + ":user/alice\"}",
          "{\"AWS\": \"arn:aws:iam::" + ACCT + ":role/R\"}",
          "{\"AWS\": \"arn:aws:sts::" + ACCT + ":assumed-role/R/s\"}",
          "{\"AWS\": \"arn:aws:sts::" + ACCT + ":federated-user/fed\"}",
          "{\"AWS\": \"" + OTHER + "\"}",
          "{\"AWS\": \"arn:aws:iam::" + OTHER + ":user/carol\"}",
          "{\"AWS\": [\"arn:aws:iam::" + ACCT + ":user/alice\", \"" + OTHER + "\"]}",
          "{\"Service\": \"ec2.amazonaws.com\"}");

  static final List<Clause> CLAUSES =
      List.of(
          new Clause("StringEquals", "aws:PrincipalTag/team", List.of("dev")),
          new Clause("StringEquals", "aws:PrincipalTag/team", List.of("dev", "ops")),
          new Clause("StringNotEquals", "aws:PrincipalTag/team", List.of("dev")),
          new Clause("StringEqualsIfExists", "aws:PrincipalTag/team", List.of("ops")),
          new Clause("StringLike", "s3:prefix", List.of("home/*")),
          new Clause("StringEquals", "aws:username", List.of("alice")),
          new Clause("StringEquals", "aws:PrincipalTag/team", List.of("${aws:username}")),
          new Clause("Bool", "aws:SecureTransport", List.of("true")),
          new Clause("Bool", "aws:SecureTransport", List.of("false")),
          new Clause("BoolIfExists", "aws:SecureTransport", List.of("true")),
          new Clause("IpAddress", "aws:SourceIp", List.of("10.0.0.0/8")),
          new Clause("IpAddress", "aws:SourceIp", List.of("192.0.2.0/24", "10.0.0.0/8")),
          new Clause("NotIpAddress", "aws:SourceIp", List.of("10.0.0.0/8")),
          new Clause("Null", "aws:SourceIp", List.of("true")),
          new Clause("Null", "aws:PrincipalTag/team", List.of("false")),
          new Clause("NumericLessThan", "s3:max-keys", List.of("10")),
          new Clause("ArnLike", "aws:PrincipalArn", List.of("arn:aws:iam::" + ACCT + ":role/*")),
          new Clause("ForAnyValue:StringEquals", "aws:TagKeys", List.of("team")),
          new Clause("ForAllValues:StringEquals", "aws:TagKeys", List.of("team", "env")));

  static final List<String> REQUEST_PRINCIPALS =
      List.of(
          "arn:aws:iam::" + ACCT + ":user/alice",
          "arn:aws:iam::" + ACCT + ":user/bob",
          "arn:aws:sts::" + ACCT + ":assumed-role/R/s",
          "arn:aws:sts::" + ACCT + ":assumed-role/Other/s",
          "arn:aws:iam::" + ACCT + ":root",
          ACCT,
          "arn:aws:sts::" + ACCT + ":federated-user/fed",
          "arn:aws:iam::" + OTHER + ":user/carol",
          "arn:aws:sts::" + OTHER + ":assumed-role/X/s",
          "ec2.amazonaws.com",
          "*");

  static final List<String> REQUEST_ACTIONS =
      List.of(
          "s3:GetObject",
          "s3:PutObject",
          "s3:ListBucket",
          "s3:GetBucketPolicy",
          "iam:PassRole",
          "iam:CreateUser",
          "sts:AssumeRole",
          "ec2:DescribeInstances",
          "S3:GETOBJECT");

  static final List<String> REQUEST_RESOURCES =
      List.of(
          "arn:aws:s3:::b/key",
          "arn:aws:s3:::b",
          "arn:aws:s3:::b/alice/f",
          "arn:aws:s3:::bb/x",
          "arn:aws:s3:::other/x",
          "arn:aws:iam::" + ACCT + ":role/R",
          "arn:aws:iam::" + OTHER + ":role/R",
          "arn:aws:ec2:us-east-1:" + ACCT + ":instance/i-1",
          "*");

  /** True once in {@code inN}; shrinks to false (the plain form: Action, Resource, Principal). */
  static Arbitrary<Boolean> sometimes(int inN) {
    return Arbitraries.integers().between(1, inN).map(i -> i == inN);
  }

  /**
   * Any of the values, the favourites (broad patterns) more often, so that statements match often.
   */
  static Arbitrary<String> weighted(List<String> values, String... favourites) {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(values)), Tuple.of(2, Arbitraries.of(favourites)));
  }

  static Arbitrary<Stmt> statements(int allowWeight, int denyWeight) {
    Arbitrary<Boolean> allow =
        Arbitraries.frequency(Tuple.of(allowWeight, true), Tuple.of(denyWeight, false));
    return Combinators.combine(
            allow,
            sometimes(6),
            weighted(ACTIONS, "*", "s3:*", "s3:Get*")
                .list()
                .ofMinSize(1)
                .ofMaxSize(2)
                .uniqueElements(),
            sometimes(8),
            weighted(RESOURCES, "*", "arn:aws:s3:::b/*", "arn:aws:*:*:*:*")
                .list()
                .ofMinSize(1)
                .ofMaxSize(2)
                .uniqueElements(),
            Arbitraries.of(PRINCIPALS),
            sometimes(5),
            Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(List.<Clause>of())),
                Tuple.of(3, Arbitraries.of(CLAUSES).list().ofSize(1)),
                Tuple.of(1, Arbitraries.of(CLAUSES).list().ofSize(2))))
        .as(Stmt::new);
  }

  static final Stmt ALLOW_ALL =
      new Stmt(true, false, List.of("*"), false, List.of("*"), "\"*\"", false, List.of());
  static final Stmt DENY_ALL = ALLOW_ALL.withEffect(false);

  static Arbitrary<Pol> policies(Arbitrary<Stmt> statements, int maxStatements) {
    return statements.list().ofMinSize(1).ofMaxSize(maxStatements).map(Pol::new);
  }

  @Provide
  Arbitrary<SetModel> sets() {
    Arbitrary<Pol> identity = policies(statements(6, 1), 3);
    Arbitrary<Pol> resource = policies(statements(3, 1), 3);
    Arbitrary<Pol> boundary = policies(statements(5, 1), 2);
    Arbitrary<Pol> session = policies(statements(5, 1), 2);
    Arbitrary<Pol> scp =
        policies(
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(ALLOW_ALL)), Tuple.of(2, statements(3, 1))),
            2);
    return Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(1, identity.list().ofMaxSize(1)),
                Tuple.of(2, identity.list().ofMinSize(2).ofMaxSize(3))),
            resource.injectNull(0.5),
            boundary.injectNull(0.7),
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.<Pol>of())),
                Tuple.of(1, session.list().ofMinSize(1).ofMaxSize(2))),
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.<List<Pol>>of())),
                Tuple.of(1, scp.list().ofMinSize(1).ofMaxSize(2).list().ofMinSize(1).ofMaxSize(2))))
        .as(SetModel::new);
  }

  @Provide
  Arbitrary<Req> requests() {
    Arbitrary<Map<String, String>> single =
        Combinators.combine(
                List.of(
                    Arbitraries.of("dev", "ops")
                        .injectNull(0.4)
                        .map(v -> entry("aws:PrincipalTag/team", v)),
                    Arbitraries.of("true", "false")
                        .injectNull(0.4)
                        .map(v -> entry("aws:SecureTransport", v)),
                    Arbitraries.of("10.1.2.3", "192.0.2.7", "203.0.113.5", "2001:db8::1")
                        .injectNull(0.4)
                        .map(v -> entry("aws:SourceIp", v)),
                    Arbitraries.of("alice", "bob", "dev")
                        .injectNull(0.5)
                        .map(v -> entry("aws:username", v)),
                    Arbitraries.of(
                            "arn:aws:iam::" + ACCT + ":role/R",
                            "arn:aws:iam::" + ACCT + ":user/alice")
                        .injectNull(0.6)
                        .map(v -> entry("aws:PrincipalArn", v)),
                    Arbitraries.of("home/x", "other")
                        .injectNull(0.6)
                        .map(v -> entry("s3:prefix", v)),
                    Arbitraries.of("5", "50").injectNull(0.6).map(v -> entry("s3:max-keys", v))))
            .as(
                entries -> {
                  Map<String, String> m = new LinkedHashMap<>();
                  for (Map.Entry<String, String> e : entries) {
                    if (e.getValue() != null) {
                      m.put(e.getKey(), e.getValue());
                    }
                  }
                  return m;
                });
    Arbitrary<Map<String, List<String>>> multi =
        Arbitraries.of(List.of("team"), List.<String>of(), List.of("team", "env"), List.of("env"))
            .injectNull(0.5)
            .map(v -> v == null ? Map.<String, List<String>>of() : Map.of("aws:TagKeys", v));
    return Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(REQUEST_PRINCIPALS.subList(0, 4))),
                Tuple.of(3, Arbitraries.of(REQUEST_PRINCIPALS))),
            weighted(REQUEST_ACTIONS, "s3:GetObject", "s3:PutObject"),
            Arbitraries.of(REQUEST_RESOURCES),
            Arbitraries.of(ACCT, OTHER).injectNull(0.5),
            single,
            multi)
        .as(Req::new);
  }

  static Map.Entry<String, String> entry(String key, String value) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(key, value);
  }

  @Provide
  Arbitrary<Stmt> denies() {
    return statements(0, 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Places in a set: where a statement can be added, which statements can be removed
  // ---------------------------------------------------------------------------------------------

  /** Every place a statement can go: each existing policy, and a new policy of each kind. */
  static List<Map.Entry<String, java.util.function.Function<Stmt, SetModel>>> addSites(
      SetModel m, int pos) {
    List<Map.Entry<String, java.util.function.Function<Stmt, SetModel>>> out = new ArrayList<>();
    for (int i = 0; i < m.identity().size(); i++) {
      int at = i;
      out.add(
          entryF(
              "identity",
              s ->
                  withIdentity(
                      m, replace(m.identity(), at, m.identity().get(at).inserted(pos, s)))));
    }
    out.add(
        entryF("new identity", s -> withIdentity(m, append(m.identity(), new Pol(List.of(s))))));
    out.add(
        entryF(
            m.resource() == null ? "new resource" : "resource",
            s ->
                new SetModel(
                    m.identity(),
                    m.resource() == null ? new Pol(List.of(s)) : m.resource().inserted(pos, s),
                    m.boundary(),
                    m.sessions(),
                    m.scps())));
    out.add(
        entryF(
            m.boundary() == null ? "new boundary" : "boundary",
            s ->
                new SetModel(
                    m.identity(),
                    m.resource(),
                    m.boundary() == null ? new Pol(List.of(s)) : m.boundary().inserted(pos, s),
                    m.sessions(),
                    m.scps())));
    for (int i = 0; i < m.sessions().size(); i++) {
      int at = i;
      out.add(
          entryF(
              "session",
              s ->
                  new SetModel(
                      m.identity(),
                      m.resource(),
                      m.boundary(),
                      replace(m.sessions(), at, m.sessions().get(at).inserted(pos, s)),
                      m.scps())));
    }
    out.add(
        entryF(
            "new session",
            s ->
                new SetModel(
                    m.identity(),
                    m.resource(),
                    m.boundary(),
                    append(m.sessions(), new Pol(List.of(s))),
                    m.scps())));
    for (int l = 0; l < m.scps().size(); l++) {
      int level = l;
      List<Pol> ps = m.scps().get(l);
      for (int i = 0; i < ps.size(); i++) {
        int at = i;
        out.add(
            entryF(
                "scp",
                s ->
                    new SetModel(
                        m.identity(),
                        m.resource(),
                        m.boundary(),
                        m.sessions(),
                        replace(m.scps(), level, replace(ps, at, ps.get(at).inserted(pos, s))))));
      }
      out.add(
          entryF(
              "new scp in level",
              s ->
                  new SetModel(
                      m.identity(),
                      m.resource(),
                      m.boundary(),
                      m.sessions(),
                      replace(m.scps(), level, append(ps, new Pol(List.of(s)))))));
    }
    out.add(
        entryF(
            "new scp level",
            s ->
                new SetModel(
                    m.identity(),
                    m.resource(),
                    m.boundary(),
                    m.sessions(),
                    append(m.scps(), List.of(new Pol(List.of(s)))))));
    return out;
  }

  /** Every Allow statement whose policy keeps at least one statement without it. */
  static List<Map.Entry<String, SetModel>> removals(SetModel m) {
    List<Map.Entry<String, SetModel>> out = new ArrayList<>();
    for (int i = 0; i < m.identity().size(); i++) {
      Pol p = m.identity().get(i);
      for (int j : removable(p)) {
        out.add(entry2("identity", withIdentity(m, replace(m.identity(), i, p.removed(j)))));
      }
    }
    if (m.resource() != null) {
      for (int j : removable(m.resource())) {
        out.add(
            entry2(
                "resource",
                new SetModel(
                    m.identity(), m.resource().removed(j), m.boundary(), m.sessions(), m.scps())));
      }
    }
    if (m.boundary() != null) {
      for (int j : removable(m.boundary())) {
        out.add(
            entry2(
                "boundary",
                new SetModel(
                    m.identity(), m.resource(), m.boundary().removed(j), m.sessions(), m.scps())));
      }
    }
    for (int i = 0; i < m.sessions().size(); i++) {
      Pol p = m.sessions().get(i);
      for (int j : removable(p)) {
        out.add(
            entry2(
                "session",
                new SetModel(
                    m.identity(),
                    m.resource(),
                    m.boundary(),
                    replace(m.sessions(), i, p.removed(j)),
                    m.scps())));
      }
    }
    for (int l = 0; l < m.scps().size(); l++) {
      List<Pol> ps = m.scps().get(l);
      for (int i = 0; i < ps.size(); i++) {
        Pol p = ps.get(i);
        for (int j : removable(p)) {
          out.add(
              entry2(
                  "scp",
                  new SetModel(
                      m.identity(),
                      m.resource(),
                      m.boundary(),
                      m.sessions(),
                      replace(m.scps(), l, replace(ps, i, p.removed(j))))));
        }
      }
    }
    return out;
  }

  static List<Integer> removable(Pol p) {
    List<Integer> out = new ArrayList<>();
    if (p.statements().size() < 2) {
      return out;
    }
    for (int j = 0; j < p.statements().size(); j++) {
      if (p.statements().get(j).allow()) {
        out.add(j);
      }
    }
    return out;
  }

  static SetModel withIdentity(SetModel m, List<Pol> identity) {
    return new SetModel(identity, m.resource(), m.boundary(), m.sessions(), m.scps());
  }

  static <T> List<T> replace(List<T> list, int at, T value) {
    List<T> out = new ArrayList<>(list);
    out.set(at, value);
    return out;
  }

  static <T> List<T> append(List<T> list, T value) {
    List<T> out = new ArrayList<>(list);
    out.add(value);
    return out;
  }

  static Map.Entry<String, java.util.function.Function<Stmt, SetModel>> entryF(
      String label, java.util.function.Function<Stmt, SetModel> f) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(label, f);
  }

  static Map.Entry<String, SetModel> entry2(String label, SetModel m) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(label, m);
  }

  // ---------------------------------------------------------------------------------------------
  // Properties
  // ---------------------------------------------------------------------------------------------

  @Property(tries = 1500)
  void addingADenyStatementNeverGrantsAnything(
      @ForAll("sets") SetModel set,
      @ForAll("requests") Req req,
      @ForAll("denies") Stmt deny,
      @ForAll @IntRange(min = 0, max = 1000) int site,
      @ForAll @IntRange(min = 0, max = 10) int pos) {
    RequestContext ctx = req.context();
    Decision before = Evaluator.decide(set.compile(), ctx);
    var sites = addSites(set, pos);
    var chosen = sites.get(site % sites.size());
    SetModel changed = chosen.getValue().apply(deny);
    Decision after = Evaluator.decide(changed.compile(), ctx);
    Statistics.label("before -> after").collect(before + " -> " + after);
    Statistics.label("site").collect(chosen.getKey());
    String what =
        "adding "
            + deny
            + " to "
            + chosen.getKey()
            + "\nrequest "
            + req
            + "\nbefore:"
            + set
            + "after:"
            + changed;
    assertThat(after == Decision.ALLOW && before != Decision.ALLOW)
        .as("%s -> %s by %s", before, after, what)
        .isFalse();
    if (before == Decision.EXPLICIT_DENY) {
      assertThat(after)
          .as("an explicit deny stays one: %s", what)
          .isEqualTo(Decision.EXPLICIT_DENY);
    }
  }

  @Property(tries = 1500)
  void removingAnAllowStatementNeverGrantsAnything(
      @ForAll("sets") SetModel set,
      @ForAll("requests") Req req,
      @ForAll @IntRange(min = 0, max = 1000) int which) {
    var removals = removals(set);
    Assume.that(!removals.isEmpty());
    var chosen = removals.get(which % removals.size());
    RequestContext ctx = req.context();
    Decision before = Evaluator.decide(set.compile(), ctx);
    Decision after = Evaluator.decide(chosen.getValue().compile(), ctx);
    Statistics.label("before -> after").collect(before + " -> " + after);
    Statistics.label("site").collect(chosen.getKey());
    String what =
        "removing an Allow from "
            + chosen.getKey()
            + "\nrequest "
            + req
            + "\nbefore:"
            + set
            + "after:"
            + chosen.getValue();
    if (before != Decision.ALLOW) {
      assertThat(after).as("%s -> %s by %s", before, after, what).isNotEqualTo(Decision.ALLOW);
    }
    if (before == Decision.EXPLICIT_DENY) {
      assertThat(after)
          .as("an explicit deny stays one: %s", what)
          .isEqualTo(Decision.EXPLICIT_DENY);
    }
  }

  @Property(tries = 1500)
  void decideAndEvaluateAgree(@ForAll("sets") SetModel set, @ForAll("requests") Req req) {
    PolicySet ps = set.compile();
    RequestContext ctx = req.context();
    Decision d = Evaluator.decide(ps, ctx);
    EvaluationResult plain = Evaluator.evaluate(ps, ctx, false);
    EvaluationResult explained = Evaluator.evaluate(ps, ctx, true);
    Statistics.label("decision")
        .collect(d + (plain.reason() == null ? "" : " (" + plain.reason() + ")"));
    String what = "request " + req + "\nset:" + set;
    assertThat(plain.decision()).as("evaluate(explain=false) vs decide: %s", what).isEqualTo(d);
    assertThat(explained.decision()).as("evaluate(explain=true) vs decide: %s", what).isEqualTo(d);
    assertThat(plain.explanation()).isNull();
    assertThat(explained.deciding()).as(what).isEqualTo(plain.deciding());
    assertThat(explained.reason()).as(what).isEqualTo(plain.reason());

    // the explanation's traces are consistent with the decision
    List<Explanation.StatementTrace> traces = explained.explanation().statements();
    assertThat(traces).as("one trace per statement: %s", what).hasSize(set.statementCount());
    List<StatementRef> applyingDenies =
        traces.stream()
            .filter(t -> t.effect() == Effect.DENY && t.applies())
            .map(Explanation.StatementTrace::statement)
            .toList();
    assertThat(d == Decision.EXPLICIT_DENY)
        .as("explicit deny iff a Deny applies: %s", what)
        .isEqualTo(!applyingDenies.isEmpty());
    if (d == Decision.EXPLICIT_DENY) {
      assertThat(explained.deciding()).as(what).containsExactlyInAnyOrderElementsOf(applyingDenies);
    }
    if (d == Decision.IMPLICIT_DENY) {
      assertThat(explained.deciding()).as(what).isEmpty();
    }
    assertThat(explained.reason() == null)
        .as("reason only for a deny: %s", what)
        .isEqualTo(d == Decision.ALLOW);
  }

  @Property(tries = 1000)
  void aMatchingDenyAllInAnIdentityPolicyAlwaysDenies(
      @ForAll("sets") SetModel set,
      @ForAll("requests") Req req,
      @ForAll @IntRange(min = 0, max = 1000) int which,
      @ForAll @IntRange(min = 0, max = 10) int pos) {
    int n = set.identity().size();
    int i = which % (n + 1);
    SetModel changed =
        i == n
            ? withIdentity(set, append(set.identity(), new Pol(List.of(DENY_ALL))))
            : withIdentity(
                set, replace(set.identity(), i, set.identity().get(i).inserted(pos, DENY_ALL)));
    Decision d = Evaluator.decide(changed.compile(), req.context());
    Statistics.label("where").collect(i == n ? "new identity policy" : "existing identity policy");
    assertThat(d).as("request %s\nset:%s", req, changed).isEqualTo(Decision.EXPLICIT_DENY);
  }

  @Property(tries = 1000)
  void aMatchingDenyAllAnywhereAlwaysDenies(
      @ForAll("sets") SetModel set,
      @ForAll("requests") Req req,
      @ForAll @IntRange(min = 0, max = 1000) int site,
      @ForAll @IntRange(min = 0, max = 10) int pos) {
    var sites = addSites(set, pos);
    var chosen = sites.get(site % sites.size());
    SetModel changed = chosen.getValue().apply(DENY_ALL); // Principal "*" where the kind takes one
    Statistics.label("site").collect(chosen.getKey());
    RequestContext ctx = req.context();
    assertThat(Evaluator.decide(changed.compile(), ctx))
        .as("deny-all in %s, request %s\nset:%s", chosen.getKey(), req, changed)
        .isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(Evaluator.evaluate(changed.compile(), ctx, true).decision())
        .isEqualTo(Decision.EXPLICIT_DENY);
  }

  /** Order carries no meaning: shuffling statements and policies never changes the decision. */
  @Property(tries = 1000)
  void orderOfStatementsAndPoliciesDoesNotMatter(
      @ForAll("sets") SetModel set, @ForAll("requests") Req req, @ForAll long seed) {
    Random r = new Random(seed);
    SetModel shuffled =
        new SetModel(
            shuffle(set.identity().stream().map(p -> shuffle(p, r)).toList(), r),
            set.resource() == null ? null : shuffle(set.resource(), r),
            set.boundary() == null ? null : shuffle(set.boundary(), r),
            shuffle(set.sessions().stream().map(p -> shuffle(p, r)).toList(), r),
            shuffle(
                set.scps().stream()
                    .map(l -> shuffle(l.stream().map(p -> shuffle(p, r)).toList(), r))
                    .toList(),
                r));
    RequestContext ctx = req.context();
    assertThat(Evaluator.decide(shuffled.compile(), ctx))
        .as("request %s\nset:%s\nshuffled:%s", req, set, shuffled)
        .isEqualTo(Evaluator.decide(set.compile(), ctx));
  }

  /** Identity policies are a union: merging them all into one policy never changes the decision. */
  @Property(tries = 1000)
  void mergingIdentityPoliciesDoesNotMatter(
      @ForAll("sets") SetModel set, @ForAll("requests") Req req) {
    Assume.that(set.identity().size() >= 2);
    List<Stmt> all = set.identity().stream().flatMap(p -> p.statements().stream()).toList();
    SetModel merged = withIdentity(set, List.of(new Pol(all)));
    RequestContext ctx = req.context();
    assertThat(Evaluator.decide(merged.compile(), ctx))
        .as("request %s\nset:%s", req, set)
        .isEqualTo(Evaluator.decide(set.compile(), ctx));
  }

  static Pol shuffle(Pol p, Random r) {
    return new Pol(shuffle(p.statements(), r));
  }

  static <T> List<T> shuffle(List<T> list, Random r) {
    List<T> out = new ArrayList<>(list);
    Collections.shuffle(out, r);
    return out;
  }
}
