package dev.rolegate.core.iam;

import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.model.Tag;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Tag rules of IAM: at most 50, keys 1-128 and values 0-256 characters of AWS's set. */
public final class Tags {
  private static final Pattern CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private Tags() {}

  /** @param caseInsensitive roles and users refuse keys differing only in case; managed policies do not */
  public static List<Tag> validate(List<Tag> tags, boolean caseInsensitive) {
    if (tags.size() > 50) {
      throw AwsServiceException.validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < tags.size(); i++) {
      Tag t = tags.get(i);
      String at = "tags." + (i + 1) + ".member.";
      Validation.length(at + "key", t.key(), 1, 128);
      Validation.pattern(at + "key", t.key(), Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"));
      Validation.length(at + "value", t.value(), 0, 256);
      Validation.pattern(at + "value", t.value(), CHARS);
      if (!seen.add(caseInsensitive ? t.key().toLowerCase(Locale.ROOT) : t.key())) {
        throw AwsServiceException.invalidInput(
            caseInsensitive ? "Duplicate tag keys found. Please note that Tag keys are case insensitive." : "Duplicate tag keys found.");
      }
    }
    return List.copyOf(tags);
  }
}
