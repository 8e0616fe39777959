package dev.rolegate.tests.rules;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;

/**
 * The layering of docs/DEVELOPMENT.md, checked on the main classes of every module (this module's
 * test classpath holds them all; test classes are not imported). A rule that fails names the class
 * and the dependency that breaks it.
 */
@AnalyzeClasses(packages = "dev.rolegate", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  /** The one table of which module may use which (docs/DEVELOPMENT.md, "Layering"). */
  @ArchTest
  static final ArchRule modules =
      layeredArchitecture()
          .consideringOnlyDependenciesInAnyPackage("dev.rolegate..")
          .layer("policy")
          .definedBy("dev.rolegate.policy..")
          .layer("sigv4")
          .definedBy("dev.rolegate.sigv4..")
          .layer("core")
          .definedBy("dev.rolegate.core..")
          .layer("federation")
          .definedBy("dev.rolegate.federation..")
          .layer("store")
          .definedBy("dev.rolegate.store..")
          .layer("protocol")
          .definedBy("dev.rolegate.protocol..")
          .layer("server")
          .definedBy("dev.rolegate.server..")
          .layer("cli")
          .definedBy("dev.rolegate.cli..")
          .whereLayer("policy")
          .mayNotAccessAnyLayer()
          .whereLayer("sigv4")
          .mayNotAccessAnyLayer()
          .whereLayer("core")
          .mayOnlyAccessLayers("policy")
          .whereLayer("federation")
          .mayOnlyAccessLayers("core", "policy")
          .whereLayer("store")
          .mayOnlyAccessLayers("core", "policy")
          .whereLayer("protocol")
          .mayOnlyAccessLayers("core", "policy", "sigv4")
          .whereLayer("server")
          .mayOnlyAccessLayers("protocol", "store", "federation", "core", "policy", "sigv4")
          .whereLayer("cli")
          .mayOnlyAccessLayers(
              "server", "protocol", "store", "federation", "core", "policy", "sigv4");

  @ArchTest
  static final ArchRule policyDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("dev.rolegate.policy..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.rolegate..")
                  .and(not(resideInAPackage("dev.rolegate.policy.."))))
          .because("rolegate-policy is the policy language alone (jackson-core only)");

  @ArchTest
  static final ArchRule sigv4DependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("dev.rolegate.sigv4..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.rolegate..").and(not(resideInAPackage("dev.rolegate.sigv4.."))))
          .because("rolegate-sigv4 is pure functions over the JDK");

  @ArchTest
  static final ArchRule coreKnowsNothingAboveIt =
      noClasses()
          .that()
          .resideInAPackage("dev.rolegate.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.rolegate.protocol..",
              "dev.rolegate.server..",
              "dev.rolegate.store..",
              "dev.rolegate.cli..",
              "dev.rolegate.federation..",
              "dev.rolegate.bench..",
              "dev.rolegate.tests..")
          .because("the use cases are called by the slices above core, never the other way round");

  @ArchTest
  static final ArchRule coreHasNoHttpServerOrJdbc =
      noClasses()
          .that()
          .resideInAPackage("dev.rolegate.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.netty..", "java.sql..", "javax.sql..", "org.sqlite..", "org.flywaydb..")
          .because(
              "core reaches storage through its ports and HTTP through rolegate-protocol and rolegate-server");

  @ArchTest
  static final ArchRule protocolHasNoServerStoreOrNetty =
      noClasses()
          .that()
          .resideInAPackage("dev.rolegate.protocol..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.rolegate.server..",
              "dev.rolegate.store..",
              "dev.rolegate.cli..",
              "io.netty..",
              "java.sql..",
              "org.sqlite..")
          .because(
              "the Query protocol is HTTP-server-agnostic and reaches storage through core's ports");

  @ArchTest
  static final ArchRule storeHasNoProtocolOrServer =
      noClasses()
          .that()
          .resideInAPackage("dev.rolegate.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.rolegate.protocol..",
              "dev.rolegate.server..",
              "dev.rolegate.cli..",
              "io.netty..")
          .because("the store implements core's ports and nothing else");

  @ArchTest
  static final ArchRule authDoesNotReferToIam =
      noClasses()
          .that()
          .resideInAPackage("dev.rolegate.core.auth..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.rolegate.core.iam..")
          .because(
              "authorization is used by the IAM use cases, so it may not use them (shared pieces live in core.policies or core.model)");

  @ArchTest
  static final ArchRule federationVerifiersDoNotUseOidcProviderService =
      noClasses()
          .that()
          .resideInAPackage("dev.rolegate.federation..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("dev.rolegate.core.iam.OidcProviderService")
          .because(
              "the verifiers get the provider's configuration as values and return failure values");

  /**
   * Where a thread-local may be held: a per-thread Cipher, Mac or MessageDigest (they are not
   * thread-safe and costly to create), and the SQLite store's "this thread is inside a transaction"
   * guard against nested transactions. Request state travels in RequestInfo and its RequestScope.
   */
  static final Set<String> THREAD_LOCAL_HOLDERS =
      Set.of(
          "dev.rolegate.core.crypto.SecretBox", // Cipher (AES-GCM)
          "dev.rolegate.sigv4.Crypto", // MessageDigest (SHA-256), Mac (HMAC-SHA256)
          "dev.rolegate.store.sqlite.SqliteStore"); // the nesting guard of read/write work, not

  // request state

  @ArchTest
  static final ArchRule noThreadLocalRequestState =
      noClasses()
          .that(
              new DescribedPredicate<JavaClass>("are not one of " + THREAD_LOCAL_HOLDERS) {
                @Override
                public boolean test(JavaClass c) {
                  return !THREAD_LOCAL_HOLDERS.contains(c.getName());
                }
              })
          .should()
          .dependOnClassesThat()
          .areAssignableTo(ThreadLocal.class)
          .because(
              "request state is passed explicitly (RequestInfo, RequestScope), never kept in a thread-local");

  /**
   * The Query API, admin, decision and issuer endpoints build an error answer only from the
   * registry.
   */
  @ArchTest
  static final ArchRule errorAnswersComeFromTheRegistry =
      methods()
          .that()
          .areDeclaredInClassesThat(
              resideInAnyPackage("dev.rolegate.protocol..", "dev.rolegate.server.."))
          .and()
          .haveNameMatching("error")
          .should(
              new ArchCondition<JavaMethod>("take an AwsErrorCode") {
                @Override
                public void check(JavaMethod m, ConditionEvents events) {
                  boolean registry =
                      m.getRawParameterTypes().stream()
                          .anyMatch(t -> t.getName().equals("dev.rolegate.core.AwsErrorCode"));
                  events.add(
                      new SimpleConditionEvent(
                          m,
                          registry,
                          m.getFullName()
                              + (registry ? " takes" : " does not take")
                              + " an AwsErrorCode"));
                }
              });
}
