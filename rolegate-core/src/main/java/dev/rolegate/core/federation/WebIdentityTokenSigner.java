package dev.rolegate.core.federation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The signing side of outbound identity federation (GetWebIdentityToken): an account's signing
 * keys, its issuer's public documents, and the JWTs signed with those keys. Keys travel as a
 * private JWKS (JSON text) that the caller keeps sealed; the signer holds no state.
 */
public interface WebIdentityTokenSigner {
  /**
   * The claims of one token.
   *
   * @param audience one or more audiences ({@code aud} is a string when there is one)
   * @param extra further claims by name (e.g. AWS's namespace claim), their values strings,
   *     numbers, booleans, lists and maps of those
   */
  record Claims(
      String issuer,
      String subject,
      List<String> audience,
      Instant issuedAt,
      Instant expiration,
      String jwtId,
      Map<String, Object> extra) {
    public Claims {
      audience = List.copyOf(audience);
    }
  }

  /**
   * New signing keys for an issuer, one per algorithm it signs with (RS256: RSA 2048, ES384:
   * P-384), private halves included.
   */
  String newKeys();

  /** The public JWKS of those keys, as the issuer serves it ({@code .well-known/jwks.json}). */
  String publicKeys(String privateKeys);

  /** The issuer's OpenID discovery document. */
  String discovery(String issuer);

  /**
   * A JWT with these claims, signed with the key of {@code privateKeys} for the algorithm (RS256 or
   * ES384).
   */
  String sign(String privateKeys, String algorithm, Claims claims);
}
