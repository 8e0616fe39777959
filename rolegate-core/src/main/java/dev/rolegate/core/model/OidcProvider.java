package dev.rolegate.core.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An IAM OpenID Connect identity provider.
 *
 * @param url the issuer URL without its scheme ({@code token.actions.githubusercontent.com}, {@code
 *     host/path}), case-sensitive, as GetOpenIDConnectProvider shows it; the ARN ends with it
 * @param clientIds the audiences (ClientIDList) tokens may carry, in the order added
 * @param thumbprints SHA-1 certificate thumbprints (40 hex characters), in the order given
 */
public record OidcProvider(
    String accountId,
    String url,
    List<String> clientIds,
    List<String> thumbprints,
    List<Tag> tags,
    Instant createDate) {
  public OidcProvider {
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(url, "url is null");
    clientIds = List.copyOf(clientIds);
    thumbprints = List.copyOf(thumbprints);
    tags = List.copyOf(tags);
    Objects.requireNonNull(createDate, "createDate is null");
  }

  /**
   * The URL without its scheme ({@code host[:port][/path]}), or null when it is not an accepted
   * issuer URL ({@code https://}, or {@code http://} for a loopback host): the provider's {@link
   * #url} for an issuer, used by CreateOpenIDConnectProvider and to find the provider of a token's
   * {@code iss}.
   */
  public static String stripScheme(String url) {
    if (url == null) {
      return null;
    }
    String rest;
    if (url.startsWith("https://")) {
      rest = url.substring("https://".length());
    } else if (url.startsWith("http://")) {
      rest = url.substring("http://".length());
      if (!isLoopback(rest)) {
        return null;
      }
    } else {
      return null;
    }
    if (rest.isEmpty()
        || rest.startsWith("/")
        || rest.contains("?")
        || rest.contains("#")
        || rest.contains("@")) {
      return null;
    }
    try {
      URI u = new URI("https://" + rest);
      if (u.getHost() == null) {
        return null;
      }
    } catch (URISyntaxException e) {
      return null;
    }
    return rest;
  }

  /** Whether {@code host[:port][/path]} names a loopback host. */
  public static boolean isLoopback(String hostAndRest) {
    String h = hostAndRest.toLowerCase(Locale.ROOT);
    return h.equals("127.0.0.1")
        || h.startsWith("127.0.0.1:")
        || h.startsWith("127.0.0.1/")
        || h.equals("localhost")
        || h.startsWith("localhost:")
        || h.startsWith("localhost/")
        || h.startsWith("[::1]");
  }

  public static String arn(String accountId, String url) {
    return Arns.oidcProvider(accountId, url);
  }

  public String arn() {
    return arn(accountId, url);
  }

  public OidcProvider withClientIds(List<String> ids) {
    return new OidcProvider(accountId, url, ids, thumbprints, tags, createDate);
  }

  public OidcProvider withThumbprints(List<String> prints) {
    return new OidcProvider(accountId, url, clientIds, prints, tags, createDate);
  }

  public OidcProvider withTags(List<Tag> newTags) {
    return new OidcProvider(accountId, url, clientIds, thumbprints, newTags, createDate);
  }
}
