package dev.rolegate.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdsTest {
  private final Ids ids = new Ids();

  @Test
  void accessKeyIdsCarryTheirAccountAsAwsEncodesIt() {
    for (String account :
        new String[] {"123456789012", "000000000001", "999999999999", "111122223333"}) {
      for (int i = 0; i < 200; i++) {
        String id = ids.accessKeyId(i % 2 == 0 ? "AKIA" : "ASIA", account);
        assertThat(id).hasSize(20).matches("A[KS]IA[A-Z2-7]{16}");
        assertThat(Ids.accountOfAccessKeyId(id)).isEqualTo(account);
      }
    }
    // AWS's documented example (GetAccessKeyInfo): the key of the docs decodes to its account
    assertThat(Ids.accountOfAccessKeyId("ASIAQNZGKIQY56JQ7WML")).isEqualTo("029608264753");
    assertThat(Ids.accountOfAccessKeyId("not-a-key")).isNull();
  }

  @Test
  void uniqueIdsAndSecretsHaveAwsShapes() {
    assertThat(ids.uniqueId("AROA")).hasSize(21).matches("AROA[A-Z2-7]{17}");
    assertThat(ids.secretAccessKey()).hasSize(40).matches("[A-Za-z0-9+/]{40}");
    assertThat(ids.secretAccessKey()).isNotEqualTo(ids.secretAccessKey());
  }
}
