package dev.rolegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.protocol.ActionRegistry;
import dev.rolegate.protocol.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * docs/ACTIONS.md lists every IAM and STS action with its status; this test keeps it true. When it
 * fails, it writes the up-to-date text to target/ACTIONS.md: copy that over docs/ACTIONS.md.
 */
class ActionsDocTest {
  @Test
  void theActionListInTheDocsMatchesTheServer() throws Exception {
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1", 0, Path.of("target/unused"), true, false, false, "123456789012", 1024);
    Set<String> implemented;
    try (Rolegate rolegate = new Rolegate(config, Clock.systemUTC())) {
      implemented = rolegate.queries().implemented();
    }
    Map<String, Service> all = new TreeMap<>(ActionRegistry.load().all());
    java.util.Properties reasons = new java.util.Properties();
    try (var in = ActionsDocTest.class.getResourceAsStream("/actions-not-implemented.properties")) {
      reasons.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    java.util.Set<String> missingReasons = new java.util.TreeSet<>();
    all.keySet().stream()
        .filter(a -> !implemented.contains(a) && !reasons.containsKey(a))
        .forEach(missingReasons::add);
    assertThat(missingReasons)
        .as("actions not implemented without a reason in actions-not-implemented.properties")
        .isEmpty();
    java.util.Set<String> staleReasons = new java.util.TreeSet<>(reasons.stringPropertyNames());
    staleReasons.removeIf(a -> all.containsKey(a) && !implemented.contains(a));
    assertThat(staleReasons)
        .as("reasons in actions-not-implemented.properties for implemented or unknown actions")
        .isEmpty();
    StringBuilder b = new StringBuilder();
    b.append("# IAM and STS actions in Rolegate\n\n");
    b.append(
        "Every action of IAM (2010-05-08) and STS (2011-06-15), as the AWS SDK names them. An action not\n");
    b.append(
        "implemented answers `InvalidAction` (HTTP 400) with \"Rolegate does not implement the X action yet.\"; the table\n");
    b.append(
        "says why it is left out. Kept true by `ActionsDocTest` (the reasons: its `actions-not-implemented.properties`).\n\n");
    for (Service s : Service.values()) {
      long count = all.values().stream().filter(x -> x == s).count();
      long done =
          all.entrySet().stream()
              .filter(e -> e.getValue() == s && implemented.contains(e.getKey()))
              .count();
      b.append("## ")
          .append(s.name())
          .append(" (")
          .append(done)
          .append(" of ")
          .append(count)
          .append(" implemented)\n\n");
      b.append("| action | status |\n| --- | --- |\n");
      all.forEach(
          (action, service) -> {
            if (service == s) {
              b.append("| ")
                  .append(action)
                  .append(" | ")
                  .append(
                      implemented.contains(action)
                          ? "implemented"
                          : "not implemented: " + reasons.getProperty(action))
                  .append(" |\n");
            }
          });
      b.append('\n');
    }
    String expected = b.toString();
    Path doc = Path.of("../docs/ACTIONS.md");
    String actual = Files.exists(doc) ? Files.readString(doc) : "";
    if (!actual.equals(expected)) {
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/ACTIONS.md"), expected);
    }
    assertThat(actual)
        .as("docs/ACTIONS.md is out of date: copy rolegate-server/target/ACTIONS.md over it")
        .isEqualTo(expected);
    assertThat(all.keySet()).containsAll(implemented);
  }
}
