package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.rolegate.policy.json.JsonTreeReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The parser and validator on arbitrary input: random JSON built from the policy language's element
 * names, valid policies cut and mangled, and random strings. Checking never throws, every finding
 * is well-formed, and text that is not JSON always gets an error.
 */
class ParserPropertiesTest {

  // ---------------------------------------------------------------------------------------------
  // A JSON model (duplicate keys allowed) rendered compact or indented
  // ---------------------------------------------------------------------------------------------

  sealed interface J permits JStr, JNum, JLit, JArr, JObj {}

  record JStr(String value) implements J {}

  record JNum(String text) implements J {}

  record JLit(String text) implements J {}

  record JArr(List<J> elements) implements J {}

  record JObj(List<Map.Entry<String, J>> members) implements J {}

  static String render(J j, boolean pretty) {
    StringBuilder b = new StringBuilder();
    render(j, pretty, 0, b);
    return b.toString();
  }

  private static void render(J j, boolean pretty, int indent, StringBuilder b) {
    if (j instanceof JStr s) {
      quote(s.value(), b);
    } else if (j instanceof JNum n) {
      b.append(n.text());
    } else if (j instanceof JLit l) {
      b.append(l.text());
    } else if (j instanceof JArr a) {
      b.append('[');
      for (int i = 0; i < a.elements().size(); i++) {
        b.append(i == 0 ? "" : ",");
        newline(pretty, indent + 1, b);
        render(a.elements().get(i), pretty, indent + 1, b);
      }
      if (!a.elements().isEmpty()) {
        newline(pretty, indent, b);
      }
      b.append(']');
    } else if (j instanceof JObj o) {
      b.append('{');
      for (int i = 0; i < o.members().size(); i++) {
        b.append(i == 0 ? "" : ",");
        newline(pretty, indent + 1, b);
        quote(o.members().get(i).getKey(), b);
        b.append(pretty ? ": " : ":");
        render(o.members().get(i).getValue(), pretty, indent + 1, b);
      }
      if (!o.members().isEmpty()) {
        newline(pretty, indent, b);
      }
      b.append('}');
    }
  }

  private static void newline(boolean pretty, int indent, StringBuilder b) {
    if (pretty) {
      b.append('\n').append("  ".repeat(indent));
    }
  }

  static void quote(String s, StringBuilder b) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  // ---------------------------------------------------------------------------------------------
  // Generators
  // ---------------------------------------------------------------------------------------------

  static final List<String> KEYS =
      List.of(
          "Version",
          "Id",
          "Statement",
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition",
          "AWS",
          "Service",
          "Federated",
          "CanonicalUser",
          "StringEquals",
          "StringNotEquals",
          "StringLike",
          "StringEqualsIfExists",
          "Bool",
          "IpAddress",
          "NotIpAddress",
          "Null",
          "NullIfExists",
          "NumericLessThan",
          "DateLessThan",
          "BinaryEquals",
          "ArnLike",
          "ForAllValues:StringEquals",
          "ForAnyValue:StringLike",
          "aws:SourceIp",
          "aws:PrincipalTag/team",
          "aws:SecureTransport",
          "aws:CurrentTime",
          "aws:TagKeys",
          "s3:prefix",
          "version",
          "effect",
          "",
          "Bogus");

