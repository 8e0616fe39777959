package dev.rolegate.core.iam;

import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.model.Tag;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tag rules of IAM the service model does not express: no two keys alike (without regard to case
 * for roles, users and the other case-insensitive kinds). The model's own rules (at most 50, keys
 * 1-128 and values 0-256 characters of AWS's set) are checked in rolegate-protocol before the call.
 */
public final class Tags {
  private Tags() {}

  /**
   * @param caseInsensitive roles and users refuse keys differing only in case; managed policies do
   *     not
   */
  public static List<Tag> validate(List<Tag> tags, boolean caseInsensitive) {
    Set<String> seen = new HashSet<>();
    for (Tag t : tags) {
      if (!seen.add(caseInsensitive ? t.key().toLowerCase(Locale.ROOT) : t.key())) {
        throw AwsServiceException.invalidInput(
            caseInsensitive
                ? "Duplicate tag keys found. Please note that Tag keys are case insensitive."
                : "Duplicate tag keys found.");
      }
    }
    return List.copyOf(tags);
  }
}
