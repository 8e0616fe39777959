package dev.rolegate.protocol;

import dev.rolegate.core.iam.SamlProviderService;
import dev.rolegate.core.model.SamlProvider;
import dev.rolegate.core.sts.SamlFederationService;
import dev.rolegate.core.sts.SessionRequest;
import dev.rolegate.core.sts.StsService;
import java.util.Map;

/**
 * SAML federation: the IAM SAML provider actions (Create/Get/List/Update/DeleteSAMLProvider,
 * Tag/UntagSAMLProvider, ListSAMLProviderTags) and STS's AssumeRoleWithSAML (unsigned: its call has
 * no caller).
 */
public final class SamlOperations {
  private SamlOperations() {}

  public static void register(
      Map<String, Operation> ops, SamlProviderService saml, SamlFederationService federation) {
    ops.put(
        "CreateSAMLProvider",
        c -> {
          Params p = c.params();
          SamlProvider o =
              saml.create(
                  c.caller(),
                  c.info(),
                  p.required("Name"),
                  p.required("SAMLMetadataDocument"),
                  p.tags("Tags"));
          Node.Builder b = Node.builder().text("SAMLProviderArn", o.arn());
          if (!o.tags().isEmpty()) {
            b.list("Tags", o.tags(), (t, x) -> x.text("Key", t.key()).text("Value", t.value()));
          }
          return b.build();
        });
    ops.put(
        "GetSAMLProvider",
        c -> {
          SamlProvider o = saml.get(c.caller(), c.info(), c.params().required("SAMLProviderArn"));
          Node.Builder b =
              Node.builder()
                  .text("SAMLMetadataDocument", o.metadataDocument())
                  .time("CreateDate", o.createDate())
                  .time("ValidUntil", o.validUntil());
          if (!o.tags().isEmpty()) {
            b.list("Tags", o.tags(), (t, x) -> x.text("Key", t.key()).text("Value", t.value()));
          }
          return b.build();
        });
    ops.put(
        "ListSAMLProviders",
        c ->
            Node.builder()
                .list(
                    "SAMLProviderList",
                    saml.list(c.caller(), c.info()),
                    (o, b) ->
                        b.text("Arn", o.arn())
                            .time("ValidUntil", o.validUntil())
                            .time("CreateDate", o.createDate()))
                .build());
    ops.put(
        "UpdateSAMLProvider",
        c -> {
          Params p = c.params();
          SamlProvider o =
              saml.update(
                  c.caller(),
                  c.info(),
                  p.required("SAMLProviderArn"),
                  p.required("SAMLMetadataDocument"));
          return Node.builder().text("SAMLProviderArn", o.arn()).build();
        });
    ops.put(
        "DeleteSAMLProvider",
        c -> {
          saml.delete(c.caller(), c.info(), c.params().required("SAMLProviderArn"));
          return null;
        });
    ops.put(
        "TagSAMLProvider",
        c -> {
          saml.tag(
              c.caller(),
              c.info(),
              c.params().required("SAMLProviderArn"),
              IamExtraOperations.tagList(c.params()));
          return null;
        });
    ops.put(
        "UntagSAMLProvider",
        c -> {
          saml.untag(
              c.caller(),
              c.info(),
              c.params().required("SAMLProviderArn"),
              IamExtraOperations.tagKeys(c.params()));
          return null;
        });
    ops.put(
        "ListSAMLProviderTags",
        c ->
            IamExtraOperations.tagPage(
                saml.listTags(
                    c.caller(),
                    c.info(),
                    c.params().required("SAMLProviderArn"),
                    c.params().string("Marker"),
                    c.params().integer("MaxItems"))));
    ops.put(
        "AssumeRoleWithSAML",
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
          SamlFederationService.SamlRole r =
              federation.assumeRoleWithSaml(
                  c.info(),
                  p.required("RoleArn"),
                  p.required("PrincipalArn"),
                  p.required("SAMLAssertion"),
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
              .struct(
                  "AssumedRoleUser",
                  b -> b.text("AssumedRoleId", r.assumedRoleId()).text("Arn", r.arn()))
              .number("PackedPolicySize", r.packedPolicySize())
              .text("Subject", r.subject())
              .text("SubjectType", r.subjectType())
              .text("Issuer", r.issuer())
              .text("Audience", r.audience())
              .text("NameQualifier", r.nameQualifier())
              .text("SourceIdentity", r.sourceIdentity())
              .build();
        });
  }
}
