package dev.rolegate.core.auth;

import static dev.rolegate.core.auth.AuthFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.testing.InMemoryStore;
import dev.rolegate.policy.Decision;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DecisionService} (POST /_rolegate/authorize): the caller's policies with the service's
 * resource policy and keys, the resource's account, the root user, and the encoded message of a
 * denial.
 */
class DecisionServiceTest {
  private static final String OBJECT = "arn:aws:s3:::photos/cat.jpg";
  private static final String BUCKET_POLICY_FOR_BOB =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Bob\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:user/bob\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::photos/*\"}]}";
  private static final String BUCKET_DENY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoOne\",\"Effect\":\"Deny\","
          + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::photos/*\"}]}";
  private static final String TAGGED =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Team\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
          + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"s3:ExistingObjectTag/team\":\"${aws:PrincipalTag/team}\"}}}]}";

  private static InMemoryStore store;

  @BeforeAll
  static void seed() {
    store = new InMemoryStore();
    store.write(
        r -> {
          user(r, "alice", null, new Tag("team", "blue"));
          inline(r, PrincipalType.USER, "alice", "Photos", TAGGED);
          user(r, "bob", null);
          return null;
        });
  }

  static Stream<Arguments> requests() {
    // caller, resource account (null: the ARN's, else the caller's), resource policy, the service's
    // keys, decision, deciding
    Map<String, List<String>> blue = Map.of("s3:ExistingObjectTag/team", List.of("blue"));
    Map<String, List<String>> red = Map.of("s3:ExistingObjectTag/team", List.of("red"));
    return Stream.of(
        Arguments.of(
            "identity policy with the service's key and the principal's tag",
            userCaller("alice"),
            null,
            null,
            blue,
            Decision.ALLOW,
            List.of("alice/Photos/Team")),
        Arguments.of(
            "the key does not match",
            userCaller("alice"),
            null,
            null,
            red,
            Decision.IMPLICIT_DENY,
            List.of()),
        Arguments.of(
            "the resource policy allows in the same account",
            userCaller("bob"),
            null,
            BUCKET_POLICY_FOR_BOB,
            Map.of(),
            Decision.ALLOW,
            List.of("resource-policy/Bob")),
        Arguments.of(
            "the resource policy denies",
            userCaller("alice"),
            null,
            BUCKET_DENY,
            blue,
            Decision.EXPLICIT_DENY,
            List.of("resource-policy/NoOne")),
        Arguments.of(
            "the root user of the resource's account",
            root(),
            ACCOUNT,
            null,
            Map.of(),
            Decision.ALLOW,
            List.of()),
        Arguments.of(
            "the root user of another account",
            root(),
            "210987654321",
            null,
            Map.of(),
            Decision.IMPLICIT_DENY,
            List.of()),
        Arguments.of(
            "the root user is still refused what a policy denies",
            root(),
            ACCOUNT,
            BUCKET_DENY,
            Map.of(),
            Decision.EXPLICIT_DENY,
            List.of("resource-policy/NoOne")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void decides(
      String name,
      Caller caller,
      String resourceAccount,
      String resourcePolicy,
      Map<String, List<String>> keys,
      Decision decision,
      List<String> deciding) {
    Authorizer authorizer =
        new Authorizer(
            catalog(), Enforcement.OFF, false); // the decision API evaluates whatever the mode
    AuthorizationMessages messages =
        new AuthorizationMessages(
            new SecretBox(new byte[32], new SecureRandom()), Clock.fixed(NOW, ZoneOffset.UTC));
    DecisionService service = new DecisionService(store, authorizer, messages);
    RequestInfo info = info();
    DecisionService.Outcome outcome =
        service.decide(caller, info, "s3:GetObject", OBJECT, resourceAccount, resourcePolicy, keys);
    assertThat(outcome.result().decision()).as(name).isEqualTo(decision);
    assertThat(outcome.result().deciding())
        .extracting(dev.rolegate.policy.StatementRef::label)
        .isEqualTo(deciding);
    assertThat(info.scope().decided()).isTrue();
    assertThat(authorizer.decisions().recent(caller.arn(), "s3:GetObject", 1))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.outcome())
                    .isEqualTo(decision == Decision.ALLOW ? "allowed" : "denied"));
    if (decision == Decision.ALLOW) {
      assertThat(outcome.encodedMessage()).isNull();
    } else {
      assertThat(messages.decode(outcome.encodedMessage()))
          .contains("\"allowed\":false")
          .contains("\"arn\":\"" + caller.arn() + "\"");
    }
  }
}