  static final List<String> STRINGS =
      List.of(
          "Allow",
          "Deny",
          "allow",
          "2012-10-17",
          "2008-10-17",
          "2012-10-18",
          "*",
          "s3:GetObject",
          "s3:*",
          "s3:Get*",
          "iam:*",
          "sts:AssumeRole",
          "s3",
          "s3:a:b",
          "bad vendor:x",
          "arn:aws:s3:::b/*",
          "arn:aws:s3:us-east-1::b",
          "arn:aws:iam::111122223333:root",
          "arn:aws:iam::111122223333:user/alice",
          "arn:aws:iam::111122223333:role/R",
          "arn:aws:iam:us-east-1:111122223333:user/a",
          "arn:aws:sts::111122223333:assumed-role/R/s",
          "arn:aws:iam::111122223333:bogus/x",
          "arn:foo:s3:::b",
          "arn:aws",
          "arn:aws:s3",
          "arn:aws:s3:::",
          "arn:aws:iam::*:user/*",
          "111122223333",
          "AIDAEXAMPLE12345678",
          "ec2.amazonaws.com",
          "accounts.google.com",
          "arn:aws:iam::111122223333:saml-provider/P",
          "10.0.0.0/8",
          "::1",
          "2001:db8::/32",
          "300.1.1.1",
          "true",
          "false",
          "TRUE",
          "maybe",
          "0",
          "-1",
          "1e3",
          "2024-01-31T12:00:00Z",
          "2024-13-01",
          "99999999999999999999",
          "QUJD",
          "not base64!",
          "${aws:username}",
          "${aws:username",
          "${*}",
          "$${x}",
          "",
          " ",
          "Sid 1",
          "\u00e9\u4e2d\ud83d\ude00");

