package dev.rolegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {
  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  static Run runWithInput(String input, String... args) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(saved);
    }
  }

  Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  static final String S3_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
          + "\"Resource\":\"arn:aws:s3:::my-bucket/*\"}]}";
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::987654321098:root\"},"
          + "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"unique-external-id\"}}}]}";

  @Test
  void validateAcceptsTheBriefsPolicies() throws Exception {
    Run r = run("policy", "validate", file("s3.json", S3_POLICY).toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEmpty();
    r = run("policy", "validate", "--kind", "trust", file("trust.json", TRUST).toString());
    assertThat(r.status()).isZero();
  }

  @Test
  void validatePrintsEveryErrorWithPositionAndAwsMessage() throws Exception {
    Path bad =
        file(
            "bad.json",
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"allow\", \"Action\": \"GetObject\"}\n}\n");
    Run r = run("policy", "validate", bad.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out().lines().toList())
        .containsExactly(
            bad
                + ":3:16: error: Statement[0] has no Resource or NotResource [MalformedPolicyDocument: Policy statement must contain resources.]",
            bad
                + ":3:27: error: Statement[0].Effect \"allow\" must be written \"Allow\" or \"Deny\" (case-sensitive) [MalformedPolicyDocument: The policy failed legacy parsing]",
            bad
                + ":3:46: error: Statement[0]: action \"GetObject\" has no service prefix (write it as service:Action) [MalformedPolicyDocument: Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.]");
  }

  @Test
  void validateOfAMissingFileOrAnUnknownKindIsAUsageError() throws Exception {
    assertThat(run("policy", "validate", dir.resolve("missing.json").toString()).status())
        .isEqualTo(2);
    Run r = run("policy", "validate", "--kind", "bucket", file("s3.json", S3_POLICY).toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("unknown policy kind \"bucket\"");
  }

  @Test
  void evalPrintsTheDecisionAndAwsReasonClause() throws Exception {
    Path s3 = file("s3.json", S3_POLICY);
    Run allow =
        run(
            "policy",
            "eval",
            "--identity",
            s3.toString(),
            "--principal",
            "arn:aws:iam::123456789012:user/alice",
            "--action",
            "s3:GetObject",
            "--resource-arn",
            "arn:aws:s3:::my-bucket/a.txt");
    assertThat(allow.status()).isZero();
    assertThat(allow.out())
        .startsWith("Allow\n")
        .contains("decided by identity-based policy " + s3 + "#0 at 1:38");
    Run deny =
        run(
            "policy",
            "eval",
            "--identity",
            s3.toString(),
            "--principal",
            "arn:aws:iam::123456789012:user/alice",
            "--action",
            "s3:DeleteObject",
            "--resource-arn",
            "arn:aws:s3:::my-bucket/a.txt");
    assertThat(deny.out())
        .startsWith("ImplicitDeny\n")
        .contains(
            "arn:aws:iam::123456789012:user/alice is not authorized to perform: s3:DeleteObject on resource:"
                + " arn:aws:s3:::my-bucket/a.txt because no identity-based policy allows the s3:DeleteObject action");
  }

  @Test
  void evalExplainsConditionsWithTheRequestValues() throws Exception {
    Path id =
        file(
            "id.json",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}");
    Run r =
        run(
            "policy",
            "eval",
            "--identity",
            id.toString(),
            "--resource",
            file("trust.json", TRUST).toString(),
            "--principal",
            "arn:aws:iam::987654321098:user/bob",
            "--action",
            "sts:AssumeRole",
            "--resource-arn",
            "arn:aws:iam::123456789012:role/AdminRole",
            "--context",
            "sts:ExternalId=wrong-id",
            "--explain");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .startsWith("ImplicitDeny\n")
        .contains("because no resource-based policy allows the sts:AssumeRole action")
        .contains(
            "StringEquals sts:ExternalId: request [wrong-id] vs policy [unique-external-id] -> false");
  }

  @Test
  void evalRejectsAnInvalidPolicyWithItsFindings() throws Exception {
    Run r =
        run(
            "policy",
            "eval",
            "--identity",
            file("bad.json", "{\"Statement\":[]}").toString(),
            "--principal",
            "arn:aws:iam::123456789012:user/a",
            "--action",
            "s3:GetObject",
            "--resource-arn",
            "*");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains("is not a valid identity policy")
        .contains("Syntax errors in policy.");
  }

  @Test
  void evalJsonlAnswersThousandsOfLinesInOneProcess() {
    StringBuilder in = new StringBuilder();
    int n = 5000;
    for (int i = 0; i < n; i++) {
      String action = i % 2 == 0 ? "s3:GetObject" : "s3:DeleteObject";
      in.append("{\"id\":\"c")
          .append(i)
          .append("\",\"policies\":{\"identity\":[")
          .append(S3_POLICY)
          .append(
              "]},\"request\":{\"principal\":\"arn:aws:iam::123456789012:user/alice\",\"action\":\"")
          .append(action)
          .append("\",\"resource\":\"arn:aws:s3:::my-bucket/k")
          .append(i)
          .append("\"}}\n");
    }
    in.append("not json\n");
    Run r = runWithInput(in.toString(), "policy", "eval-jsonl");
    assertThat(r.status()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(n + 1);
    assertThat(lines.get(0)).isEqualTo("{\"id\":\"c0\",\"decision\":\"Allow\"}");
    assertThat(lines.get(1)).isEqualTo("{\"id\":\"c1\",\"decision\":\"ImplicitDeny\"}");
    assertThat(lines.get(n - 1))
        .isEqualTo("{\"id\":\"c" + (n - 1) + "\",\"decision\":\"ImplicitDeny\"}");
    assertThat(lines.get(n)).startsWith("{\"id\":null,\"error\":\"line is not JSON");
  }

  @Test
  void evalJsonlExplainsWhenAsked() {
    String line =
        "{\"id\":\"x\",\"policies\":{\"identity\":["
            + S3_POLICY
            + "]},\"request\":{\"principal\":\"arn:aws:iam::123456789012:user/alice\",\"action\":\"s3:PutObject\",\"resource\":\"arn:aws:s3:::my-bucket/k\"}}\n";
    Run r = runWithInput(line, "policy", "eval-jsonl", "--explain");
    assertThat(r.out())
        .startsWith(
            "{\"id\":\"x\",\"decision\":\"Allow\",\"explanation\":{\"deciding\":[\"identity[0]#0\"],\"statements\":[{\"policy\":\"identity[0]\"")
        .contains("\"actionMatched\":true");
  }

  @Test
  void testCommandSummarisesAndFailsOnAWrongExpectation() throws Exception {
    String base =
        "{\"id\":\"%s\",\"policies\":{\"identity\":["
            + S3_POLICY
            + "]},\"request\":{\"principal\":\"arn:aws:iam::123456789012:user/alice\",\"action\":\"%s\",\"resource\":\"arn:aws:s3:::my-bucket/k\"},\"expected\":\"%s\"}\n";
    Path good =
        file(
            "good.jsonl",
            String.format(base, "a", "s3:GetObject", "Allow")
                + String.format(base, "b", "s3:ListBucket", "ImplicitDeny"));
    Run ok = run("policy", "test", good.toString());
    assertThat(ok.status()).isZero();
    assertThat(ok.out()).isEqualTo("2 passed, 0 failed\n");
    Path bad = file("bad.jsonl", String.format(base, "c", "s3:GetObject", "ExplicitDeny"));
    Run fail = run("policy", "test", bad.toString());
    assertThat(fail.status()).isEqualTo(1);
    assertThat(fail.out())
        .contains("FAIL " + bad + ":1: c: expected ExplicitDeny, got Allow")
        .contains("0 passed, 1 failed");
  }

  @Test
  void serveRejectsBadOptionsWithAShortMessage() {
    Run r = run("serve", "--account-id", "12345");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--account-id must have 12 digits, not \"12345\"");
  }
}
