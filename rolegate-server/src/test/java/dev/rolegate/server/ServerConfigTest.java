package dev.rolegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.auth.Enforcement;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  private static ServerConfig withToken(String token) {
    return new ServerConfig(
        "127.0.0.1",
        0,
        Path.of("x"),
        true,
        false,
        false,
        ServerConfig.DEFAULT_ACCOUNT,
        ServerConfig.DEFAULT_MAX_BODY,
        Enforcement.AUDIT,
        false,
        token);
  }

  @Test
  void theDecisionApiTokenMustBeLongEnoughAndNeverShowsInToString() {
    assertThatThrownBy(() -> withToken("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--authorize-token must have at least 16 characters");
    ServerConfig on = withToken("a-long-enough-secret-token");
    assertThat(on.authorizeToken()).isEqualTo("a-long-enough-secret-token");
    assertThat(on.toString())
        .doesNotContain("secret")
        .contains("decisionApi=true")
        .contains("enforcement=AUDIT");
    assertThat(withToken("   ").authorizeToken()).as("blank: off").isNull();
    assertThat(withToken(null).toString()).contains("decisionApi=false");
  }

  @Test
  void theShortConstructorEnforcesWithoutExplainOrDecisionApi() {
    ServerConfig c =
        new ServerConfig(
            "127.0.0.1",
            0,
            Path.of("x"),
            true,
            false,
            false,
            ServerConfig.DEFAULT_ACCOUNT,
            ServerConfig.DEFAULT_MAX_BODY);
    assertThat(c.enforcement()).isEqualTo(Enforcement.ENFORCE);
    assertThat(c.explain()).isFalse();
    assertThat(c.authorizeToken()).isNull();
  }
}
