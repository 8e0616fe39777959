package dev.rolegate.federation.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.federation.Verification;
import dev.rolegate.core.model.OidcProvider;
import dev.rolegate.federation.Refused;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signing keys of OIDC issuers: {@code ISSUER/.well-known/openid-configuration} gives {@code
 * jwks_uri}, which gives the JWKS. Cached per issuer for a TTL; {@link #refresh} refetches (at most
 * once per {@code minRefetch} per issuer, so unknown key ids cannot make Rolegate hammer the
 * issuer). HTTPS only, except for loopback issuers (127.0.0.1, localhost, ::1). A provider with
 * thumbprints pins the TLS certificate chains of both fetches to them ({@link OidcHttp#get(URI,
 * List)}); keys are cached per issuer and thumbprint list, so UpdateOpenIDConnectProviderThumbprint
 * takes effect at once. Keys that cannot be had are a failure value with AWS's code and message.
 */
public final class OidcKeys {
  /**
   * AWS's answer when the keys cannot be had from the issuer (a 4xx, a malformed document, no such
   * key).
   */
  public static final String THUMBPRINT_MISMATCH =
      "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint";

  public static final String NO_KEY =
      "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements";

  private record Entry(JWKSet keys, Instant fetchedAt) {}

  private final OidcHttp http;
  private final Clock clock;
  private final Duration ttl;
  private final Duration minRefetch;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  public OidcKeys(OidcHttp http, Clock clock, Duration ttl, Duration minRefetch) {
    this.http = http;
    this.clock = clock;
    this.ttl = ttl;
    this.minRefetch = minRefetch;
  }

  /** Ten minutes' cache, a refetch at most every ten seconds, five-second HTTP timeouts. */
  public static OidcKeys standard(Clock clock) {
    return new OidcKeys(
        OidcHttp.jdk(Duration.ofSeconds(5)), clock, Duration.ofMinutes(10), Duration.ofSeconds(10));
  }

  private static String cacheKey(String issuer, List<String> thumbprints) {
    return issuer
        + " "
        + thumbprints.stream().map(t -> t.toLowerCase(Locale.ROOT)).sorted().toList();
  }

  /** The issuer's keys (fetched under the provider's thumbprints), from the cache while fresh. */
  public Verification<JWKSet> keys(String issuer, List<String> thumbprints) {
    Entry e = cache.get(cacheKey(issuer, thumbprints));
    if (e != null && clock.instant().isBefore(e.fetchedAt().plus(ttl))) {
      return Verification.verified(e.keys());
    }
    return fetch(issuer, thumbprints);
  }

  /**
   * Refetches the issuer's keys (a key id was unknown); null when they were fetched too recently to
   * ask again.
   */
  public Verification<JWKSet> refresh(String issuer, List<String> thumbprints) {
    Entry e = cache.get(cacheKey(issuer, thumbprints));
    if (e != null && clock.instant().isBefore(e.fetchedAt().plus(minRefetch))) {
      return null;
    }
    return fetch(issuer, thumbprints);
  }

  private Verification<JWKSet> fetch(String issuer, List<String> thumbprints) {
    try {
      return Verification.verified(fetchOrRefuse(issuer, thumbprints));
    } catch (Refused r) {
      return r.failure();
    }
  }

  private JWKSet fetchOrRefuse(String issuer, List<String> thumbprints) throws Refused {
    URI discovery =
        uri(
            issuer,
            issuer.endsWith("/")
                ? issuer + ".well-known/openid-configuration"
                : issuer + "/.well-known/openid-configuration");
    String jwksUri;
    try {
      Object value = JSONObjectUtils.parse(body(discovery, thumbprints)).get("jwks_uri");
      if (!(value instanceof String s)) {
        throw noKey();
      }
      jwksUri = s;
    } catch (ParseException e) {
      throw noKey();
    }
    JWKSet keys;
    try {
      keys = JWKSet.parse(body(uri(issuer, jwksUri), thumbprints));
    } catch (ParseException e) {
      throw noKey();
    }
    cache.put(cacheKey(issuer, thumbprints), new Entry(keys, clock.instant()));
    return keys;
  }

  /**
   * An https URI, or an http one on loopback when the issuer itself is a loopback http issuer (a
   * remote issuer cannot send Rolegate to its own host).
   */
  private static URI uri(String issuer, String text) throws Refused {
    try {
      URI u = URI.create(text);
      String scheme = u.getScheme();
      if (u.getHost() == null || scheme == null) {
        throw noKey();
      }
      boolean loopback =
          OidcProvider.isLoopback(u.getRawAuthority())
              && issuer.startsWith("http://")
              && OidcProvider.isLoopback(issuer.substring("http://".length()));
      if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
        throw noKey();
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw noKey();
    }
  }

  private String body(URI uri, List<String> thumbprints) throws Refused {
    OidcHttp.Response r;
    try {
      r = http.get(uri, thumbprints);
    } catch (OidcHttp.UntrustedCertificate e) {
      throw new Refused(AwsErrorCode.INVALID_IDENTITY_TOKEN, THUMBPRINT_MISMATCH);
    } catch (IOException e) {
      throw new Refused(
          AwsErrorCode.IDP_COMMUNICATION_ERROR,
          "Couldn't retrieve verification key from your identity provider: "
              + uri.getHost()
              + " could not be reached");
    }
    if (r.status() >= 500) {
      throw new Refused(
          AwsErrorCode.IDP_COMMUNICATION_ERROR,
          "Couldn't retrieve verification key from your identity provider: "
              + uri.getHost()
              + " answered "
              + r.status());
    }
    if (r.status() != 200) {
      throw noKey();
    }
    return r.body();
  }

  static Refused noKey() {
    return new Refused(AwsErrorCode.INVALID_IDENTITY_TOKEN, NO_KEY);
  }
}
