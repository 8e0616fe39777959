package dev.rolegate.core.auth;

import java.util.Locale;

/**
 * How IAM names the resource in an AccessDenied message. The policy is evaluated against the ARN,
 * but IAM's message shows an existing user, role, group or instance profile by kind and name ("user
 * bob", "role app", "instance profile ip"), a managed policy as "policy ARN", CreatePolicy's policy
 * by name, and ListPolicies' scope as "policy path /". Creating a user, role, group or instance
 * profile (and service-linked roles, iam:PassRole, the simulator's PolicySourceArn, and the List
 * actions' path prefixes) shows the ARN. These forms are those of AWS's own messages (collected in
 * {@code docs/AUTHORIZATION.md}); STS shows ARNs.
 */
public final class DeniedResource {
  /** The actions whose messages show a user's, role's, group's or instance profile's ARN. */
  private static final java.util.Set<String> SHOWN_AS_ARN =
      java.util.Set.of(
          "createuser",
          "createrole",
          "creategroup",
          "createinstanceprofile",
          "createservicelinkedrole",
          "passrole",
          "simulateprincipalpolicy",
          "getcontextkeysforprincipalpolicy");

  private DeniedResource() {}

  /**
   * The text after "on resource: " for {@code action} (service:Action) on {@code resource} (an ARN
   * or *).
   */
  public static String shown(String action, String resource) {
    String a = action.toLowerCase(Locale.ROOT);
    if (!a.startsWith("iam:") || !resource.startsWith("arn:")) {
      return resource;
    }
    String[] parts = resource.split(":", 6);
    if (parts.length < 6) {
      return resource;
    }
    String rest = parts[5];
    int slash = rest.indexOf('/');
    String type = slash < 0 ? rest : rest.substring(0, slash);
    String name = rest.substring(rest.lastIndexOf('/') + 1);
    String op = a.substring(4);
    if (op.startsWith("list") && (name.isEmpty() || name.equals("*"))) {
      // a List action's path prefix: the ARN, except ListPolicies' own wording
      return op.equals("listpolicies") && type.equals("policy")
          ? "policy path " + rest.substring(slash)
          : resource;
    }
    if (SHOWN_AS_ARN.contains(op)) {
      return resource;
    }
    return switch (type) {
      case "user" -> "user " + name;
      case "role" -> "role " + name;
      case "group" -> "group " + name;
      case "instance-profile" -> "instance profile " + name;
      case "policy" -> op.equals("createpolicy") ? "policy " + name : "policy " + resource;
      default -> resource;
    };
  }
}
