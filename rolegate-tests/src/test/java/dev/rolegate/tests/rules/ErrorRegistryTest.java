package dev.rolegate.tests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AwsErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every error answer's code comes from the one closed registry, {@code AwsErrorCode}: no main
 * source file of any module writes a registered code as a string literal of its own (the Query API,
 * the admin, decision and issuer endpoints alike). LayeringTest checks the other half: the methods
 * that build error answers take an {@code AwsErrorCode}.
 */
class ErrorRegistryTest {

  private static final String REGISTRY = "AwsErrorCode.java";

  @Test
  void noErrorCodeIsWrittenOutsideTheRegistry() throws IOException {
    Path root =
        Path.of("").toAbsolutePath().getParent(); // the build runs each module in its own folder
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module :
          modules.filter(p -> p.getFileName().toString().startsWith("rolegate-")).toList()) {
        Path main = module.resolve("src/main/java");
        if (Files.isDirectory(main)) {
          try (Stream<Path> files = Files.walk(main)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
          }
        }
      }
    }
    assertThat(sources)
        .as("main sources under " + root)
        .hasSizeGreaterThan(100)
        .anyMatch(p -> p.getFileName().toString().equals(REGISTRY));

    List<String> found = new ArrayList<>();
    for (Path source : sources) {
      if (source.getFileName().toString().equals(REGISTRY)) {
        continue;
      }
      List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        for (AwsErrorCode code : AwsErrorCode.values()) {
          if (lines.get(i).contains("\"" + code.code() + "\"")) {
            found.add(
                root.relativize(source)
                    + ":"
                    + (i + 1)
                    + ": \""
                    + code.code()
                    + "\" (use AwsErrorCode."
                    + code.name()
                    + ")");
          }
        }
      }
    }
    assertThat(found).as("error codes written outside the registry").isEmpty();
  }
}
