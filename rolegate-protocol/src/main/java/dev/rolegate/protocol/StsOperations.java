package dev.rolegate.protocol;

import dev.rolegate.core.sts.OutboundFederation;
import dev.rolegate.core.sts.SessionRequest;
import dev.rolegate.core.sts.StsService;
import java.util.Map;

/**
 * The STS actions Rolegate implements, and IAM's outbound identity federation switches
 * (GetWebIdentityToken's).
 */
final class StsOperations {
  private StsOperations() {}

  static void register(Map<String, Operation> ops, Services s) {
    ops.put(
        "GetCallerIdentity",
        c ->
            Node.builder()
                .text("UserId", c.caller().userId())
                .text("Account", c.caller().accountId())
                .text("Arn", c.caller().arn())
                .build());
    ops.put(
        "AssumeRole",
        c -> {
          Params p = c.params();
          StsService.AssumedRole r =
              s.sts()
                  .assumeRole(
                      c.caller(),
                      c.info(),
                      p.required("RoleArn"),
                      p.required("RoleSessionName"),
                      p.string("ExternalId"),
                      session(p));
          return Node.builder()
              .struct("Credentials", b -> credentials(b, r.credentials()))
              .struct(
                  "AssumedRoleUser",
                  b -> b.text("AssumedRoleId", r.assumedRoleId()).text("Arn", r.arn()))
              .number("PackedPolicySize", r.packedPolicySize())
              .text("SourceIdentity", r.sourceIdentity())
              .build();
        });
    ops.put(
        "GetSessionToken",
        c -> {
          StsService.Credentials creds =
              s.sts().getSessionToken(c.caller(), c.info(), session(c.params()));
          return Node.builder().struct("Credentials", b -> credentials(b, creds)).build();
        });
    ops.put(
        "GetFederationToken",
        c -> {
          Params p = c.params();
          StsService.FederatedUser f =
              s.sts().getFederationToken(c.caller(), c.info(), p.required("Name"), session(p));
          return Node.builder()
              .struct("Credentials", b -> credentials(b, f.credentials()))
              .struct(
                  "FederatedUser",
                  b -> b.text("FederatedUserId", f.federatedUserId()).text("Arn", f.arn()))
              .number("PackedPolicySize", f.packedPolicySize())
              .build();
        });
    ops.put(
        "DecodeAuthorizationMessage",
        c ->
            Node.builder()
                .text(
                    "DecodedMessage",
                    s.sts()
                        .decodeAuthorizationMessage(
                            c.caller(), c.info(), c.params().string("EncodedMessage")))
                .build());
    ops.put(
        "AssumeRoot",
        c -> {
          Params p = c.params();
          StsService.RootSession r =
              s.sts()
                  .assumeRoot(
                      c.caller(),
                      c.info(),
                      p.string("TargetPrincipal"),
                      p.string("TaskPolicyArn.arn"),
                      p.integer("DurationSeconds"));
          return Node.builder()
              .struct("Credentials", b -> credentials(b, r.credentials()))
              .text("SourceIdentity", r.sourceIdentity())
              .build();
        });
    ops.put(
        "GetDelegatedAccessToken",
        c -> {
          StsService.Credentials creds =
              s.sts()
                  .getDelegatedAccessToken(c.caller(), c.info(), c.params().string("TradeInToken"));
          return Node.builder().struct("Credentials", b -> credentials(b, creds)).build();
        });
    ops.put(
        "GetWebIdentityToken",
        c -> {
          Params p = c.params();
          OutboundFederation.IdentityToken t =
              s.outbound()
                  .token(
                      c.caller(),
                      c.info(),
                      p.list("Audience"),
                      p.string("SigningAlgorithm"),
                      p.integer("DurationSeconds"),
                      p.tags("Tags"));
          return Node.builder()
              .text("WebIdentityToken", t.token())
              .time("Expiration", t.expiration())
              .build();
        });
    ops.put(
        "EnableOutboundWebIdentityFederation",
        c ->
            Node.builder()
                .text("IssuerIdentifier", s.outbound().enable(c.caller(), c.info()))
                .build());
    ops.put(
        "DisableOutboundWebIdentityFederation",
        c -> {
          s.outbound().disable(c.caller(), c.info());
          return null;
        });
    ops.put(
        "GetOutboundWebIdentityFederationInfo",
        c -> {
          OutboundFederation.Info i = s.outbound().info(c.caller(), c.info());
          return Node.builder()
              .text("IssuerIdentifier", i.issuer())
              .bool("JwtVendingEnabled", i.enabled())
              .build();
        });
    ops.put(
        "GetAccessKeyInfo",
        c ->
            Node.builder()
                .text(
                    "Account",
                    s.sts()
                        .getAccessKeyInfo(c.caller(), c.info(), c.params().required("AccessKeyId")))
                .build());
  }

  private static SessionRequest session(Params p) {
    return new SessionRequest(
        p.integer("DurationSeconds"),
        p.string("Policy"),
        p.policyArns("PolicyArns"),
        p.tags("Tags"),
        p.list("TransitiveTagKeys"),
        p.string("SourceIdentity"),
        p.string("SerialNumber"),
        p.string("TokenCode"));
  }

  private static void credentials(Node.Builder b, StsService.Credentials c) {
    b.text("AccessKeyId", c.accessKeyId())
        .text("SecretAccessKey", c.secretAccessKey())
        .text("SessionToken", c.sessionToken())
        .time("Expiration", c.expiration());
  }
}
