package dev.rolegate.tests.rules;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.rolegate.core.auth.violation.AuthUsesIam;
import dev.rolegate.core.violation.CoreUsesProtocolJdbcAndAThreadLocal;
import dev.rolegate.federation.violation.VerifierUsesOidcProviderService;
import dev.rolegate.policy.violation.PolicyUsesCore;
import dev.rolegate.protocol.violation.ProtocolUsesServer;
import dev.rolegate.server.violation.ErrorWithAStringCode;
import dev.rolegate.sigv4.violation.Sigv4UsesPolicy;
import dev.rolegate.store.violation.StoreUsesProtocol;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each rule of LayeringTest fails on a class that breaks it: the classes in the {@code violation}
 * packages of this module's tests (LayeringTest itself imports main classes only, so they never
 * reach it). A rule that stopped biting (a package renamed, a predicate inverted) fails here.
 */
class LayeringRulesFailWhenBrokenTest {

  static final JavaClasses VIOLATIONS =
      new ClassFileImporter()
          .importClasses(
              PolicyUsesCore.class,
              Sigv4UsesPolicy.class,
              CoreUsesProtocolJdbcAndAThreadLocal.class,
              AuthUsesIam.class,
              ProtocolUsesServer.class,
              StoreUsesProtocol.class,
              VerifierUsesOidcProviderService.class,
              ErrorWithAStringCode.class);

  @Test
  void everyRuleFailsOnItsViolation() {
    Map<ArchRule, Class<?>> cases = new LinkedHashMap<>();
    cases.put(LayeringTest.modules, CoreUsesProtocolJdbcAndAThreadLocal.class);
    cases.put(LayeringTest.policyDependsOnNothingOfOurs, PolicyUsesCore.class);
    cases.put(LayeringTest.sigv4DependsOnNothingOfOurs, Sigv4UsesPolicy.class);
    cases.put(LayeringTest.coreKnowsNothingAboveIt, CoreUsesProtocolJdbcAndAThreadLocal.class);
    cases.put(LayeringTest.coreHasNoHttpServerOrJdbc, CoreUsesProtocolJdbcAndAThreadLocal.class);
    cases.put(LayeringTest.protocolHasNoServerStoreOrNetty, ProtocolUsesServer.class);
    cases.put(LayeringTest.storeHasNoProtocolOrServer, StoreUsesProtocol.class);
    cases.put(LayeringTest.authDoesNotReferToIam, AuthUsesIam.class);
    cases.put(
        LayeringTest.federationVerifiersDoNotUseOidcProviderService,
        VerifierUsesOidcProviderService.class);
    cases.put(LayeringTest.noThreadLocalRequestState, CoreUsesProtocolJdbcAndAThreadLocal.class);
    cases.put(LayeringTest.errorAnswersComeFromTheRegistry, ErrorWithAStringCode.class);
    for (Map.Entry<ArchRule, Class<?>> c : cases.entrySet()) {
      assertThatThrownBy(() -> c.getKey().check(VIOLATIONS))
          .as(c.getKey().getDescription())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining(c.getValue().getName());
    }
  }

  @Test
  void theLayeringSeesEachModuleBreak() {
    for (Class<?> violation :
        new Class<?>[] {
          PolicyUsesCore.class,
          Sigv4UsesPolicy.class,
          ProtocolUsesServer.class,
          StoreUsesProtocol.class
        }) {
      assertThatThrownBy(
              () -> LayeringTest.modules.check(new ClassFileImporter().importClasses(violation)))
          .as(violation.getName())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining(violation.getName());
    }
  }
}
