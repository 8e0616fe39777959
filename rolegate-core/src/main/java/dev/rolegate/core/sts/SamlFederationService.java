package dev.rolegate.core.sts;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.federation.SamlResponseVerifier;
import dev.rolegate.core.federation.SamlResponseVerifier.Assertion;
import dev.rolegate.core.federation.SamlResponseVerifier.IdpMetadata;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.iam.SamlProviderService;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.SamlProvider;
import dev.rolegate.core.model.Tag;
import dev.rolegate.policy.ContextValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AssumeRoleWithSAML: the SAML response is verified against the metadata of the IAM SAML provider
 * named by PrincipalArn (a {@link SamlResponseVerifier}, rolegate-federation's), the assertion's
 * Role attribute must hold the pair (RoleArn, PrincipalArn), then the role's trust policy is
 * evaluated with the provider ARN as the federated principal, {@code sts:AssumeRoleWithSAML} as the
 * action and the {@code saml:*} keys AWS documents. The request is unsigned: there is no caller.
 */
public final class SamlFederationService {
  static final String ACTION = "sts:AssumeRoleWithSAML";
  private static final String PRINCIPAL_TYPE = "SAMLUser";
  static final String ATTRIBUTES = "https://aws.amazon.com/SAML/Attributes/";
  static final String ROLE = ATTRIBUTES + "Role";
  static final String ROLE_SESSION_NAME = ATTRIBUTES + "RoleSessionName";
  static final String PRINCIPAL_TAG = ATTRIBUTES + "PrincipalTag:";
  static final String TRANSITIVE_TAG_KEYS = ATTRIBUTES + "TransitiveTagKeys";
  static final String SOURCE_IDENTITY = ATTRIBUTES + "SourceIdentity";
  private static final String NAMEID_PREFIX = "urn:oasis:names:tc:SAML:2.0:nameid-format:";
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

  /**
   * Assertion attributes that become {@code saml:*} context keys (AWS's "Available keys for
   * SAML-based AWS STS federation"): the key name to the attribute names (OID and friendly URN) it
   * is read from.
   */
  static final Map<String, List<String>> ATTRIBUTE_KEYS =
      Map.ofEntries(
          Map.entry("saml:cn", List.of("urn:oid:2.5.4.3")),
          Map.entry("saml:commonName", List.of("urn:oid:2.5.4.3")),
          Map.entry("saml:edupersonaffiliation", List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.1")),
          Map.entry("saml:edupersonassurance", List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.11")),
          Map.entry("saml:edupersonentitlement", List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.7")),
          Map.entry("saml:edupersonnickname", List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.2")),
          Map.entry("saml:edupersonorgdn", List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.3")),
          Map.entry("saml:edupersonorgunitdn", List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.4")),
          Map.entry(
              "saml:edupersonprimaryaffiliation", List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.5")),
          Map.entry("saml:edupersonprimaryorgunitdn", List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.8")),
          Map.entry("saml:edupersonprincipalname", List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.6")),
          Map.entry("saml:edupersonscopedaffiliation", List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.9")),
          Map.entry("saml:edupersontargetedid", List.of("urn:oid:1.3.6.1.4.1.5923.1.1.1.10")),
          Map.entry("saml:eduorghomepageuri", List.of("urn:oid:1.3.6.1.4.1.5923.1.2.1.2")),
          Map.entry(
              "saml:eduorgidentityauthnpolicyuri", List.of("urn:oid:1.3.6.1.4.1.5923.1.2.1.3")),
          Map.entry("saml:eduorglegalname", List.of("urn:oid:1.3.6.1.4.1.5923.1.2.1.4")),
          Map.entry("saml:eduorgsuperioruri", List.of("urn:oid:1.3.6.1.4.1.5923.1.2.1.5")),
          Map.entry("saml:eduorgwhitepagesuri", List.of("urn:oid:1.3.6.1.4.1.5923.1.2.1.6")),
          Map.entry("saml:givenName", List.of("urn:oid:2.5.4.42")),
          Map.entry("saml:mail", List.of("urn:oid:0.9.2342.19200300.100.1.3")),
          Map.entry("saml:name", List.of("urn:oid:2.5.4.41")),
          Map.entry("saml:organizationStatus", List.of("urn:oid:0.9.2342.19200300.100.1.45")),
          Map.entry(
              "saml:primaryGroupSID",
              List.of("http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid")),
          Map.entry("saml:surname", List.of("urn:oid:2.5.4.4")),
          Map.entry("saml:uid", List.of("urn:oid:0.9.2342.19200300.100.1.1")));

  /** AssumeRoleWithSAML's answer. */
  public record SamlRole(
      StsService.Credentials credentials,
      String assumedRoleId,
      String arn,
      Integer packedPolicySize,
      String subject,
      String subjectType,
      String issuer,
      String audience,
      String nameQualifier,
      String sourceIdentity) {}

  private final IamContext iam;
  private final RoleSessionIssuer issuer;
  private final SamlResponseVerifier verifier;

  public SamlFederationService(
      IamContext iam, dev.rolegate.core.auth.SessionTokens tokens, SamlResponseVerifier verifier) {
    this.iam = iam;
    this.issuer = new RoleSessionIssuer(iam, new CredentialMinter(iam.ids(), tokens));
    this.verifier = verifier;
  }

  private static AwsServiceException invalid(String message) {
    return new AwsServiceException(AwsErrorCode.INVALID_IDENTITY_TOKEN, message);
  }

  public SamlRole assumeRoleWithSaml(
      RequestInfo info,
      String roleArn,
      String principalArn,
      String samlAssertion,
      SessionRequest s) {
    SessionRules.policies(s, 2048);
    Arns.Parsed arn = SessionRules.roleArn(roleArn);
    Arns.Parsed principal = SamlProviderService.parseArn(principalArn);
    if (principal == null) {
      throw AwsServiceException.validation(principalArn + " is invalid");
    }
    String account = arn.account();
    SamlProvider provider =
        principal.account().equals(account)
            ? iam.store()
                .read(
                    r ->
                        r.samlProviders()
                            .find(account, SamlProviderService.nameOf(principal))
                            .orElse(null))
            : null;
    if (provider == null) {
      throw invalid("Specified provider doesn't exist.");
    }
    IdpMetadata metadata;
    try {
      metadata = SamlProviderService.metadata(verifier, provider.metadataDocument());
    } catch (AwsServiceException e) {
      throw invalid(
          "The metadata of " + provider.arn() + " can no longer be read: " + e.getMessage());
    }
    Instant now = iam.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    Assertion a = verifier.verify(samlAssertion, metadata, iam.clock().instant()).orThrow();
    if (a.sessionNotOnOrAfter() != null && !a.sessionNotOnOrAfter().isAfter(now)) {
      throw new AwsServiceException(
          AwsErrorCode.EXPIRED_TOKEN_EXCEPTION,
          "The SAML session has ended (AuthnStatement SessionNotOnOrAfter "
              + a.sessionNotOnOrAfter()
              + ")");
    }

    if (!rolePairs(a).contains(roleArn + "," + provider.arn())) {
      throw RoleSessionIssuer.accessDenied(
          new SessionPrincipal.Federated(provider.arn(), PRINCIPAL_TYPE), ACTION, roleArn);
    }
    List<String> names = a.values(ROLE_SESSION_NAME);
    if (names.isEmpty()) {
      throw invalid("RoleSessionName is required in AuthnResponse");
    }
    String sessionName = names.get(0);
    if (names.size() != 1 || !SESSION_NAME.matcher(sessionName).matches()) {
      throw invalid("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");
    }
    String sourceIdentity = single(a, SOURCE_IDENTITY);
    if (sourceIdentity != null
        && (!SESSION_NAME.matcher(sourceIdentity).matches()
            || sourceIdentity.toLowerCase(Locale.ROOT).startsWith("aws:"))) {
      throw invalid(
          "Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\"");
    }
    SessionRequest tagged = sessionTags(a, s, sourceIdentity);
    SessionRules.tags(tagged, Caller.root(account, null));
    String nameQualifier = nameQualifier(a.issuer(), account, provider.name());
    RoleSessionIssuer.Issued issued =
        issuer.issue(
            info,
            new RoleSessionRequest(
                "AssumeRoleWithSAML",
                ACTION,
                new SessionPrincipal.Federated(provider.arn(), PRINCIPAL_TYPE),
                roleArn,
                sessionName,
                tagged,
                now,
                a.sessionNotOnOrAfter(),
                contextKeys(provider, a, nameQualifier)));
    Caller owner = issued.owner();
    return new SamlRole(
        issued.credentials(),
        owner.userId(),
        owner.arn(),
        issued.packedPolicySize(),
        a.subject(),
        subjectType(a.subjectFormat()),
        a.issuer(),
        a.recipient(),
        nameQualifier,
        sourceIdentity);
  }

  /** The Role attribute's "role,provider" pairs, in either order, normalized to "role,provider". */
  private static List<String> rolePairs(Assertion a) {
    List<String> out = new ArrayList<>();
    for (String v : a.values(ROLE)) {
      String[] p = v.split(",", -1);
      if (p.length != 2) {
        continue;
      }
      String x = p[0].strip();
      String y = p[1].strip();
      out.add(x.contains(":saml-provider/") ? y + "," + x : x + "," + y);
    }
    return out;
  }

  private static String single(Assertion a, String attribute) {
    List<String> v = a.values(attribute);
    if (v.size() > 1) {
      throw invalid("Invalid SAML response: attribute " + attribute + " must have one value");
    }
    return v.isEmpty() ? null : v.get(0);
  }

  /** AWS's NameQualifier: BASE64(SHA1(Issuer + account ID + "/" + provider name)). */
  static String nameQualifier(String issuer, String account, String providerName) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((issuer + account + "/" + providerName).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The NameID format with AWS's {@code urn:oasis:names:tc:SAML:2.0:nameid-format:} prefix removed;
   * other formats as they are.
   */
  static String subjectType(String format) {
    if (format == null) {
      return null;
    }
    return format.startsWith(NAMEID_PREFIX) ? format.substring(NAMEID_PREFIX.length()) : format;
  }

  /** The {@code saml:*} keys of the trust policy evaluation (the issuer adds the shared ones). */
  private static Map<String, ContextValue> contextKeys(
      SamlProvider provider, Assertion a, String nameQualifier) {
    Map<String, ContextValue> b = new LinkedHashMap<>();
    b.put("saml:aud", ContextValue.single(a.recipient()));
    b.put("saml:iss", ContextValue.single(a.issuer()));
    b.put("saml:sub", ContextValue.single(a.subject()));
    b.put("saml:namequalifier", ContextValue.single(nameQualifier));
    b.put("saml:doc", ContextValue.single(provider.accountId() + "/" + provider.name()));
    if (a.subjectFormat() != null) {
      b.put("saml:sub_type", ContextValue.single(subjectType(a.subjectFormat())));
    }
    ATTRIBUTE_KEYS.forEach(
        (key, attributes) -> {
          List<String> values = new ArrayList<>();
          attributes.forEach(n -> values.addAll(a.values(n)));
          if (!values.isEmpty()) {
            b.put(key, ContextValue.multi(values));
          }
        });
    return b;
  }

  /**
   * Session tags from the {@code PrincipalTag:KEY} attributes (one value each) and the {@code
   * TransitiveTagKeys} attribute.
   */
  private static SessionRequest sessionTags(Assertion a, SessionRequest s, String sourceIdentity) {
    List<Tag> tags = new ArrayList<>();
    a.attributes()
        .forEach(
            (name, values) -> {
              if (name.startsWith(PRINCIPAL_TAG)) {
                if (values.size() != 1) {
                  throw invalid(
                      "Invalid SAML response: attribute " + name + " must have one value");
                }
                tags.add(new Tag(name.substring(PRINCIPAL_TAG.length()), values.get(0)));
              }
            });
    return new SessionRequest(
        s.durationSeconds(),
        s.policy(),
        s.policyArns(),
        tags,
        a.values(TRANSITIVE_TAG_KEYS),
        sourceIdentity,
        null,
        null);
  }
}
