package dev.rolegate.core.policies;

import dev.rolegate.policy.json.JsonTreeReader;
import dev.rolegate.policy.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The AWS managed policies ({@code arn:aws:iam::aws:policy/...}), read-only, as AWS serves them:
 * 1,569 policies from the dataset shipped in this jar. Loaded once.
 */
public final class AwsManagedCatalog {
  /** One AWS managed policy: its default version's document as AWS publishes it. */
  public record AwsPolicy(
      String name,
      String arn,
      String path,
      String policyId,
      String defaultVersionId,
      String document,
      Instant createDate,
      Instant updateDate) {}

  private final Map<String, AwsPolicy> byArn;

  private AwsManagedCatalog(Map<String, AwsPolicy> byArn) {
    this.byArn = Collections.unmodifiableMap(byArn);
  }

  public static AwsManagedCatalog load() {
    String json;
    try (InputStream in =
        new GZIPInputStream(
            AwsManagedCatalog.class.getResourceAsStream(
                "/dev/rolegate/core/aws-managed-policies.json.gz"))) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("the AWS managed policy catalog is missing from the jar", e);
    }
    JsonValue.JObject root =
        (JsonValue.JObject) ((JsonTreeReader.Parsed) JsonTreeReader.read(json)).value();
    Map<String, AwsPolicy> out = new LinkedHashMap<>();
    for (JsonValue.Member m : root.members()) {
      if (!m.key().equals("policies")) {
        continue;
      }
      for (JsonValue p : ((JsonValue.JArray) m.value()).elements()) {
        Map<String, String> f = new LinkedHashMap<>();
        String document = null;
        for (JsonValue.Member field : ((JsonValue.JObject) p).members()) {
          if (field.value() instanceof JsonValue.JString s) {
            f.put(field.key(), s.value());
          } else if (field.key().equals("Document")
              && field.value() instanceof JsonValue.JObject doc) {
            document = json.substring(doc.start(), doc.end());
          }
        }
        String arn = f.get("Arn");
        out.put(
            arn,
            new AwsPolicy(
                f.get("PolicyName"),
                arn,
                f.get("Path"),
                policyId(arn),
                f.get("DefaultVersionId"),
                document,
                instant(f.get("CreateDate")),
                instant(f.get("UpdateDate"))));
      }
    }
    return new AwsManagedCatalog(out);
  }

  /** A stable ANPA id derived from the ARN (AWS's real ids are not in the dataset). */
  private static String policyId(String arn) {
    final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    long h = 1125899906842597L;
    for (int i = 0; i < arn.length(); i++) {
      h = 31 * h + arn.charAt(i);
    }
    StringBuilder b = new StringBuilder("ANPA");
    for (int i = 0; i < 17; i++) {
      b.append(alphabet.charAt((int) ((h >>> (i * 3)) & 31)));
      if (i == 10) {
        h = h * 6364136223846793005L + 1442695040888963407L;
      }
    }
    return b.toString();
  }

  private static Instant instant(String s) {
    return s == null ? Instant.EPOCH : OffsetDateTime.parse(s).toInstant();
  }

  public AwsPolicy find(String arn) {
    return byArn.get(arn);
  }

  public static boolean isAwsManagedArn(String arn) {
    return arn.startsWith("arn:aws:iam::aws:policy/");
  }

  /** Ordered by name; {@code pathPrefix} filters. */
  public List<AwsPolicy> list(String pathPrefix) {
    List<AwsPolicy> out = new ArrayList<>();
    for (AwsPolicy p : byArn.values()) {
      if (p.path().startsWith(pathPrefix)) {
        out.add(p);
      }
    }
    out.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
    return out;
  }

  public int size() {
    return byArn.size();
  }
}
