package dev.rolegate.protocol;

import dev.rolegate.core.sts.StsService;
import java.util.Map;

/** The STS actions Rolegate implements. */
final class StsOperations {
  private StsOperations() {}

  static void register(Map<String, Operation> ops, Services s) {
    ops.put("GetCallerIdentity", c -> Node.builder()
        .text("UserId", c.caller().userId()).text("Account", c.caller().accountId()).text("Arn", c.caller().arn()).build());
    ops.put("AssumeRole", c -> {
      Params p = c.params();
      StsService.AssumedRole r = s.sts().assumeRole(c.caller(), c.info(), p.required("RoleArn"), p.required("RoleSessionName"),
          p.integer("DurationSeconds"), p.string("ExternalId"));
      return Node.builder()
          .struct("AssumedRoleUser", b -> b.text("AssumedRoleId", r.assumedRoleId()).text("Arn", r.arn()))
          .struct("Credentials", b -> b.text("AccessKeyId", r.accessKeyId()).text("SecretAccessKey", r.secretAccessKey())
              .text("SessionToken", r.sessionToken()).time("Expiration", r.expiration()))
          .build();
    });
  }
}
