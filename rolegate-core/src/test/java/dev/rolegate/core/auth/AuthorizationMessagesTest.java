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
    return RequestContext.builder().principal("arn:aws:iam::123456789012:root").action("s3:PutObject").resource("arn:aws:s3:::b/k")
        .put("aws:PrincipalArn", "arn:aws:iam::123456789012:root");
  }

  private static EvaluationResult explicitDeny(RequestContext ctx) {
    var deny = Policies.check("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoPuts\",\"Effect\":\"Deny\",\"Action\":\"s3:Put*\",\"Resource\":\"*\"}]}",
        PolicyKind.IDENTITY).compile("guard");
    return Evaluator.evaluate(new PolicySet(List.of(deny), null, null, List.of(), List.of()), ctx, true);
  }

  @Test
  void decodesWhatItEncodedAndNothingElse() {
    AuthorizationMessages messages = new AuthorizationMessages(box());
    RequestContext ctx = context().put("s3:x-amz-acl", "private").build();
    String encoded = messages.encode(Caller.root("123456789012", null), explicitDeny(ctx), ctx);
    String json = messages.decode(encoded);
    assertThat(json).startsWith("{\"allowed\":false,\"explicitDeny\":true,\"matchedStatements\":{\"items\":[{\"statementId\":\"NoPuts\",\"effect\":\"DENY\"");
    assertThat(json).contains("{\"key\":\"s3:x-amz-acl\",\"values\":{\"items\":[{\"value\":\"private\"}]}}");

    assertThatThrownBy(() -> new AuthorizationMessages(box()).decode(encoded)).as("another master key")
        .isInstanceOf(AwsServiceException.class).hasMessageContaining("is invalid");
    assertThatThrownBy(() -> messages.decode(encoded.substring(1))).isInstanceOf(AwsServiceException.class);
    assertThatThrownBy(() -> messages.decode("%%%")).isInstanceOf(AwsServiceException.class);
  }

  @Test
  void leavesTheConditionKeysOutWhenTheMessageWouldExceedTheLimit() {
    AuthorizationMessages messages = new AuthorizationMessages(box());
    RequestContext.Builder b = context();
    for (int i = 0; i < 400; i++) {
      byte[] noise = new byte[24];
      RANDOM.nextBytes(noise);
      b.put("s3:key" + i, java.util.HexFormat.of().formatHex(noise)); // incompressible
    }
    RequestContext ctx = b.build();
    String encoded = messages.encode(Caller.root("123456789012", null), explicitDeny(ctx), ctx);
    assertThat(encoded.length()).isLessThanOrEqualTo(AuthorizationMessages.MAX_LENGTH);
    assertThat(messages.decode(encoded)).contains("\"conditions\":{\"items\":[]}").contains("\"action\":\"s3:PutObject\"");
  }
}
