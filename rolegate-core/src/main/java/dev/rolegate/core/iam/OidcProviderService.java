package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.OidcProvider;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.port.AccountRepository;
import dev.rolegate.core.port.DuplicateKeyException;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * IAM OpenID Connect providers: Create/Get/List/DeleteOpenIDConnectProvider,
 * Add/RemoveClientIDToOpenIDConnectProvider, UpdateOpenIDConnectProviderThumbprint,
 * Tag/UntagOpenIDConnectProvider, ListOpenIDConnectProviderTags. The URL must be {@code https://};
 * {@code http://} is accepted for loopback issuers only (127.0.0.1, localhost, ::1), for local
 * identity providers and tests. Each action is authorized on the provider ARN; tag actions (and
 * Create with Tags) with {@code aws:RequestTag/*} and {@code aws:TagKeys}.
 */
public final class OidcProviderService {
  static final int MAX_CLIENT_IDS = 100;
  static final int MAX_THUMBPRINTS = 5;

  private final IamContext iam;

  public OidcProviderService(IamContext iam) {
    this.iam = iam;
  }

  private static AwsServiceException notFound(String arn) {
    return AwsServiceException.noSuchEntity("OpenIDConnect Provider not found for arn " + arn);
  }

  /** The URL (without scheme) named by a provider ARN of the caller's account, or NoSuchEntity. */
  private static String urlOf(Caller c, String arn) {
    Arns.Parsed p = Arns.parse(arn);
    if (p == null || !p.service().equals("iam") || !p.resource().startsWith("oidc-provider/")) {
      throw AwsServiceException.validation("ARN " + arn + " is not valid.");
    }
    if (!p.account().equals(c.accountId())) {
      throw notFound(arn);
    }
    return p.resource().substring("oidc-provider/".length());
  }

  private OidcProvider authorized(
      Repositories r, Caller c, RequestInfo info, String action, String arn) {
    return authorized(r, c, info, action, arn, b -> {});
  }

  private OidcProvider authorized(
      Repositories r,
      Caller c,
      RequestInfo info,
      String action,
      String arn,
      Consumer<RequestContext.Builder> keys) {
    String url = urlOf(c, arn);
    KeyedAuthorization.require(iam, r, c, info, action, OidcProvider.arn(c.accountId(), url), keys);
    return r.oidcProviders().find(c.accountId(), url).orElseThrow(() -> notFound(arn));
  }

  /**
   * At most five SHA-1 thumbprints of 40 hex digits, kept as given. Optional on Create: AWS now
   * trusts well-known issuers through its own CA library; Rolegate uses the JDK's trust store for a
   * provider without thumbprints and pins the TLS chain to them for one with thumbprints ({@code
   * OidcHttp}).
   */
  private static final java.util.regex.Pattern HEX_40 =
      java.util.regex.Pattern.compile("[0-9A-Fa-f]{40}");

  private static List<String> thumbprints(List<String> prints) {
    if (prints.size() > MAX_THUMBPRINTS) {
      throw AwsServiceException.invalidInput(
          "Thumbprint list must contain fewer than " + MAX_THUMBPRINTS + " entries.");
    }
    for (int i = 0; i < prints.size(); i++) {
      // the model gives the length (40); the hex digits are AWS's rule beyond it
      Validation.pattern("thumbprintList.member." + (i + 1), prints.get(i), HEX_40);
    }
    return List.copyOf(prints);
  }

  public OidcProvider create(
      Caller c,
      RequestInfo info,
      String url,
      List<String> clientIds,
      List<String> prints,
      List<Tag> tags) {
    String stripped = OidcProvider.stripScheme(url);
    if (stripped == null) {
      throw AwsServiceException.validation("Invalid Open ID Connect Provider URL");
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < clientIds.size(); i++) {
      if (!ids.contains(clientIds.get(i))) {
        ids.add(clientIds.get(i));
      }
    }
    if (ids.size() > MAX_CLIENT_IDS) {
      throw new AwsServiceException(
          AwsErrorCode.LIMIT_EXCEEDED,
          "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + MAX_CLIENT_IDS);
    }
    List<String> t = thumbprints(prints);
    List<Tag> validTags = Tags.validate(tags, true);
    Instant now = iam.clock().instant();
    return iam.store()
        .write(
            r -> {
              OidcProvider p = new OidcProvider(c.accountId(), stripped, ids, t, validTags, now);
              KeyedAuthorization.require(
                  iam,
                  r,
                  c,
                  info,
                  "iam:CreateOpenIDConnectProvider",
                  p.arn(),
                  validTags.isEmpty() ? b -> {} : TagService.tagKeys(validTags));
              IamQuotas.of(r, c.accountId())
                  .requireRoom(
                      IamQuotas.Quota.OIDC_PROVIDERS_PER_ACCOUNT,
                      r.accounts().count(c.accountId(), AccountRepository.Counted.OIDC_PROVIDERS));
              try {
                r.oidcProviders().insert(p);
              } catch (DuplicateKeyException e) {
                throw new AwsServiceException(
                    AwsErrorCode.ENTITY_ALREADY_EXISTS,
                    "Provider with url " + url + " already exists.");
              }
              return p;
            });
  }

  public OidcProvider get(Caller c, RequestInfo info, String arn) {
    return iam.store().read(r -> authorized(r, c, info, "iam:GetOpenIDConnectProvider", arn));
  }

  public List<OidcProvider> list(Caller c, RequestInfo info) {
    return iam.store()
        .read(
            r -> {
              iam.authorizer()
                  .require(
                      r,
                      c,
                      info,
                      "iam:ListOpenIDConnectProviders",
                      Arns.oidcProvider(c.accountId(), "*")); // as AWS names it
              return r.oidcProviders().list(c.accountId());
            });
  }

  public void delete(Caller c, RequestInfo info, String arn) {
    iam.store()
        .write(
            r -> {
              OidcProvider p = authorized(r, c, info, "iam:DeleteOpenIDConnectProvider", arn);
              r.oidcProviders().delete(p.accountId(), p.url());
              return null;
            });
  }

  /** Idempotent: adding a client id the provider has already changes nothing. */
  public void addClientId(Caller c, RequestInfo info, String arn, String id) {
    iam.store()
        .write(
            r -> {
              OidcProvider p =
                  authorized(r, c, info, "iam:AddClientIDToOpenIDConnectProvider", arn);
              if (p.clientIds().contains(id)) {
                return null;
              }
              if (p.clientIds().size() >= MAX_CLIENT_IDS) {
                throw new AwsServiceException(
                    AwsErrorCode.LIMIT_EXCEEDED,
                    "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + MAX_CLIENT_IDS);
              }
              List<String> ids = new ArrayList<>(p.clientIds());
              ids.add(id);
              r.oidcProviders().update(p.withClientIds(ids));
              return null;
            });
  }

  /** Idempotent: removing a client id the provider does not have changes nothing. */
  public void removeClientId(Caller c, RequestInfo info, String arn, String id) {
    iam.store()
        .write(
            r -> {
              OidcProvider p =
                  authorized(r, c, info, "iam:RemoveClientIDFromOpenIDConnectProvider", arn);
              if (p.clientIds().contains(id)) {
                List<String> ids = new ArrayList<>(p.clientIds());
                ids.remove(id);
                r.oidcProviders().update(p.withClientIds(ids));
              }
              return null;
            });
  }

  /**
   * Replaces the thumbprints (the lists are not merged). ThumbprintList is required here, unlike in
   * Create: an empty list is AWS's "must not be null".
   */
  public void updateThumbprints(Caller c, RequestInfo info, String arn, List<String> prints) {
    if (prints.isEmpty()) {
      throw AwsServiceException.validation(
          "1 validation error detected: Value at 'thumbprintList' failed to satisfy constraint: Member must not be null");
    }
    List<String> t = thumbprints(prints);
    iam.store()
        .write(
            r -> {
              OidcProvider p =
                  authorized(r, c, info, "iam:UpdateOpenIDConnectProviderThumbprint", arn);
              r.oidcProviders().update(p.withThumbprints(t));
              return null;
            });
  }

  /** Merges the tags into the provider's (a key it has gets the new value), at most 50 in all. */
  public void tag(Caller c, RequestInfo info, String arn, List<Tag> tags) {
    Tags.validate(tags, true);
    iam.store()
        .write(
            r -> {
              OidcProvider p =
                  authorized(
                      r, c, info, "iam:TagOpenIDConnectProvider", arn, TagService.tagKeys(tags));
              r.oidcProviders().update(p.withTags(TagService.merge(p.tags(), tags, true)));
              return null;
            });
  }

  /** Removes the keys (a key the provider does not have is not an error). */
  public void untag(Caller c, RequestInfo info, String arn, List<String> keys) {
    iam.store()
        .write(
            r -> {
              OidcProvider p =
                  authorized(
                      r,
                      c,
                      info,
                      "iam:UntagOpenIDConnectProvider",
                      arn,
                      TagService.untagKeys(keys));
              r.oidcProviders().update(p.withTags(TagService.remove(p.tags(), keys, true)));
              return null;
            });
  }

  public Page<Tag> listTags(
      Caller c, RequestInfo info, String arn, String marker, Integer maxItems) {
    List<Tag> tags =
        iam.store()
            .read(r -> authorized(r, c, info, "iam:ListOpenIDConnectProviderTags", arn).tags());
    return Page.of(tags, marker, maxItems);
  }
}
