package dev.rolegate.core.sts;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.iam.Validation;
import dev.rolegate.core.model.Tag;
import dev.rolegate.core.policies.PolicyDocuments;
import dev.rolegate.policy.PolicyKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

/**
 * The rules STS applies to session policies, session tags, transitive tags and source identities,
 * with AWS's errors (docs/aws-reference.md §2.4, §2.8), and the packed-size computation.
 */
final class SessionRules {
  static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  /**
   * The packed limit the percentage is of. AWS does not publish its packing; ours is the deflated
   * size of the policies and tags against this budget, which puts the documented 2,048-character
   * plaintext policy comfortably inside and rejects what is far beyond it.
   */
  static final int PACKED_BUDGET = 2048;

  private SessionRules() {}

  /** Validates the inline and managed session policies. */
  static void policies(SessionRequest s, Integer maxPolicyLength) {
    if (s.policy() != null) {
      PolicyDocuments.require(s.policy(), PolicyKind.SESSION, false);
    }
    if (s.policyArns().size() > 10) {
      throw AwsServiceException.validation(
          "1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10");
    }
    for (int i = 0; i < s.policyArns().size(); i++) {
      String arn = s.policyArns().get(i);
      dev.rolegate.core.model.Arns.Parsed p = dev.rolegate.core.model.Arns.parse(arn);
      if (p == null || !p.service().equals("iam") || !p.resourceType().equals("policy")) {
        throw AwsServiceException.validation(arn + " is invalid");
      }
    }
  }

  /** Validates session tags and transitive keys; returns the tags. */
  static List<Tag> tags(SessionRequest s, Caller caller) {
    List<Tag> tags = s.tags();
    if (tags.size() > 50) {
      throw AwsServiceException.validation(
          "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < tags.size(); i++) {
      Tag t = tags.get(i);
      // tags also come from identity providers (a token's tags claim, SAML PrincipalTag
      // attributes),
      // which the service model's check of the request does not see
      Validation.length("tags." + (i + 1) + ".member.key", t.key(), 1, 128);
      Validation.pattern("tags." + (i + 1) + ".member.key", t.key(), TAG_KEY);
      Validation.length("tags." + (i + 1) + ".member.value", t.value(), 0, 256);
      Validation.pattern("tags." + (i + 1) + ".member.value", t.value(), TAG_VALUE);
      if (!keys.add(t.key().toLowerCase(Locale.ROOT))) {
        throw invalid("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
      }
    }
    if (s.transitiveTagKeys().size() > 50) {
      throw AwsServiceException.validation(
          "1 validation error detected: Value at 'transitiveTagKeys' failed to satisfy constraint: Member must have length less than or equal to 50");
    }
    for (String k : s.transitiveTagKeys()) {
      if (!keys.contains(k.toLowerCase(Locale.ROOT))) {
        throw invalid("The specified transitive tag key must be included in the requested tags.");
      }
    }
    if (caller.session() != null) {
      for (String inherited : caller.session().transitiveTagKeys()) {
        if (keys.contains(inherited.toLowerCase(Locale.ROOT))) {
          throw invalid(
              "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.");
        }
      }
    }
    return tags;
  }

  static AwsServiceException invalid(String message) {
    return new AwsServiceException(AwsErrorCode.INVALID_PARAMETER_VALUE, message);
  }

  static void sourceIdentity(String sourceIdentity) {
    if (sourceIdentity != null && sourceIdentity.toLowerCase(Locale.ROOT).startsWith("aws:")) {
      throw AwsServiceException.validation("SourceIdentity cannot start with the prefix 'aws:'.");
    }
  }

  /** AssumeRole*'s RoleArn: an IAM role ARN of a 12-digit account, else AWS's ValidationError. */
  static dev.rolegate.core.model.Arns.Parsed roleArn(String roleArn) {
    dev.rolegate.core.model.Arns.Parsed arn = dev.rolegate.core.model.Arns.parse(roleArn);
    if (arn == null
        || !arn.service().equals("iam")
        || !arn.resourceType().equals("role")
        || !arn.account().matches("\\d{12}")) {
      throw AwsServiceException.validation(roleArn + " is invalid");
    }
    return arn;
  }

  /** {@link #packedSize}, refused with AWS's PackedPolicyTooLarge beyond 100 %. */
  static Integer requirePackedSize(SessionRequest s, List<Tag> tags) {
    Integer packed = packedSize(s, tags);
    if (packed != null && packed > 100) {
      throw new AwsServiceException(
          AwsErrorCode.PACKED_POLICY_TOO_LARGE,
          "Packed policy consumes " + packed + "% of allotted space, please use smaller policy.");
    }
    return packed;
  }

  /** The percentage of the packed budget the policies and tags use; null when none were passed. */
  static Integer packedSize(SessionRequest s, List<Tag> tags) {
    if (s.policy() == null && s.policyArns().isEmpty() && tags.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    if (s.policy() != null) {
      b.append(minified(s.policy()));
    }
    s.policyArns().forEach(a -> b.append(a).append('\n'));
    tags.forEach(t -> b.append(t.key()).append('=').append(t.value()).append('\n'));
    byte[] in = b.toString().getBytes(StandardCharsets.UTF_8);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(in);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    return Math.max(1, (int) Math.ceil(out.size() * 100.0 / PACKED_BUDGET));
  }

  private static String minified(String json) {
    StringBuilder b = new StringBuilder(json.length());
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"' && (i == 0 || json.charAt(i - 1) != '\\')) {
        inString = !inString;
      }
      if (inString || !Character.isWhitespace(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  static List<String> keys(List<Tag> tags) {
    List<String> out = new ArrayList<>();
    tags.forEach(t -> out.add(t.key()));
    return out;
  }
}
