package dev.rolegate.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An IAM SAML 2.0 identity provider.
 *
 * @param name the provider's name ({@code [\w._-]+}, 1 to 128 characters, case-sensitive); the ARN
 *     ends with it
 * @param metadataDocument the IdP's SAML metadata XML as the caller gave it (its signing
 *     certificates verify assertions)
 * @param validUntil the metadata's {@code validUntil}, or null when it has none
 */
public record SamlProvider(
    String accountId,
    String name,
    String metadataDocument,
    Instant validUntil,
    List<Tag> tags,
    Instant createDate) {
  public SamlProvider {
    Objects.requireNonNull(accountId, "accountId is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(metadataDocument, "metadataDocument is null");
    tags = List.copyOf(tags);
    Objects.requireNonNull(createDate, "createDate is null");
  }

  public static String arn(String accountId, String name) {
    return Arns.samlProvider(accountId, name);
  }

  public String arn() {
    return arn(accountId, name);
  }

  public SamlProvider withMetadata(String document, Instant until) {
    return new SamlProvider(accountId, name, document, until, tags, createDate);
  }

  public SamlProvider withTags(List<Tag> newTags) {
    return new SamlProvider(accountId, name, metadataDocument, validUntil, newTags, createDate);
  }
}