  static Arbitrary<String> keys() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(KEYS)),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(8)),
        Tuple.of(1, Arbitraries.of(KEYS).map(k -> k.toUpperCase(java.util.Locale.ROOT))));
  }

  static Arbitrary<J> scalars() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(STRINGS).map(JStr::new)),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(10).map(JStr::new)),
        Tuple.of(
            2,
            Arbitraries.of(
                    "0",
                    "-0",
                    "1",
                    "-1",
                    "12",
                    "1.5",
                    "-0.0",
                    "1e10",
                    "1E-3",
                    "123456789012",
                    "1e999",
                    "-1e-999",
                    "3.141592653589793238462643383279",
                    "99999999999999999999")
                .map(JNum::new)),
        Tuple.of(2, Arbitraries.of("true", "false", "null").map(JLit::new)));
  }

  static Arbitrary<J> containers(Arbitrary<J> inner) {
    Arbitrary<J> array = inner.list().ofMaxSize(3).map(JArr::new);
    Arbitrary<J> object =
        Combinators.combine(keys(), inner)
            .as(
                (k, v) ->
                    (Map.Entry<String, J>) new java.util.AbstractMap.SimpleImmutableEntry<>(k, v))
            .list()
            .ofMaxSize(4)
            .map(JObj::new);
    return Arbitraries.frequencyOf(Tuple.of(2, inner), Tuple.of(2, array), Tuple.of(3, object));
  }

  static Arbitrary<J> anyJson() {
    return Arbitraries.recursive(
        ParserPropertiesTest::scalars, ParserPropertiesTest::containers, 0, 6);
  }

  static Map.Entry<String, J> member(String k, J v) {
    return new java.util.AbstractMap.SimpleImmutableEntry<>(k, v);
  }

  /** Policy-shaped: a document object with a Version and Statement(s) whose elements are random. */
  static Arbitrary<J> policyShaped() {
    Arbitrary<J> statement =
        Combinators.combine(
                keys(), Arbitraries.frequencyOf(Tuple.of(1, scalars()), Tuple.of(1, anyJson())))
            .as(ParserPropertiesTest::member)
            .list()
            .ofMinSize(1)
            .ofMaxSize(6)
            .map(JObj::new);
    Arbitrary<J> statements =
        Arbitraries.frequencyOf(
            Tuple.of(3, statement.list().ofMinSize(1).ofMaxSize(3).map(JArr::new)),
            Tuple.of(1, statement),
            Tuple.of(1, anyJson()));
    Arbitrary<J> version =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(new JStr("2012-10-17"))), Tuple.of(1, scalars()));
    return Combinators.combine(version, statements, keys().injectNull(0.8), anyJson())
        .as(
            (v, s, extraKey, extra) -> {
              List<Map.Entry<String, J>> members = new ArrayList<>();
              members.add(member("Version", v));
              members.add(member("Statement", s));
              if (extraKey != null) {
                members.add(member(extraKey, extra));
              }
              return new JObj(members);
            });
  }

  static final List<String> VALID_POLICIES =
      List.of(
          """
          {
            "Version": "2012-10-17",
            "Statement": [
              {"Sid": "A1", "Effect": "Allow", "Action": ["s3:GetObject", "s3:List*"], "Resource": "arn:aws:s3:::b/*",
               "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["dev", "ops"]}, "Bool": {"aws:SecureTransport": "true"}}},
              {"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:aws:iam::111122223333:role/R"],
               "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}, "Null": {"aws:SourceIp": false}}}
            ]
          }""",
          """
          {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","444455556666"],"Service":"ec2.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"}}""",
          """
          {
            "Version": "2012-10-17",
            "Statement": [{
              "Effect": "Allow",
              "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/P"},
              "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
              "Condition": {"ForAllValues:StringLike": {"aws:TagKeys": ["team*"]}, "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}
            }]
          }""",
          """
          {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:sts::111122223333:assumed-role/R/s"}, "Action": "*", "Resource": "*", "Condition": {"NumericLessThan": {"s3:max-keys": 10}}}]}""");

  static final char[] NOISE = {
    '{', '}', '[', ']', '"', ':', ',', '\\', ' ', '\n', '\r', '\t', 'a', '1', '-', '.', 'e', 'u',
    '/', '*', '\u0000', '\u001f', '\u00e9', '\ufeff', '\ud800', '\ud83d', 'n', 't'
  };

  static Arbitrary<String> validTexts() {
    // valid policies as the evaluation properties write them, as each kind that takes them
    Arbitrary<String> generated =
        Combinators.combine(
                EvaluationPropertiesTest.policies(EvaluationPropertiesTest.statements(1, 1), 3),
                Arbitraries.of(PolicyKind.IDENTITY, PolicyKind.RESOURCE))
            .as((p, kind) -> p.json(kind));
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(VALID_POLICIES)),
        Tuple.of(1, generated),
        Tuple.of(
            2,
            Combinators.combine(
                    Arbitraries.frequencyOf(Tuple.of(2, policyShaped()), Tuple.of(1, anyJson())),
                    Arbitraries.of(true, false))
                .as(ParserPropertiesTest::render)));
  }

  /** One edit of a text: cut, delete, insert, replace, duplicate a slice. */
  static Arbitrary<String> edit(String s) {
    int n = s.length();
    Arbitrary<Integer> at = Arbitraries.integers().between(0, n);
    return Arbitraries.oneOf(
        at.map(i -> s.substring(0, i)), // truncated
        at.map(i -> s.substring(i)), // head cut off
        Combinators.combine(at, Arbitraries.integers().between(1, 4))
            .as((i, len) -> s.substring(0, i) + s.substring(Math.min(n, i + len))),
        Combinators.combine(at, Arbitraries.of(NOISE))
            .as((i, c) -> s.substring(0, i) + c + s.substring(i)),
        Combinators.combine(at, Arbitraries.of(NOISE))
            .as((i, c) -> i == n ? s + c : s.substring(0, i) + c + s.substring(i + 1)),
        Combinators.combine(at, at)
            .as((i, j) -> s.substring(0, Math.max(i, j)) + s.substring(Math.min(i, j))));
  }

  static Arbitrary<String> mangled() {
    return Combinators.combine(validTexts(), Arbitraries.integers().between(1, 3))
        .flatAs(
            (text, edits) -> {
              Arbitrary<String> a = edit(text);
              for (int k = 1; k < edits; k++) {
                a = a.flatMap(ParserPropertiesTest::edit);
              }
              return a;
            });
  }

  static Arbitrary<String> randomStrings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars(NOISE).ofMaxLength(30),
        Arbitraries.strings().ascii().ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, validTexts()), Tuple.of(4, mangled()), Tuple.of(2, randomStrings()));
  }

  @Provide
  Arbitrary<String> jsonTexts() {
    return Combinators.combine(anyJson(), Arbitraries.of(true, false))
        .as(ParserPropertiesTest::render);
  }

  // ---------------------------------------------------------------------------------------------
  // A strict RFC 8259 recognizer: the oracle for "is this JSON"
  // ---------------------------------------------------------------------------------------------

  static final class StrictJson {
    private final String s;
    private int i;
    private int depth;
    private int maxDepth;

    private StrictJson(String s) {
      this.s = s;
    }

    /** The nesting depth of a valid JSON text, or -1 when it is not JSON. */
    static int depth(String s) {
      StrictJson p = new StrictJson(s);
      try {
        p.ws();
        p.value();
        p.ws();
        return p.i == s.length() ? p.maxDepth : -1;
      } catch (IllegalStateException e) {
        return -1;
      }
    }

    static boolean valid(String s) {
      return depth(s) >= 0;
    }

    private char peek() {
      if (i >= s.length()) {
        throw new IllegalStateException("end");
      }
      return s.charAt(i);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalStateException("expected " + c);
      }
      i++;
    }

    private void ws() {
      while (i < s.length()
          && (s.charAt(i) == ' '
              || s.charAt(i) == '\t'
              || s.charAt(i) == '\n'
              || s.charAt(i) == '\r')) {
        i++;
      }
    }

    private void value() {
      char c = peek();
      switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case 't' -> word("true");
        case 'f' -> word("false");
        case 'n' -> word("null");
        default -> number();
      }
    }

    private void enter() {
      depth++;
      maxDepth = Math.max(maxDepth, depth);
    }

    private void object() {
      expect('{');
      enter();
      ws();
      if (peek() == '}') {
        i++;
        depth--;
        return;
      }
      while (true) {
        ws();
        string();
        ws();
        expect(':');
        ws();
        value();
        ws();
        if (peek() == ',') {
          i++;
          continue;
        }
        expect('}');
        depth--;
        return;
      }
    }

    private void array() {
      expect('[');
      enter();
      ws();
      if (peek() == ']') {
        i++;
        depth--;
        return;
      }
      while (true) {
        ws();
        value();
        ws();
        if (peek() == ',') {
          i++;
          continue;
        }
        expect(']');
        depth--;
        return;
      }
    }

    private void string() {
      expect('"');
      while (true) {
        char c = peek();
        i++;
        if (c == '"') {
          return;
        }
        if (c < 0x20) {
          throw new IllegalStateException("control character");
        }
        if (c == '\\') {
          char e = peek();
          i++;
          if (e == 'u') {
            for (int k = 0; k < 4; k++) {
              if (Character.digit(peek(), 16) < 0) {
                throw new IllegalStateException("bad \\u escape");
              }
              i++;
            }
          } else if ("\"\\/bfnrt".indexOf(e) < 0) {
            throw new IllegalStateException("bad escape");
          }
        }
      }
    }

    private void word(String w) {
      if (!s.startsWith(w, i)) {
        throw new IllegalStateException("expected " + w);
      }
      i += w.length();
    }

    private void number() {
      if (peek() == '-') {
        i++;
      }
      if (peek() == '0') {
        i++;
      } else {
        digits();
      }
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        digits();
      }
      if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
        i++;
        if (peek() == '+' || peek() == '-') {
          i++;
        }
        digits();
      }
    }

    private void digits() {
      int start = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == start) {
        throw new IllegalStateException("digit expected");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Properties
  // ---------------------------------------------------------------------------------------------

  static final RequestContext[] REQUESTS = {
    RequestContext.builder()
        .principal("arn:aws:iam::111122223333:user/alice")
        .action("s3:GetObject")
        .resource("arn:aws:s3:::b/alice/x")
        .put("aws:SourceIp", "10.1.2.3")
        .put("aws:username", "alice")
        .putMulti("aws:TagKeys", List.of("team"))
        .build(),
    RequestContext.builder()
        .principal("arn:aws:sts::444455556666:assumed-role/R/s")
        .action("sts:AssumeRole")
        .resource("arn:aws:iam::111122223333:role/R")
        .build(),
    RequestContext.builder().principal("*").action("iam:CreateUser").resource("*").build(),
  };

  static int lineCount(String text) {
    int lines = 1;
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c == '\n' || (c == '\r' && (k + 1 == text.length() || text.charAt(k + 1) != '\n'))) {
        lines++;
      }
    }
    return lines;
  }

  static void checkFindings(String text, List<Finding> findings) {
    for (Finding f : findings) {
      assertThat(f).isNotNull();
      assertThat(f.message()).as("message of %s", f).isNotNull().isNotBlank();
      assertThat(f.severity()).isNotNull();
      assertThat(f.position()).isNotNull();
      assertThat(f.position().line()).as("line of %s", f.format()).isGreaterThanOrEqualTo(0);
      assertThat(f.position().column()).as("column of %s", f.format()).isGreaterThanOrEqualTo(0);
      if (f.position().line() == 0) {
        assertThat(f.position())
            .as("line 0 only as UNKNOWN: %s", f.format())
            .isEqualTo(SourcePosition.UNKNOWN);
      }
      assertThat(f.position().line())
          .as("line of %s within the text", f.format())
          .isLessThanOrEqualTo(lineCount(text));
      assertThat(f.format()).isNotBlank();
    }
  }

  @Property(tries = 1500)
  void checkingNeverThrowsAndFindingsAreWellFormed(@ForAll("texts") String text) {
    boolean json = StrictJson.valid(text);
    Statistics.label("input").collect(json ? "valid JSON" : "not JSON");
    Statistics.label("policy errors")
        .collect(Policies.check(text, PolicyKind.IDENTITY).hasErrors() ? "errors" : "no errors");

    assertThatCode(() -> PolicyParser.parse(text)).as("parse(%s)", text).doesNotThrowAnyException();
    PolicyParser.Result parsed = PolicyParser.parse(text);
    checkFindings(text, parsed.findings());

    for (PolicyKind kind : PolicyKind.values()) {
      for (boolean managed : new boolean[] {false, true}) {
        Policies.Checked[] out = new Policies.Checked[1];
        assertThatCode(() -> out[0] = Policies.check(text, kind, managed))
            .as("check(%s, %s, managed=%s)", text, kind, managed)
            .doesNotThrowAnyException();
        Policies.Checked checked = out[0];
        checkFindings(text, checked.findings());
        // findings come in text order
        for (int k = 1; k < checked.findings().size(); k++) {
          SourcePosition a = checked.findings().get(k - 1).position();
          SourcePosition b = checked.findings().get(k).position();
          assertThat(a.line() < b.line() || (a.line() == b.line() && a.column() <= b.column()))
              .as("findings out of order: %s", checked.findings())
              .isTrue();
        }
        if (!json) {
          assertThat(checked.errors())
              .as("no error for text that is not JSON: %s (%s)", text, kind)
              .isNotEmpty();
        }
        if (!checked.hasErrors()) {
          // a document without errors compiles and evaluates without throwing
          assertThatCode(
                  () -> {
                    CompiledPolicy p = checked.compile("p");
                    for (RequestContext ctx : REQUESTS) {
                      PolicySet set =
                          new PolicySet(
                              List.of(p),
                              kind.hasPrincipal() ? p : null,
                              null,
                              List.of(),
                              List.of());
                      Evaluator.decide(set, ctx);
                      Evaluator.evaluate(set, ctx, true);
                    }
                  })
              .as("compile and evaluate %s as %s", text, kind)
              .doesNotThrowAnyException();
        }
      }
    }
  }

  /**
   * The other direction: JSON (within the nesting limit) is never reported as a JSON syntax error.
   */
  @Property(tries = 1000)
  void validJsonIsNeverASyntaxError(@ForAll("jsonTexts") String text) {
    int depth = StrictJson.depth(text);
    assertThat(depth).as("the generator writes JSON: %s", text).isGreaterThanOrEqualTo(0);
    Statistics.label("depth").collect(depth);
    JsonTreeReader.Result read = JsonTreeReader.read(text);
    assertThat(read).as("JSON text %s", text).isInstanceOf(JsonTreeReader.Parsed.class);
  }

  @Property(tries = 500)
  void anythingButAJsonObjectIsAnError(@ForAll("jsonTexts") String text) {
    boolean object = text.startsWith("{");
    Statistics.label("object").collect(object);
    if (!object) {
      for (PolicyKind kind : PolicyKind.values()) {
        Policies.Checked checked = Policies.check(text, kind);
        assertThat(checked.document()).isNull();
        assertThat(checked.errors()).as("%s as %s", text, kind).isNotEmpty();
      }
    }
  }

  @Example
  void nullAndEmptyTextAreErrors() {
    for (PolicyKind kind : PolicyKind.values()) {
      for (String text : new String[] {null, "", " ", "\n\n", "{", "[]", "null", "\"x\""}) {
        Policies.Checked checked = Policies.check(text, kind);
        assertThat(checked.hasErrors()).as("%s as %s", text, kind).isTrue();
        checkFindings(text == null ? "" : text, checked.findings());
      }
    }
  }

  /** Inputs that lenient JSON readers accept: each must be reported as an error. */
  @Example
  void lenientJsonIsAnError() {
    String policy = VALID_POLICIES.get(0);
    String compact =
        "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}}";
    assertThat(Policies.check(compact, PolicyKind.IDENTITY).hasErrors()).isFalse();
    List<String> lenient =
        List.of(
            "\ufeff" + compact, // byte order mark
            compact + "\u0000",
            "\u0000" + compact,
            compact + " " + compact, // two root values
            compact + " 1",
            compact.replace("\"*\"}}", "\"*\",}}"), // trailing comma
            compact.replace("{\"Effect\"", "{/* c */\"Effect\""), // comment
            compact + " // c",
            compact + " # c",
            compact.replace("\"Effect\"", "Effect"), // unquoted name
            compact.replace("\"Effect\"", "'Effect'"), // single quotes
            compact.replace("\"Allow\"", "\"Al\tlow\""), // raw control character in a string
            compact.replace("\"Allow\"", "\"Al\\xlow\""), // bad escape
            compact.replace("}}", "}"), // unclosed
            compact.replace(
                "\"Resource\": \"*\"", "\"Resource\": \"*\", \"Sid\": 01"), // leading zero
            compact.replace("\"Resource\": \"*\"", "\"Resource\": \"*\", \"Sid\": NaN"),
            compact.replace("\"Resource\": \"*\"", "\"Resource\": \"*\", \"Sid\": +1"),
            compact.replace("\"Resource\": \"*\"", "\"Resource\": \"*\", \"Sid\": .5"),
            compact.replace("\"Resource\": \"*\"", "\"Resource\": \"*\", \"Sid\": 1."),
            compact.replace(" ", "\u000b"), // vertical tab is not JSON whitespace
            compact.replace(" ", "\u00a0"),
            compact.replace(" ", "\f"),
            policy.substring(0, policy.length() - 1));
    for (String text : lenient) {
      assertThat(StrictJson.valid(text)).as("oracle on %s", text).isFalse();
      for (PolicyKind kind : PolicyKind.values()) {
        Policies.Checked checked = Policies.check(text, kind);
        checkFindings(text, checked.findings());
        assertThat(checked.errors())
            .as("%s as %s: %s", text, kind, checked.findings())
            .isNotEmpty();
      }
    }
  }

  @Example
  void deepNestingIsAnErrorNotACrash() {
    for (int depth : new int[] {63, 64, 65, 200, 5000}) {
      String text = "{\"Statement\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
      assertThatCode(() -> Policies.check(text, PolicyKind.IDENTITY)).doesNotThrowAnyException();
      assertThat(Policies.check(text, PolicyKind.IDENTITY).hasErrors()).isTrue();
    }
  }
}
