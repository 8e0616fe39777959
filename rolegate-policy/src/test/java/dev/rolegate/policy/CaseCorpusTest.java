package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.policy.batch.BatchEvaluator;
import dev.rolegate.policy.json.JsonTreeReader;
import dev.rolegate.policy.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@code src/test/resources/cases/eval/*.jsonl}: one dynamic test per case,
 * which pins the decision, the reason (the policy type AWS's AccessDenied clause names; null for
 * Allow) and the deciding statements (their labels, in the engine's order).
 */
class CaseCorpusTest {
  static final Path EVAL = Path.of("src/test/resources/cases/eval");

  record Line(Path file, int number, String text) {}

  static List<Line> lines(Path dir) throws IOException {
    List<Line> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        List<String> text = Files.readAllLines(f);
        for (int i = 0; i < text.size(); i++) {
          if (!text.get(i).isBlank()) {
            out.add(new Line(f, i + 1, text.get(i)));
          }
        }
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyCaseDecidesAsTheDocumentationSays() throws IOException {
    BatchEvaluator batch = new BatchEvaluator();
    return lines(EVAL).stream()
        .map(
            line ->
                DynamicTest.dynamicTest(
                    line.file().getFileName() + ":" + line.number(),
                    () -> {
                      BatchEvaluator.Outcome o = batch.evaluate(line.text(), true);
                      assertThat(o.error()).as("case error").isNull();
                      assertThat(o.expected()).as("case has an expected decision").isNotNull();
                      String trace = BatchEvaluator.toJson(o, true);
                      assertThat(o.decision().text())
                          .as("%s (%s)\n%s", o.id(), line.file().getFileName(), trace)
                          .isEqualTo(o.expected());
                      JsonValue.JObject c =
                          (JsonValue.JObject)
                              ((JsonTreeReader.Parsed) JsonTreeReader.read(line.text())).value();
                      JsonValue reason = field(c, "expectedReason");
                      JsonValue deciding = field(c, "expectedDeciding");
                      assertThat(reason).as("%s has an expectedReason", o.id()).isNotNull();
                      assertThat(deciding)
                          .as("%s has expectedDeciding", o.id())
                          .isInstanceOf(JsonValue.JArray.class);
                      assertThat(o.result().reason() == null ? null : o.result().reason().phrase())
                          .as("%s: the reason\n%s", o.id(), trace)
                          .isEqualTo(reason instanceof JsonValue.JString s ? s.value() : null);
                      assertThat(o.result().deciding().stream().map(StatementRef::label).toList())
                          .as("%s: the deciding statements\n%s", o.id(), trace)
                          .containsExactlyElementsOf(
                              ((JsonValue.JArray) deciding)
                                  .elements().stream()
                                      .map(v -> ((JsonValue.JString) v).value())
                                      .toList());
                    }));
  }

  private static JsonValue field(JsonValue.JObject o, String name) {
    for (JsonValue.Member m : o.members()) {
      if (m.key().equals(name)) {
        return m.value();
      }
    }
    return null;
  }

  @Test
  void theCorpusIsLargeAndEveryCaseCitesItsSource() throws IOException {
    List<Line> all = lines(EVAL);
    assertThat(all).hasSizeGreaterThanOrEqualTo(400);
    assertThat(all)
        .allSatisfy(
            l ->
                assertThat(l.text())
                    .containsPattern("\"source\":\\s*\"https://docs\\.aws\\.amazon\\.com/")
                    .as(l.toString()));
  }
}
