package dev.rolegate.core.model;

/** IAM ARNs: building them, and reading account, type and name back out. */
public final class Arns {
  private Arns() {}

  public record Parsed(
      String partition, String service, String region, String account, String resource) {
    /** The last path segment of the resource ({@code role/a/b/Name} gives {@code Name}). */
    public String name() {
      int slash = resource.lastIndexOf('/');
      return slash < 0 ? resource : resource.substring(slash + 1);
    }

    public String resourceType() {
      int slash = resource.indexOf('/');
      return slash < 0 ? resource : resource.substring(0, slash);
    }

    /**
     * The path between the type and the name, with its slashes: {@code role/a/b/Name} gives {@code
     * /a/b/}.
     */
    public String path() {
      int first = resource.indexOf('/');
      int last = resource.lastIndexOf('/');
      return first < 0 ? "/" : resource.substring(first, last + 1);
    }
  }

  /** Parses {@code arn:partition:service:region:account:resource}; null when it is not one. */
  public static Parsed parse(String arn) {
    if (arn == null) {
      return null;
    }
    String[] p = arn.split(":", 6);
    if (p.length < 6 || !p[0].equals("arn") || p[1].isEmpty() || p[2].isEmpty()) {
      return null;
    }
    return new Parsed(p[1], p[2], p[3], p[4], p[5]);
  }

  /** {@code arn:aws:iam::ACCOUNT:TYPE PATH NAME}: an IAM entity ARN (path "/" when null). */
  public static String iam(String accountId, String type, String path, String name) {
    return "arn:aws:iam::" + accountId + ":" + type + (path == null ? "/" : path) + name;
  }

  public static String role(String accountId, String path, String name) {
    return iam(accountId, "role", path, name);
  }

  public static String user(String accountId, String path, String name) {
    return iam(accountId, "user", path, name);
  }

  public static String group(String accountId, String path, String name) {
    return iam(accountId, "group", path, name);
  }

  public static String policy(String accountId, String path, String name) {
    return iam(accountId, "policy", path, name);
  }

  public static String instanceProfile(String accountId, String path, String name) {
    return iam(accountId, "instance-profile", path, name);
  }

  public static String mfa(String accountId, String path, String name) {
    return iam(accountId, "mfa", path, name);
  }

  /** {@code arn:aws:iam::ACCOUNT:oidc-provider/URL} (the URL without its scheme). */
  public static String oidcProvider(String accountId, String url) {
    return "arn:aws:iam::" + accountId + ":oidc-provider/" + url;
  }

  public static String samlProvider(String accountId, String name) {
    return "arn:aws:iam::" + accountId + ":saml-provider/" + name;
  }

  /** The account's root user: {@code arn:aws:iam::ACCOUNT:root}. */
  public static String root(String accountId) {
    return "arn:aws:iam::" + accountId + ":root";
  }

  /** A role session: {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}. */
  public static String assumedRole(String accountId, String roleName, String sessionName) {
    return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
  }

  /** A federated user: {@code arn:aws:sts::ACCOUNT:federated-user/NAME}. */
  public static String federatedUser(String accountId, String name) {
    return "arn:aws:sts::" + accountId + ":federated-user/" + name;
  }
}
