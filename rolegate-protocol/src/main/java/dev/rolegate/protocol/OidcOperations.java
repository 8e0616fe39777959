package dev.rolegate.protocol;

import dev.rolegate.core.iam.OidcProviderService;
import dev.rolegate.core.model.OidcProvider;
import dev.rolegate.core.sts.SessionRequest;
import dev.rolegate.core.sts.StsService;
import dev.rolegate.core.sts.WebIdentityService;
import java.util.Map;

/**
 * OIDC federation: the IAM OpenID Connect provider actions
 * (Create/Get/List/DeleteOpenIDConnectProvider, Add/RemoveClientIDToOpenIDConnectProvider,
 * UpdateOpenIDConnectProviderThumbprint, Tag/Untag/ListOpenIDConnectProviderTags) and STS's
 * AssumeRoleWithWebIdentity (unsigned: its call has no caller).
 */
public final class OidcOperations {
  private OidcOperations() {}

  public static void register(
      Map<String, Operation> ops, OidcProviderService oidc, WebIdentityService webIdentity) {
    ops.put(
        "CreateOpenIDConnectProvider",
        c -> {
          Params p = c.params();
          OidcProvider o =
              oidc.create(
                  c.caller(),
                  c.info(),
                  p.required("Url"),
                  p.list("ClientIDList"),
                  p.list("ThumbprintList"),
                  p.tags("Tags"));
          Node.Builder b = Node.builder().text("OpenIDConnectProviderArn", o.arn());
          if (!o.tags().isEmpty()) {
            b.list("Tags", o.tags(), (t, x) -> x.text("Key", t.key()).text("Value", t.value()));
          }
          return b.build();
        });
    ops.put(
        "GetOpenIDConnectProvider",
        c -> {
          OidcProvider o =
              oidc.get(c.caller(), c.info(), c.params().required("OpenIDConnectProviderArn"));
          Node.Builder b =
              Node.builder()
                  .text("Url", o.url())
                  .texts("ClientIDList", o.clientIds())
                  .texts("ThumbprintList", o.thumbprints())
                  .time("CreateDate", o.createDate());
          if (!o.tags().isEmpty()) {
            b.list("Tags", o.tags(), (t, x) -> x.text("Key", t.key()).text("Value", t.value()));
          }
          return b.build();
        });
    ops.put(
        "ListOpenIDConnectProviders",
        c ->
            Node.builder()
                .list(
                    "OpenIDConnectProviderList",
                    oidc.list(c.caller(), c.info()),
                    (o, b) -> b.text("Arn", o.arn()))
                .build());
    ops.put(
        "DeleteOpenIDConnectProvider",
        c -> {
          oidc.delete(c.caller(), c.info(), c.params().required("OpenIDConnectProviderArn"));
          return null;
        });
    ops.put(
        "AddClientIDToOpenIDConnectProvider",
        c -> {
          oidc.addClientId(
              c.caller(),
              c.info(),
              c.params().required("OpenIDConnectProviderArn"),
              c.params().required("ClientID"));
          return null;
        });
    ops.put(
        "RemoveClientIDFromOpenIDConnectProvider",
        c -> {
          oidc.removeClientId(
              c.caller(),
              c.info(),
              c.params().required("OpenIDConnectProviderArn"),
              c.params().required("ClientID"));
          return null;
        });
    ops.put(
        "UpdateOpenIDConnectProviderThumbprint",
        c -> {
          oidc.updateThumbprints(
              c.caller(),
              c.info(),
              c.params().required("OpenIDConnectProviderArn"),
              c.params().list("ThumbprintList"));
          return null;
        });
    ops.put(
        "TagOpenIDConnectProvider",
        c -> {
          oidc.tag(
              c.caller(),
              c.info(),
              c.params().required("OpenIDConnectProviderArn"),
              IamExtraOperations.tagList(c.params()));
          return null;
        });
    ops.put(
        "UntagOpenIDConnectProvider",
        c -> {
          oidc.untag(
              c.caller(),
              c.info(),
              c.params().required("OpenIDConnectProviderArn"),
              IamExtraOperations.tagKeys(c.params()));
          return null;
        });
    ops.put(
        "ListOpenIDConnectProviderTags",
        c ->
            IamExtraOperations.tagPage(
                oidc.listTags(
                    c.caller(),
                    c.info(),
                    c.params().required("OpenIDConnectProviderArn"),
                    c.params().string("Marker"),
                    c.params().integer("MaxItems"))));
    ops.put(
        "AssumeRoleWithWebIdentity",
        c -> {
          Params p = c.params();
          SessionRequest s =
              new SessionRequest(
                  p.integer("DurationSeconds"),
                  p.string("Policy"),
                  p.policyArns("PolicyArns"),
                  null,
                  null,
                  null,
                  null,
                  null);
          WebIdentityService.WebIdentityRole r =
              webIdentity.assumeRoleWithWebIdentity(
                  c.info(),
                  p.required("RoleArn"),
                  p.required("RoleSessionName"),
                  p.required("WebIdentityToken"),
                  p.string("ProviderId"),
                  s);
          StsService.Credentials k = r.credentials();
          return Node.builder()
              .struct(
                  "Credentials",
                  b ->
                      b.text("AccessKeyId", k.accessKeyId())
                          .text("SecretAccessKey", k.secretAccessKey())
                          .text("SessionToken", k.sessionToken())
                          .time("Expiration", k.expiration()))
              .text("SubjectFromWebIdentityToken", r.subject())
              .struct(
                  "AssumedRoleUser",
                  b -> b.text("AssumedRoleId", r.assumedRoleId()).text("Arn", r.arn()))
              .number("PackedPolicySize", r.packedPolicySize())
              .text("Provider", r.provider())
              .text("Audience", r.audience())
              .build();
        });
  }
}
