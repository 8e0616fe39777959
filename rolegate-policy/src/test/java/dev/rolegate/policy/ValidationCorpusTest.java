package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.policy.json.JsonTreeReader;
import dev.rolegate.policy.json.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@code src/test/resources/cases/validation/*.jsonl}: each policy text, validated as its
 * kind, must report AWS's exact MalformedPolicyDocument message, or no error when it is valid.
 */
class ValidationCorpusTest {
  static final Path VALIDATION = Path.of("src/test/resources/cases/validation");

  static String field(JsonValue.JObject o, String name) {
    for (JsonValue.Member m : o.members()) {
      if (m.key().equals(name)) {
        if (m.value() instanceof JsonValue.JString s) {
          return s.value();
        }
        if (m.value() instanceof JsonValue.JBool b) {
          return Boolean.toString(b.value());
        }
        return null;
      }
    }
    return null;
  }

  /** Every fixed message in {@link AwsMessages} is pinned by at least one case of the corpus. */
  @org.junit.jupiter.api.Test
  void everyAwsMessageIsPinnedByACase() throws Exception {
    java.util.Set<String> expected = new java.util.HashSet<>();
    for (CaseCorpusTest.Line line : CaseCorpusTest.lines(VALIDATION)) {
      JsonValue.JObject c =
          (JsonValue.JObject) ((JsonTreeReader.Parsed) JsonTreeReader.read(line.text())).value();
      expected.add(field(c, "expectedAwsMessage"));
    }
    for (java.lang.reflect.Field f : AwsMessages.class.getFields()) {
      assertThat(expected).as(f.getName()).contains((String) f.get(null));
    }
    assertThat(expected)
        .contains(
            AwsMessages.resourceFormat("invalid resource"),
            AwsMessages.partition("b", "arn:b:c:d:e:f:g:h"),
            AwsMessages.iamRegion("arn:aws:iam:us-east-1::example_bucket"),
            AwsMessages.s3Region("arn:aws:s3:us-east-1::example_bucket"),
            AwsMessages.vendor("a a"),
            AwsMessages.invalidPrincipal("AWS", "arn:aws::iam::123456789012:root"));
  }

  @TestFactory
  Stream<DynamicTest> everyPolicyGetsAwsMessage() throws IOException {
    List<CaseCorpusTest.Line> lines = CaseCorpusTest.lines(VALIDATION);
    assertThat(lines).hasSizeGreaterThan(100);
    return lines.stream()
        .map(
            line ->
                DynamicTest.dynamicTest(
                    line.file().getFileName() + ":" + line.number(),
                    () -> {
                      JsonValue.JObject c =
                          (JsonValue.JObject)
                              ((JsonTreeReader.Parsed) JsonTreeReader.read(line.text())).value();
                      String id = field(c, "id");
                      PolicyKind kind = PolicyKind.fromText(field(c, "kind"));
                      boolean managed = "true".equals(field(c, "managed"));
                      String text = field(c, "policyText");
                      String expected = field(c, "expectedAwsMessage");
                      Policies.Checked checked = Policies.check(text, kind, managed);
                      List<String> messages =
                          checked.errors().stream().map(Finding::awsMessage).toList();
                      String shown =
                          id + ": " + checked.findings().stream().map(Finding::format).toList();
                      if (expected == null) {
                        assertThat(checked.errors()).as(shown).isEmpty();
                      } else {
                        assertThat(messages).as(shown).contains(expected);
                      }
                    }));
  }
}
