package dev.rolegate.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
  private static DecisionLog.Entry entry(int i, String principal, String action) {
    return new DecisionLog.Entry(
        Instant.EPOCH.plusSeconds(i),
        principal,
        action,
        "arn:aws:iam::123456789012:role/R" + i,
        "Allow",
        "allowed",
        "",
        List.of("p#0"),
        List.of());
  }

  @Test
  void keepsTheNewestEntriesNewestFirstOnceTheRingWrapsAround() {
    DecisionLog log = new DecisionLog(3);
    for (int i = 0; i < 5; i++) {
      log.add(entry(i, "arn:aws:iam::123456789012:user/u" + (i % 2), "iam:GetRole"));
    }
    assertThat(log.recent(null, null, 10))
        .extracting(e -> e.time().getEpochSecond())
        .containsExactly(4L, 3L, 2L);
    assertThat(log.recent(null, null, 2))
        .extracting(e -> e.time().getEpochSecond())
        .containsExactly(4L, 3L);
  }

  @Test
  void filtersByPrincipalExactlyAndByActionIgnoringCase() {
    DecisionLog log = new DecisionLog(10);
    log.add(entry(1, "arn:aws:iam::123456789012:user/a", "iam:GetRole"));
    log.add(entry(2, "arn:aws:iam::123456789012:user/b", "iam:GetRole"));
    log.add(entry(3, "arn:aws:iam::123456789012:user/a", "sts:AssumeRole"));
    assertThat(log.recent("arn:aws:iam::123456789012:user/a", null, 10))
        .extracting(DecisionLog.Entry::action)
        .containsExactly("sts:AssumeRole", "iam:GetRole");
    assertThat(log.recent(null, "IAM:getrole", 10))
        .extracting(DecisionLog.Entry::principal)
        .containsExactly("arn:aws:iam::123456789012:user/b", "arn:aws:iam::123456789012:user/a");
    assertThat(log.recent("arn:aws:iam::123456789012:user/A", null, 10)).isEmpty();
    log.clear();
    assertThat(log.recent(null, null, 10)).isEmpty();
  }

  @Test
  void enforcementParsesTheThreeModesAndSaysWhatItAccepts() {
    assertThat(Enforcement.parse("Audit")).isEqualTo(Enforcement.AUDIT);
    assertThat(Enforcement.parse(" off ")).isEqualTo(Enforcement.OFF);
    assertThatThrownBy(() -> Enforcement.parse("soft"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--enforcement must be enforce, audit or off, not \"soft\"");
  }
}
