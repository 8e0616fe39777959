package dev.rolegate.core.sts;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.auth.SessionTokens;
import dev.rolegate.core.federation.OidcTokenVerifier;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.OidcProvider;
import dev.rolegate.core.model.Tag;
import dev.rolegate.policy.ContextValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AssumeRoleWithWebIdentity for OIDC ID tokens: the token is verified against the IAM OIDC provider
 * of its {@code iss} in the role's account (an {@link OidcTokenVerifier}, rolegate-federation's),
 * then the role's trust policy is evaluated with the provider ARN as the (federated) principal,
 * {@code sts:AssumeRoleWithWebIdentity} as the action and {@code HOST/PATH:aud}, {@code :oaud},
 * {@code :sub}, {@code :amr}, {@code :email} ({@link #conditionKeys}) and {@code
 * aws:FederatedProvider} in the context. The request is unsigned: there is no caller.
 */
public final class WebIdentityService {
  private static final String ACTION = "sts:AssumeRoleWithWebIdentity";

  /** AssumeRoleWithWebIdentity's answer. */
  public record WebIdentityRole(
      StsService.Credentials credentials,
      String assumedRoleId,
      String arn,
      Integer packedPolicySize,
      String subject,
      String provider,
      String audience) {}

  private final IamContext iam;
  private final RoleSessionIssuer issuer;
  private final OidcTokenVerifier verifier;

  public WebIdentityService(IamContext iam, SessionTokens tokens, OidcTokenVerifier verifier) {
    this.iam = iam;
    this.issuer = new RoleSessionIssuer(iam, new CredentialMinter(iam.ids(), tokens));
    this.verifier = verifier;
  }

  public WebIdentityRole assumeRoleWithWebIdentity(
      RequestInfo info,
      String roleArn,
      String sessionName,
      String webIdentityToken,
      String providerId,
      SessionRequest s) {
    SessionRules.policies(s, 2048);
    Arns.Parsed arn = SessionRules.roleArn(roleArn);
    if (providerId != null) {
      throw new AwsServiceException(
          AwsErrorCode.INVALID_PARAMETER_VALUE,
          "Rolegate accepts OpenID Connect ID tokens only; OAuth 2.0 access tokens (ProviderId) are not supported");
    }
    Instant now = iam.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    String account = arn.account();
    OidcTokenVerifier.VerifiedToken token =
        verifier
            .verify(
                webIdentityToken,
                iss -> {
                  String url = OidcProvider.stripScheme(iss);
                  return url == null
                      ? null
                      : iam.store().read(r -> r.oidcProviders().find(account, url).orElse(null));
                },
                now)
            .orThrow();
    OidcProvider provider = token.provider();
    SessionRequest tagged = sessionTags(token, s);
    SessionRules.tags(tagged, Caller.root(account, null));
    Map<String, ContextValue> keys = new LinkedHashMap<>();
    conditionKeys(provider.url(), token)
        .forEach(
            (k, v) ->
                keys.put(k, v.size() == 1 ? ContextValue.single(v.get(0)) : ContextValue.multi(v)));
    RoleSessionIssuer.Issued issued =
        issuer.issue(
            info,
            new RoleSessionRequest(
                "AssumeRoleWithWebIdentity",
                ACTION,
                new SessionPrincipal.Federated(provider.arn(), "WebIdentityUser"),
                roleArn,
                sessionName,
                tagged,
                now,
                null,
                keys));
    Caller owner = issued.owner();
    return new WebIdentityRole(
        issued.credentials(),
        owner.userId(),
        owner.arn(),
        issued.packedPolicySize(),
        token.subject(),
        token.issuer(),
        token.audience());
  }

  /**
   * The provider's keys for the trust policy, named {@code PROVIDER:KEY} with the provider's URL
   * without scheme ({@code token.actions.githubusercontent.com:sub}, {@code
   * accounts.google.com:oaud}, {@code cognito-identity.amazonaws.com:amr}), as AWS's "Available
   * keys for AWS OIDC federation" describes them: {@code aud} is the token's {@code azp} when it
   * has one, else the audience that matched a client id; {@code oaud} is the token's {@code aud}
   * (all its values); {@code sub}; {@code amr} (multivalued, as Cognito's {@code authenticated} and
   * login provider); {@code email}. Keys without a claim are absent.
   */
  static Map<String, List<String>> conditionKeys(
      String prefix, OidcTokenVerifier.VerifiedToken token) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    Object azp = token.claims().get("azp");
    keys.put(
        prefix + ":aud", List.of(azp instanceof String a && !a.isEmpty() ? a : token.audience()));
    List<String> aud = strings(token.claims().get("aud"));
    if (!aud.isEmpty()) {
      keys.put(prefix + ":oaud", aud);
    }
    keys.put(prefix + ":sub", List.of(token.subject()));
    List<String> amr = strings(token.claims().get("amr"));
    if (!amr.isEmpty()) {
      keys.put(prefix + ":amr", amr);
    }
    if (token.claims().get("email") instanceof String email) {
      keys.put(prefix + ":email", List.of(email));
    }
    return keys;
  }

  /**
   * Session tags from the token's {@code https://aws.amazon.com/tags} claim ({@code
   * principal_tags}: key to a one-value list; {@code transitive_tag_keys}), as AWS reads them.
   */
  private static SessionRequest sessionTags(
      OidcTokenVerifier.VerifiedToken token, SessionRequest s) {
    List<Tag> tags = new ArrayList<>();
    List<String> transitive = new ArrayList<>();
    if (token.claims().get("https://aws.amazon.com/tags") instanceof java.util.Map<?, ?> claim) {
      if (claim.get("principal_tags") instanceof java.util.Map<?, ?> principalTags) {
        principalTags.forEach(
            (k, v) -> {
              List<String> values = strings(v);
              if (k instanceof String key && values.size() == 1) {
                tags.add(new Tag(key, values.get(0)));
              } else {
                throw new AwsServiceException(
                    AwsErrorCode.INVALID_IDENTITY_TOKEN,
                    "A principal tag of the token must have exactly one string value: " + k);
              }
            });
      }
      transitive.addAll(strings(claim.get("transitive_tag_keys")));
    }
    return new SessionRequest(
        s.durationSeconds(), s.policy(), s.policyArns(), tags, transitive, null, null, null);
  }

  private static List<String> strings(Object claim) {
    List<String> out = new ArrayList<>();
    if (claim instanceof String v) {
      out.add(v);
    } else if (claim instanceof List<?> list) {
      list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
    }
    return out;
  }
}
