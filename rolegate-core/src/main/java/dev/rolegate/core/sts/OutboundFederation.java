package dev.rolegate.core.sts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.crypto.SecretBox;
import dev.rolegate.core.federation.WebIdentityTokenSigner;
import dev.rolegate.core.iam.IamContext;
import dev.rolegate.core.iam.Tags;
import dev.rolegate.core.iam.Validation;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.RequestContext;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * IAM outbound identity federation and STS GetWebIdentityToken, as AWS's IAM and STS API references
 * and the user guide's "Understanding token claims" describe them. Each account has its own issuer,
 * {@code BASE/_rolegate/oidc/ACCOUNT} (BASE: Rolegate's public URL), whose discovery document and
 * JWKS are served unauthenticated ({@link #discovery}, {@link #jwks}) while the feature is enabled.
 * The account's two signing keys (RS256: RSA 2048; ES384: P-384) are made on the first enabling and
 * kept, with the enabled flag, in one settings value sealed with the master key; disabling keeps
 * them, so re-enabling keeps the issuer's keys. Keys, JWTs and the issuer's documents are made by
 * the {@link WebIdentityTokenSigner} (rolegate-federation); the keys reach it only as the sealed
 * value's private JWKS.
 */
public final class OutboundFederation {
  /** The namespace of AWS's own claims in the token. */
  public static final String NAMESPACE = "https://sts.amazonaws.com/";

  static final int DEFAULT_DURATION = 300;

  /** A token and when it expires. */
  public record IdentityToken(String token, Instant expiration) {}

  /** The account's configuration: its issuer and whether tokens may be had. */
  public record Info(String issuer, boolean enabled) {}

  /**
   * The settings value, opened: the enabled flag and the private JWKS (JSON text) of the account's
   * keys.
   */
  private record State(boolean enabled, String keys) {}

  private static final JsonFactory JSON = new JsonFactory();

  private final IamContext iam;
  private final SecretBox master;
  private final WebIdentityTokenSigner signer;
  private final Supplier<String> base;

  /**
   * @param base Rolegate's public URL, e.g. {@code https://iam.example.com} (no trailing slash)
   */
  public OutboundFederation(
      IamContext iam, SecretBox master, WebIdentityTokenSigner signer, Supplier<String> base) {
    this.iam = iam;
    this.master = master;
    this.signer = signer;
    this.base = base;
  }

  public String issuer(String accountId) {
    return base.get() + "/_rolegate/oidc/" + accountId;
  }

  private static String setting(String accountId) {
    return "outbound-federation/" + accountId;
  }

  private static byte[] aad(String accountId) {
    return ("rolegate outbound federation v1 " + accountId).getBytes(StandardCharsets.US_ASCII);
  }

  private State load(Repositories r, String accountId) {
    byte[] sealed = r.settings().get(setting(accountId)).orElse(null);
    if (sealed == null) {
      return null;
    }
    byte[] plain = master.open(sealed, aad(accountId));
    if (plain == null) {
      throw new IllegalStateException(
          "the outbound federation keys of account "
              + accountId
              + " do not open with the master key");
    }
    State s = parse(new String(plain, StandardCharsets.UTF_8));
    if (s == null) {
      throw new IllegalStateException(
          "the outbound federation settings of account " + accountId + " are not readable");
    }
    return s;
  }

  /** {@code {"enabled": BOOLEAN, "keys": JWKS}}, or null when it is not that. */
  private static State parse(String text) {
    boolean enabled = false;
    String keys = null;
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("enabled")) {
          enabled = value == JsonToken.VALUE_TRUE;
        } else if (name.equals("keys") && value == JsonToken.START_OBJECT) {
          StringWriter out = new StringWriter();
          try (JsonGenerator g = JSON.createGenerator(out)) {
            g.copyCurrentStructure(p);
          }
          keys = out.toString();
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      return null;
    }
    return keys == null ? null : new State(enabled, keys);
  }

  private void save(Repositories r, String accountId, State s) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeBooleanField("enabled", s.enabled());
      g.writeFieldName("keys");
      g.writeRawValue(s.keys()); // private halves: sealed below, never stored in clear
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the outbound federation settings", e);
    }
    r.settings()
        .put(
            setting(accountId),
            master.seal(out.toString().getBytes(StandardCharsets.UTF_8), aad(accountId)));
  }

  private void require(Repositories r, Caller c, RequestInfo info, String action) {
    iam.authorizer().require(r, c, info, action, "*");
  }

  /**
   * EnableOutboundWebIdentityFederation: the issuer URL; FeatureEnabled 409 when it is on already.
   */
  public String enable(Caller c, RequestInfo info) {
    return iam.store()
        .write(
            r -> {
              require(r, c, info, "iam:EnableOutboundWebIdentityFederation");
              State s = load(r, c.accountId());
              if (s != null && s.enabled()) {
                throw new AwsServiceException(
                    AwsErrorCode.FEATURE_ENABLED,
                    "Outbound identity federation is already enabled for account "
                        + c.accountId()
                        + ".");
              }
              save(r, c.accountId(), new State(true, s != null ? s.keys() : signer.newKeys()));
              return issuer(c.accountId());
            });
  }

  /** DisableOutboundWebIdentityFederation; FeatureDisabled 404 when it is off already. */
  public void disable(Caller c, RequestInfo info) {
    iam.store()
        .write(
            r -> {
              require(r, c, info, "iam:DisableOutboundWebIdentityFederation");
              State s = load(r, c.accountId());
              if (s == null || !s.enabled()) {
                throw new AwsServiceException(
                    AwsErrorCode.FEATURE_DISABLED,
                    "Outbound identity federation is already disabled for account "
                        + c.accountId()
                        + ".");
              }
              save(r, c.accountId(), new State(false, s.keys()));
              return null;
            });
  }

  /**
   * GetOutboundWebIdentityFederationInfo; FeatureDisabled 404 when it was never enabled (there is
   * no issuer yet).
   */
  public Info info(Caller c, RequestInfo info) {
    return iam.store()
        .read(
            r -> {
              require(r, c, info, "iam:GetOutboundWebIdentityFederationInfo");
              State s = load(r, c.accountId());
              if (s == null) {
                throw new AwsServiceException(
                    AwsErrorCode.FEATURE_DISABLED,
                    "Outbound identity federation has never been enabled for account "
                        + c.accountId()
                        + ".");
              }
              return new Info(issuer(c.accountId()), s.enabled());
            });
  }

  /**
   * GetWebIdentityToken: a JWT signed with the account's key for the algorithm; {@code sub} is the
   * caller's aws:PrincipalArn (the role's ARN for a role session), {@code aud} the audiences (a
   * string when there is one), {@code exp} = {@code iat} + DurationSeconds (default 300), and AWS's
   * claims under {@value #NAMESPACE}: {@code aws_account}, {@code source_region}, {@code
   * principal_tags}, {@code request_tags}. Needs sts:GetWebIdentityToken with {@code
   * sts:IdentityTokenAudience}, {@code sts:SigningAlgorithm}, {@code sts:DurationSeconds}; with
   * Tags, also sts:TagGetWebIdentityToken with {@code aws:RequestTag/*} and {@code aws:TagKeys}.
   */
  public IdentityToken token(
      Caller c,
      RequestInfo info,
      List<String> audience,
      String algorithm,
      Integer durationSeconds,
      List<Tag> tags) {
    if (audience.isEmpty()) {
      Validation.required("audience", null);
    }
    if (audience.size() > 10) {
      throw Validation.error(
          "audience", audience.toString(), "have length less than or equal to 10");
    }
    for (String a : audience) {
      Validation.length("audience", a, 1, 1000);
    }
    Validation.required("signingAlgorithm", algorithm);
    if (!algorithm.equals("RS256") && !algorithm.equals("ES384")) {
      throw Validation.error(
          "signingAlgorithm", algorithm, "satisfy enum value set: [RS256, ES384]");
    }
    Validation.range("durationSeconds", durationSeconds, 60, 3600);
    List<Tag> requestTags = Tags.validate(tags, true);
    int duration = durationSeconds == null ? DEFAULT_DURATION : durationSeconds;
    Instant now = iam.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expiration = now.plusSeconds(duration);
    record Signing(String keys, Map<String, String> principalTags) {}
    Signing signing =
        iam.store()
            .read(
                r -> {
                  RequestContext.Builder ctx =
                      iam.authorizer()
                          .context(r, c, info, "sts:GetWebIdentityToken", "*")
                          .putMulti("sts:IdentityTokenAudience", audience)
                          .put("sts:SigningAlgorithm", algorithm)
                          .put("sts:DurationSeconds", Integer.toString(duration));
                  iam.authorizer().requireWith(r, c, info, "sts:GetWebIdentityToken", "*", ctx);
                  if (!requestTags.isEmpty()) {
                    RequestContext.Builder tagCtx =
                        iam.authorizer()
                            .context(r, c, info, "sts:TagGetWebIdentityToken", "*")
                            .putMulti("sts:IdentityTokenAudience", audience);
                    for (Tag t : requestTags) {
                      tagCtx.put("aws:RequestTag/" + t.key(), t.value());
                    }
                    tagCtx.putMulti("aws:TagKeys", requestTags.stream().map(Tag::key).toList());
                    iam.authorizer()
                        .requireWith(r, c, info, "sts:TagGetWebIdentityToken", "*", tagCtx);
                  }
                  State s = load(r, c.accountId());
                  if (s == null || !s.enabled()) {
                    throw new AwsServiceException(
                        AwsErrorCode.OUTBOUND_WEB_IDENTITY_FEDERATION_DISABLED,
                        "Outbound web identity federation is disabled for account "
                            + c.accountId()
                            + ".");
                  }
                  return new Signing(s.keys(), iam.authorizer().principalTags(r, c, info));
                });
    if (c.expiration() != null && expiration.isAfter(c.expiration())) {
      throw new AwsServiceException(
          AwsErrorCode.SESSION_DURATION_ESCALATION,
          "The requested DurationSeconds ("
              + duration
              + ") would make the token outlive the caller's session, which expires at "
              + c.expiration()
              + ".");
    }
    Map<String, Object> aws = new LinkedHashMap<>();
    aws.put("aws_account", c.accountId());
    aws.put("source_region", "us-east-1");
    if (!signing.principalTags().isEmpty()) {
      aws.put("principal_tags", new LinkedHashMap<>(signing.principalTags()));
    }
    if (!requestTags.isEmpty()) {
      Map<String, Object> rt = new LinkedHashMap<>();
      requestTags.forEach(t -> rt.put(t.key(), t.value()));
      aws.put("request_tags", rt);
    }
    WebIdentityTokenSigner.Claims claims =
        new WebIdentityTokenSigner.Claims(
            issuer(c.accountId()),
            c.identityArn(),
            audience,
            now,
            expiration,
            UUID.randomUUID().toString(),
            Map.of(NAMESPACE, aws));
    return new IdentityToken(signer.sign(signing.keys(), algorithm, claims), expiration);
  }

  /** The issuer's OpenID discovery document, or null when the account's issuer is not enabled. */
  public String discovery(String accountId) {
    return enabled(accountId) ? signer.discovery(issuer(accountId)) : null;
  }

  /** The issuer's public keys (a JWKS), or null when the account's issuer is not enabled. */
  public String jwks(String accountId) {
    State s = accountId.matches("\\d{12}") ? iam.store().read(r -> load(r, accountId)) : null;
    return s == null || !s.enabled() ? null : signer.publicKeys(s.keys());
  }

  private boolean enabled(String accountId) {
    if (!accountId.matches("\\d{12}")) {
      return false;
    }
    State s = iam.store().read(r -> load(r, accountId));
    return s != null && s.enabled();
  }
}
