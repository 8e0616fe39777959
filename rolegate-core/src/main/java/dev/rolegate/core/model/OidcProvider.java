package dev.rolegate.core.model;

import java.time.Instant;
import java.util.List;
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
    String accountId, String url, List<String> clientIds, List<String> thumbprints, List<Tag> tags, Instant createDate) {
  public OidcProvider {
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(url, "url is null");
    clientIds = List.copyOf(clientIds);
    thumbprints = List.copyOf(thumbprints);
    tags = List.copyOf(tags);
    Objects.requireNonNull(createDate, "createDate is null");
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
