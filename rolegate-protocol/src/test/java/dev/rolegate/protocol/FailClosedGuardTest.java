package dev.rolegate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fail-closed guard in QueryHandler: an action whose operation completes without an
 * authorization decision is answered AccessDenied, never with its result. Uses AssumeRoleWithSAML
 * (which AWS takes unsigned, so no credentials are needed) with operations that do and do not
 * decide.
 */
class FailClosedGuardTest {
  /** A well-formed request (the model's required members present), so it reaches the operation. */
  private static final String FORM =
      "Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr"
          + "&PrincipalArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Asaml-provider%2Fidp&SAMLAssertion=PHNhbWw%2BPC9zYW1sPg%3D%3D";

  /**
   * Services with no use case at all (the operation under test calls none), whatever their number.
   */
  private static Services none() {
    try {
      Class<?>[] types =
          java.util.Arrays.stream(Services.class.getRecordComponents())
              .map(c -> c.getType())
              .toArray(Class<?>[]::new);
      return Services.class.getDeclaredConstructor(types).newInstance(new Object[types.length]);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static QueryHandler handler(Operation op) {
    Services none = none();
    QueryHandler h =
        new QueryHandler(ActionRegistry.load(), none, null, new Ids(), Clock.systemUTC());
    h.replaceOperation("AssumeRoleWithSAML", op);
    return h;
  }

  private static String answer(QueryHandler h, int[] status) {
    QueryHandler.Request r =
        new QueryHandler.Request(
            "POST",
            "/",
            null,
            List.of(
                new dev.rolegate.sigv4.Header("Content-Type", "application/x-www-form-urlencoded")),
            FORM.getBytes(StandardCharsets.UTF_8),
            "127.0.0.1",
            false);
    Responses.HttpAnswer a = h.handle(r);
    status[0] = a.status();
    return new String(a.body(), StandardCharsets.UTF_8);
  }

  @Test
  void anOperationThatDecidesNothingIsRefused() {
    int[] status = new int[1];
    String body = answer(handler(call -> Node.builder().text("Secret", "leaked").build()), status);
    assertThat(status[0]).isEqualTo(403);
    assertThat(body)
        .contains("<Code>AccessDenied</Code>")
        .contains(
            "<Message>Rolegate made no authorization decision for AssumeRoleWithSAML, so it refuses it.</Message>")
        .doesNotContain("leaked");
  }

  @Test
  void anOperationThatDecidesIsAnswered() {
    int[] status = new int[1];
    String body =
        answer(
            handler(
                call -> {
                  call.info().scope().markDecided();
                  return Node.builder().text("Subject", "alice").build();
                }),
            status);
    assertThat(status[0]).isEqualTo(200);
    assertThat(body).contains("<Subject>alice</Subject>");
  }

  @Test
  void aDecisionInAnEarlierRequestDoesNotCountForTheNext() {
    int[] calls = new int[1];
    QueryHandler h =
        handler(
            call -> {
              if (calls[0]++ == 0) {
                call.info().scope().markDecided(); // only the first request decides
              }
              return Node.builder().text("Subject", "alice").build();
            });
    int[] status = new int[1];
    answer(h, status);
    assertThat(status[0]).isEqualTo(200);
    answer(h, status); // same thread, same handler: the earlier decision does not carry over
    assertThat(status[0]).isEqualTo(403);
  }
}
