package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.federation.SamlResponseVerifier;
import dev.rolegate.core.federation.SamlResponseVerifier.IdpMetadata;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.SamlProvider;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.port.AccountRepository;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * IAM SAML providers: Create/Get/List/Update/DeleteSAMLProvider, Tag/UntagSAMLProvider,
 * ListSAMLProviderTags. The metadata document must be SAML 2.0 IdP metadata with at least one
 * signing certificate (read by the {@link SamlResponseVerifier}); UpdateSAMLProvider replaces it
 * (certificate rotation). Each action is authorized on the provider ARN; tag actions with {@code
 * aws:RequestTag/*} and {@code aws:TagKeys}.
 */
public final class SamlProviderService {
  private static final Pattern NAME = Pattern.compile("[\\w._-]+");
  private static final String PREFIX = "saml-provider/";

  private final IamContext iam;
  private final SamlResponseVerifier saml;

  public SamlProviderService(IamContext iam, SamlResponseVerifier saml) {
    this.iam = iam;
    this.saml = saml;
  }

  private static AwsServiceException notFound(String arn) {
    return AwsServiceException.noSuchEntity("SAMLProvider not found for arn " + arn);
  }

  /** The metadata, checked: AWS's "Could not parse metadata." followed by what is wrong. */
  public static IdpMetadata metadata(SamlResponseVerifier saml, String document) {
    // the model makes it optional for UpdateSAMLProvider; Rolegate's update replaces the metadata,
    // so it needs one
    Validation.required("sAMLMetadataDocument", document);
    return saml.metadata(document).orThrow();
  }

  /**
   * The provider name of a SAML provider ARN, or null when it is not one. Used by the IAM actions
   * here and by AssumeRoleWithSAML's PrincipalArn.
   */
  public static Arns.Parsed parseArn(String arn) {
    Arns.Parsed p = Arns.parse(arn);
    if (p == null
        || !p.service().equals("iam")
        || !p.resource().startsWith(PREFIX)
        || !p.account().matches("\\d{12}")) {
      return null;
    }
    String name = p.resource().substring(PREFIX.length());
    return name.length() <= 128 && NAME.matcher(name).matches() ? p : null;
  }

  public static String nameOf(Arns.Parsed arn) {
    return arn.resource().substring(PREFIX.length());
  }

  private static String nameOf(Caller c, String arn) {
    Arns.Parsed p = parseArn(arn);
    if (p == null) {
      throw AwsServiceException.validation("ARN " + arn + " is not valid.");
    }
    if (!p.account().equals(c.accountId())) {
      throw notFound(arn);
    }
    return nameOf(p);
  }

  private SamlProvider authorized(
      Repositories r,
      Caller c,
      RequestInfo info,
      String action,
      String arn,
      Consumer<RequestContext.Builder> keys) {
    String name = nameOf(c, arn);
    KeyedAuthorization.require(
        iam, r, c, info, action, SamlProvider.arn(c.accountId(), name), keys);
    return r.samlProviders().find(c.accountId(), name).orElseThrow(() -> notFound(arn));
  }

  public SamlProvider create(
      Caller c, RequestInfo info, String name, String document, List<Tag> tags) {
    IdpMetadata m = metadata(saml, document);
    List<Tag> validTags = Tags.validate(tags, true);
    Instant now = iam.clock().instant();
    return iam.store()
        .write(
            r -> {
              SamlProvider p =
                  new SamlProvider(c.accountId(), name, document, m.validUntil(), validTags, now);
              KeyedAuthorization.require(
                  iam,
                  r,
                  c,
                  info,
                  "iam:CreateSAMLProvider",
                  p.arn(),
                  validTags.isEmpty() ? b -> {} : TagService.tagKeys(validTags));
              IamQuotas.of(r, c.accountId())
                  .requireRoom(
                      IamQuotas.Quota.SAML_PROVIDERS_PER_ACCOUNT,
                      r.accounts().count(c.accountId(), AccountRepository.Counted.SAML_PROVIDERS));
              try {
                r.samlProviders().insert(p);
              } catch (DuplicateKeyException e) {
                throw new AwsServiceException(
                    AwsErrorCode.ENTITY_ALREADY_EXISTS,
                    "SAMLProvider " + name + " already exists.");
              }
              return p;
            });
  }

  public SamlProvider get(Caller c, RequestInfo info, String arn) {
    return iam.store().read(r -> authorized(r, c, info, "iam:GetSAMLProvider", arn, b -> {}));
  }

  public List<SamlProvider> list(Caller c, RequestInfo info) {
    return iam.store()
        .read(
            r -> {
              iam.authorizer()
                  .require(
                      r,
                      c,
                      info,
                      "iam:ListSAMLProviders",
                      Arns.samlProvider(c.accountId(), "*")); // as ListOpenIDConnectProviders
              return r.samlProviders().list(c.accountId());
            });
  }

  /**
   * Replaces the metadata (and so the signing certificates: assertions signed with the old ones are
   * refused from now on).
   */
  public SamlProvider update(Caller c, RequestInfo info, String arn, String document) {
    IdpMetadata m = metadata(saml, document);
    return iam.store()
        .write(
            r -> {
              SamlProvider p =
                  authorized(r, c, info, "iam:UpdateSAMLProvider", arn, b -> {})
                      .withMetadata(document, m.validUntil());
              r.samlProviders().update(p);
              return p;
            });
  }

  public void delete(Caller c, RequestInfo info, String arn) {
    iam.store()
        .write(
            r -> {
              SamlProvider p = authorized(r, c, info, "iam:DeleteSAMLProvider", arn, b -> {});
              r.samlProviders().delete(p.accountId(), p.name());
              return null;
            });
  }

  public void tag(Caller c, RequestInfo info, String arn, List<Tag> tags) {
    Tags.validate(tags, true);
    iam.store()
        .write(
            r -> {
              SamlProvider p =
                  authorized(r, c, info, "iam:TagSAMLProvider", arn, TagService.tagKeys(tags));
              r.samlProviders().update(p.withTags(TagService.merge(p.tags(), tags, true)));
              return null;
            });
  }

  public void untag(Caller c, RequestInfo info, String arn, List<String> keys) {
    iam.store()
        .write(
            r -> {
              SamlProvider p =
                  authorized(r, c, info, "iam:UntagSAMLProvider", arn, TagService.untagKeys(keys));
              r.samlProviders().update(p.withTags(TagService.remove(p.tags(), keys, true)));
              return null;
            });
  }

  public Page<Tag> listTags(
      Caller c, RequestInfo info, String arn, String marker, Integer maxItems) {
    List<Tag> tags =
        iam.store()
            .read(r -> authorized(r, c, info, "iam:ListSAMLProviderTags", arn, b -> {}).tags());
    return Page.of(tags, marker, maxItems);
  }
}
