package dev.rolegate.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.Evaluator;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizationMessagesTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static SecretBox box() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new SecretBox(key, RANDOM);
  }

  private static RequestContext.Builder context() {
    return RequestContext.builder()
        .principal("arn:aws:iam::123456789012:root")
        .action("s3:PutObject")
        .resource("arn:aws:s3:::b/k")
        .put("aws:PrincipalArn", "arn:aws:iam::123456789012:root");
  }

  private static EvaluationResult explicitDeny(RequestContext ctx) {
    var deny =
        Policies.check(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoPuts\",\"Effect\":\"Deny\",\"Action\":\"s3:Put*\",\"Resource\":\"*\"}]}",
                PolicyKind.IDENTITY)
            .compile("guard");
    return Evaluator.evaluate(
        new PolicySet(List.of(deny), null, null, List.of(), List.of()), ctx, true);
  }

  @Test
  void decodesWhatItEncodedAndNothingElse() {
    AuthorizationMessages messages = new AuthorizationMessages(box(), java.time.Clock.systemUTC());
    RequestContext ctx = context().put("s3:x-amz-acl", "private").build();
    String encoded = messages.encode(Caller.root("123456789012", null), explicitDeny(ctx), ctx);
    String json = messages.decode(encoded);
    assertThat(json)
        .startsWith(
            "{\"allowed\":false,\"explicitDeny\":true,\"matchedStatements\":{\"items\":[{\"statementId\":\"NoPuts\",\"effect\":\"DENY\"");
    assertThat(json)
        .contains("{\"key\":\"s3:x-amz-acl\",\"values\":{\"items\":[{\"value\":\"private\"}]}}");

    assertThatThrownBy(
            () -> new AuthorizationMessages(box(), java.time.Clock.systemUTC()).decode(encoded))
        .as("another master key")
        .isInstanceOf(AwsServiceException.class)
        .hasMessageContaining("is invalid");
    assertThatThrownBy(() -> messages.decode(encoded.substring(1)))
        .isInstanceOf(AwsServiceException.class);
    assertThatThrownBy(() -> messages.decode("%%%")).isInstanceOf(AwsServiceException.class);
  }

  @Test
  void leavesTheConditionKeysOutWhenTheMessageWouldExceedTheLimit() {
    AuthorizationMessages messages = new AuthorizationMessages(box(), java.time.Clock.systemUTC());
    RequestContext.Builder b = context();
    for (int i = 0; i < 400; i++) {
      byte[] noise = new byte[24];
      RANDOM.nextBytes(noise);
      b.put("s3:key" + i, java.util.HexFormat.of().formatHex(noise)); // incompressible
    }
    RequestContext ctx = b.build();
    String encoded = messages.encode(Caller.root("123456789012", null), explicitDeny(ctx), ctx);
    assertThat(encoded.length()).isLessThanOrEqualTo(AuthorizationMessages.MAX_LENGTH);
    assertThat(messages.decode(encoded))
        .contains("\"conditions\":{\"items\":[]}")
        .contains("\"action\":\"s3:PutObject\"");
  }

  @Test
  void aMessageDecodesForTwelveHoursThenHasExpired() {
    java.time.Instant issued = java.time.Instant.parse("2026-11-28T00:00:00Z");
    SecretBox key = box();
    RequestContext ctx = context().build();
    String encoded =
        new AuthorizationMessages(key, java.time.Clock.fixed(issued, java.time.ZoneOffset.UTC))
            .encode(Caller.root("123456789012", null), explicitDeny(ctx), ctx);
    AuthorizationMessages later =
        new AuthorizationMessages(
            key,
            java.time.Clock.fixed(
                issued.plus(AuthorizationMessages.LIFETIME), java.time.ZoneOffset.UTC));
    assertThat(later.decode(encoded)).startsWith("{\"allowed\":false");
    AuthorizationMessages tooLate =
        new AuthorizationMessages(
            key,
            java.time.Clock.fixed(
                issued.plus(AuthorizationMessages.LIFETIME).plusSeconds(1),
                java.time.ZoneOffset.UTC));
    assertThatThrownBy(() -> tooLate.decode(encoded))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.code().code()).isEqualTo("InvalidAuthorizationMessageException"))
        .hasMessage(
            "The encoded authorization message has expired: it was issued at 2026-11-28T00:00:00Z and decodes for 12 hours.");
  }
}
