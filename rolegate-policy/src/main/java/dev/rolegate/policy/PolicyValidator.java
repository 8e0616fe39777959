package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a policy kind on top of the grammar: Version, Sid uniqueness, action and resource
 * formats, principals, trust-policy actions, condition values. Each problem AWS rejects carries
 * AWS's MalformedPolicyDocument message; lint findings are warnings.
 */
public final class PolicyValidator {
  private static final Pattern VENDOR = Pattern.compile("[a-zA-Z0-9\\-.]+");
  private static final Pattern SID = Pattern.compile("[A-Za-z0-9]*");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern UNIQUE_ID = Pattern.compile("A[A-Z0-9]{3}[A-Z0-9]{8,}");
  private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9.\\-]+|\\*");
  private static final Pattern CANONICAL_USER = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(/[A-Za-z0-9._\\-/]*)?");

  /**
   * How leniently AWS's legacy parser reads dates (recorded: "01T" and "...+23" pass, "+1" fails).
   */
  private static final Pattern LEGACY_DATE =
      Pattern.compile(
          "\\d{1,9}(-(\\d{1,2})(-(\\d{1,2}))?)?"
              + "([Tt](\\d{1,2}(:\\d{1,2}(:\\d{1,2}(\\.\\d{1,9})?)?)?)?([Zz]|[+-]\\d{2}(:?\\d{2})?)?)?");

  private static final Pattern EPOCH = Pattern.compile("-?\\d{1,19}");
  private static final Set<String> TRUST_ACTIONS =
      Set.of(
          "sts:assumerole",
          "sts:assumerolewithsaml",
          "sts:assumerolewithwebidentity",
          "sts:tagsession",
          "sts:setsourceidentity",
          "sts:setcontext");
  private static final List<String> IAM_PREFIXES =
      List.of(
          "user/",
          "federated-user/",
          "role/",
          "group/",
          "instance-profile/",
          "mfa/",
          "server-certificate/",
          "policy/",
          "sms-mfa/",
          "saml-provider/",
          "oidc-provider/",
          "report/",
          "access-report/");

  /** Keys AWS documents as multivalued: they need ForAllValues / ForAnyValue. */
  private static final Set<String> MULTIVALUED_KEYS =
      Set.of(
          "aws:tagkeys",
          "aws:calledvia",
          "aws:principalorgpaths",
          "aws:principalservicenameslist",
          "aws:resourceorgpaths",
          "aws:sourceorgpaths",
          "sts:transitivetagkeys");

  private final PolicyKind kind;
  private final boolean managed;
  private final List<Finding> findings = new ArrayList<>();

  private PolicyValidator(PolicyKind kind, boolean managed) {
    this.kind = kind;
    this.managed = managed;
  }

  /**
   * @param managed apply CreatePolicy's rules too (Version 2012-10-17 required)
   */
  public static List<Finding> validate(PolicyDocument doc, PolicyKind kind, boolean managed) {
    PolicyValidator v = new PolicyValidator(kind, managed);
    v.document(doc);
    return List.copyOf(v.findings);
  }

  private void error(SourcePosition at, String message, String aws) {
    findings.add(Finding.error(at, message, aws));
  }

  private void warn(SourcePosition at, String message) {
    findings.add(Finding.warning(at, message));
  }

  private void document(PolicyDocument doc) {
    boolean current = doc.variablesEnabled();
    if (!current && managed) {
      error(
          doc.version() == null ? doc.position() : doc.version().position(),
          doc.version() == null
              ? "a managed policy needs \"Version\": \"2012-10-17\""
              : "a managed policy needs \"Version\": \"2012-10-17\", not \""
                  + doc.version().value()
                  + "\"",
          AwsMessages.VERSION_REQUIRED);
    }
    Set<String> sids = new HashSet<>();
    for (Statement s : doc.statements()) {
      statement(s, current, sids);
    }
  }

  private void statement(Statement s, boolean variables, Set<String> sids) {
    String where = "Statement[" + s.index() + "]";
    if (s.sid() != null && !s.sid().value().isEmpty()) {
      if (!sids.add(s.sid().value())) {
        error(
            s.sid().position(),
            where + ": Sid \"" + s.sid().value() + "\" is used by another statement",
            AwsMessages.SID_UNIQUE);
      }
      if (kind != PolicyKind.RESOURCE && !SID.matcher(s.sid().value()).matches()) {
        warn(
            s.sid().position(),
            where
                + ": Sid \""
                + s.sid().value()
                + "\" should contain only A-Z, a-z and 0-9 in IAM policies");
      }
    }
    actions(s, where);
    resources(s, where, variables);
    principal(s, where);
    conditions(s, where, variables);
  }

  private void actions(Statement s, String where) {
    if (s.actions() == null || s.actions().isEmpty()) {
      error(s.position(), where + " has no Action or NotAction", AwsMessages.MISSING_ACTIONS);
      return;
    }
    for (Text a : s.actions()) {
      String v = a.value();
      if (v.equals("*")) {
        if (kind == PolicyKind.TRUST) {
          error(
              a.position(),
              where + ": a trust policy may only allow sts:AssumeRole* actions, not \"*\"",
              AwsMessages.TRUST_ACTIONS);
        }
        continue;
      }
      int colon = v.indexOf(':');
      if (colon < 0) {
        error(
            a.position(),
            where + ": action \"" + v + "\" has no service prefix (write it as service:Action)",
            AwsMessages.ACTION_VENDOR);
        continue;
      }
      if (v.indexOf(':', colon + 1) >= 0) {
        error(
            a.position(),
            where + ": action \"" + v + "\" has more than one colon",
            AwsMessages.ACTION_ONE_COLON);
        continue;
      }
      String vendor = v.substring(0, colon);
      if (!VENDOR.matcher(vendor).matches()) {
        error(
            a.position(),
            where + ": action \"" + v + "\" has an invalid service prefix \"" + vendor + "\"",
            AwsMessages.vendor(vendor));
        continue;
      }
      if (kind == PolicyKind.TRUST && (s.notAction() || !trustAction(v))) {
        error(
            a.position(),
            where
                + ": a trust policy may only use sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity,"
                + " sts:TagSession, sts:SetSourceIdentity and sts:SetContext, not "
                + (s.notAction() ? "NotAction" : "\"" + v + "\""),
            AwsMessages.TRUST_ACTIONS);
      }
    }
  }

  private static boolean trustAction(String action) {
    Glob g = Glob.compile(action.toLowerCase(Locale.ROOT));
    for (String allowed : TRUST_ACTIONS) {
      if (g.matches(allowed)) {
        return true;
      }
    }
    return false;
  }

  private void resources(Statement s, String where, boolean variables) {
    if (kind == PolicyKind.TRUST) {
      if (s.resources() != null) {
        error(
            s.position(),
            where
                + ": a trust policy must not have "
                + (s.notResource() ? "NotResource" : "Resource"),
            AwsMessages.TRUST_RESOURCE);
      }
      return;
    }
    if (s.resources() == null || s.resources().isEmpty()) {
      if (kind != PolicyKind.SCP) {
        error(
            s.position(), where + " has no Resource or NotResource", AwsMessages.MISSING_RESOURCES);
      }
      return;
    }
    for (Text r : s.resources()) {
      resource(r, where);
      if (!variables && r.value().contains("${")) {
        warn(
            r.position(),
            where
                + ": policy variables are not substituted under Version 2008-10-17 (or without a Version): \""
                + r.value()
                + "\" is taken literally");
      }
    }
  }

  private void resource(Text text, String where) {
    String r = text.value();
    SourcePosition at = text.position();
    if (r.equals("*")) {
      return;
    }
    int c1 = r.indexOf(':');
    if (c1 < 0) {
      error(
          at,
          where + ": resource \"" + r + "\" is neither an ARN nor \"*\"",
          AwsMessages.resourceFormat(r));
      return;
    }
    String[] parts = r.substring(c1 + 1).split(":", -1);
    String partition = parts[0];
    if (!validPartition(partition)) {
      String normalised =
          "arn:"
              + partition
              + ":"
              + part(parts, 1)
              + ":"
              + part(parts, 2)
              + ":"
              + part(parts, 3)
              + ":"
              + (parts.length > 4
                  ? String.join(":", java.util.Arrays.copyOfRange(parts, 4, parts.length))
                  : "*");
      error(
          at,
          where + ": resource \"" + r + "\" has an unknown partition \"" + partition + "\"",
          AwsMessages.partition(partition, normalised));
      return;
    }
    if (parts.length < 2) {
      error(at, where + ": resource \"" + r + "\" has no service", AwsMessages.RESOURCE_VENDOR);
      return;
    }
    if (parts.length >= 3 && (parts.length < 5 || parts[1].isEmpty())) {
      error(
          at,
          where
              + ": resource \""
              + r
              + "\" is not a well-formed ARN (arn:partition:service:region:account:resource)",
          AwsMessages.LEGACY_PARSING);
      return;
    }
    String service = parts[1];
    if (parts.length >= 3 && !parts[2].isEmpty()) {
      if (service.equals("iam")) {
        error(
            at,
            where + ": IAM resource \"" + r + "\" must not name a region",
            AwsMessages.iamRegion(r));
        return;
      }
      if (service.equals("s3") && parts.length >= 4 && parts[3].isEmpty()) {
        error(
            at,
            where + ": S3 resource \"" + r + "\" must not name a region",
            AwsMessages.s3Region(r));
        return;
      }
    }
    if (service.equals("iam") && parts.length >= 5) {
      String resource = String.join(":", java.util.Arrays.copyOfRange(parts, 4, parts.length));
      boolean ok = resource.equals("*") || resource.equals("root");
      for (String prefix : IAM_PREFIXES) {
        ok |= resource.startsWith(prefix);
      }
      if (!ok) {
        error(
            at,
            where
                + ": IAM resource \""
                + r
                + "\" has an unknown resource type \""
                + resource
                + "\"",
            AwsMessages.IAM_RESOURCE_PATH);
      }
    }
  }

  private static String article(PolicyKind k) {
    return k == PolicyKind.IDENTITY ? "an" : "a";
  }

  private static String part(String[] parts, int i) {
    return i < parts.length ? parts[i] : "*";
  }

  private static boolean validPartition(String p) {
    return p.equals("aws")
        || p.equals("*")
        || p.equals("aws-cn")
        || p.equals("aws-us-gov")
        || p.startsWith("aws-iso")
        || p.equals("aws-eusc");
  }

  private void principal(Statement s, String where) {
    PrincipalBlock p = s.principal();
    String element = s.notPrincipal() ? "NotPrincipal" : "Principal";
    if (!kind.hasPrincipal()) {
      if (p != null) {
        error(
            p.position(),
            where + ": " + article(kind) + " " + kind.text() + " policy must not have a " + element,
            AwsMessages.NO_PRINCIPAL_ALLOWED);
      }
      return;
    }
    if (p == null) {
      // AWS's wording for this is not recorded: our message only
      error(
          s.position(),
          where + ": " + article(kind) + " " + kind.text() + " policy needs a Principal",
          null);
      return;
    }
    if (s.notPrincipal() && s.effect() == Effect.ALLOW) {
      warn(
          p.position(),
          where
              + ": NotPrincipal with Allow grants the statement to everyone else, anonymous users included");
    }
    for (PrincipalBlock.Entry e : p.entries()) {
      String v = e.value().value();
      boolean ok;
      switch (e.type()) {
        case "AWS":
          ok = awsPrincipal(v);
          break;
        case "Service":
          ok = SERVICE.matcher(v).matches();
          break;
        case "Federated":
          ok = federatedPrincipal(v);
          break;
        default:
          ok = CANONICAL_USER.matcher(v).matches();
          break;
      }
      if (!ok) {
        error(
            e.value().position(),
            where
                + ": \""
                + e.type()
                + "\": \""
                + v
                + "\" is not a valid principal (wildcards cannot match part of a principal)",
            AwsMessages.invalidPrincipal(e.type(), v));
      }
    }
  }

  private static boolean awsPrincipal(String v) {
    if (v.equals("*") || ACCOUNT.matcher(v).matches() || UNIQUE_ID.matcher(v).matches()) {
      return true;
    }
    if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0) {
      return false;
    }
    String[] p = Values.splitArn(v);
    if (p == null
        || !p[0].equals("arn")
        || !validPartition(p[1])
        || !p[3].isEmpty()
        || !ACCOUNT.matcher(p[4]).matches()) {
      return false;
    }
    String resource = p[5];
    if (p[2].equals("iam")) {
      return resource.equals("root")
          || (resource.startsWith("user/") && resource.length() > 5)
          || (resource.startsWith("role/") && resource.length() > 5);
    }
    if (p[2].equals("sts")) {
      if (resource.startsWith("assumed-role/")) {
        return resource.split("/", -1).length == 3 && !resource.endsWith("/");
      }
      return resource.startsWith("federated-user/")
          && resource.length() > "federated-user/".length();
    }
    return false;
  }

  private static boolean federatedPrincipal(String v) {
    String[] p = Values.splitArn(v);
    if (p != null && p[0].equals("arn")) {
      return p[2].equals("iam")
          && ACCOUNT.matcher(p[4]).matches()
          && (p[5].startsWith("saml-provider/") || p[5].startsWith("oidc-provider/"));
    }
    return HOST.matcher(v).matches() && v.indexOf('.') > 0;
  }

  private void conditions(Statement s, String where, boolean variables) {
    for (ConditionClause c : s.conditions()) {
      ConditionOperator op = c.operator();
      String keyLower = c.key().value().toLowerCase(Locale.ROOT);
      String label = where + ".Condition." + c.operatorText().value() + "." + c.key().value();
      boolean multiKey = MULTIVALUED_KEYS.contains(keyLower);
      if (op.qualifier() != ConditionOperator.SetQualifier.NONE
          && !multiKey
          && keyLower.startsWith("aws:")
          && !keyLower.startsWith("aws:requesttag/")) {
        warn(
            c.operatorText().position(),
            label
                + ": "
                + op.qualifier().prefix()
                + " is for multivalued keys; \""
                + c.key().value()
                + "\" has one value, so the condition may allow more than intended");
      }
      if (op.qualifier() == ConditionOperator.SetQualifier.NONE
          && multiKey
          && op.base() != ConditionOperator.Base.NULL) {
        warn(
            c.operatorText().position(),
            label
                + ": \""
                + c.key().value()
                + "\" is multivalued: use ForAllValues: or ForAnyValue:");
      }
      if (op.qualifier() == ConditionOperator.SetQualifier.FOR_ALL_VALUES
          && s.effect() == Effect.ALLOW
          && !op.ifExists()) {
        warn(
            c.operatorText().position(),
            label
                + ": ForAllValues with Allow is also true when the key is missing or empty (add a Null condition)");
      }
      for (Text value : c.values()) {
        conditionValue(op, value, label, variables);
      }
    }
  }

  private void conditionValue(ConditionOperator op, Text value, String label, boolean variables) {
    String v = value.value();
    if (v.contains("${")) {
      if (!variables) {
        warn(
            value.position(),
            label
                + ": policy variables are not substituted under Version 2008-10-17 (or without a Version): \""
                + v
                + "\" is taken literally");
      } else if (!op.allowsVariables()) {
        warn(
            value.position(),
            label
                + ": "
                + op.base().family()
                + " operators do not substitute policy variables: \""
                + v
                + "\" is taken literally");
      }
    }
    switch (op.base().family()) {
      case DATE:
        if (!(EPOCH.matcher(v).matches() && fitsLong(v)) && !legacyDate(v)) {
          error(
              value.position(),
              label
                  + ": \""
                  + v
                  + "\" is not a date (ISO 8601 such as 2024-01-31T12:00:00Z, or epoch seconds)",
              AwsMessages.LEGACY_PARSING);
        }
        break;
      case NUMERIC:
        if (Values.parseNumber(v) == null) {
          warn(
              value.position(),
              label + ": \"" + v + "\" is not a number: the condition never matches it");
        }
        break;
      case IP:
        if (Values.Cidr.parse(v) == null) {
          warn(
              value.position(),
              label
                  + ": \""
                  + v
                  + "\" is not an IPv4 or IPv6 address or CIDR block: the condition never matches it");
        }
        break;
      case BINARY:
        if (Values.parseBase64(v) == null) {
          warn(
              value.position(),
              label + ": \"" + v + "\" is not base64: the condition never matches it");
        }
        break;
      case BOOL:
      case NULL:
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false") && !v.contains("${")) {
          warn(value.position(), label + ": \"" + v + "\" is neither true nor false");
        }
        break;
      default:
        break;
    }
  }

  private static boolean fitsLong(String v) {
    try {
      Long.parseLong(v);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean legacyDate(String v) {
    java.util.regex.Matcher m = LEGACY_DATE.matcher(v);
    if (!m.matches()) {
      return false;
    }
    if (m.group(2) != null) {
      int month = Integer.parseInt(m.group(2));
      if (month < 1 || month > 12) {
        return false;
      }
    }
    if (m.group(4) != null) {
      int day = Integer.parseInt(m.group(4));
      if (day < 1 || day > 31) {
        return false;
      }
    }
    return true;
  }
}
