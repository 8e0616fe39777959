package dev.rolegate.policy;

import java.util.Objects;

/**
 * Who makes a request, read from its ARN (or service / provider name).
 *
 * @param kind what sort of principal
 * @param arn the principal as given (session ARN for role sessions)
 * @param account the 12-digit account, or null for service, provider and anonymous principals
 * @param name user name, role name, federated user name, service or provider
 * @param roleArn for a role session, the role's ARN with its path when known (from {@code
 *     aws:PrincipalArn}); null otherwise
 */
public record Principal(Kind kind, String arn, String account, String name, String roleArn) {
  public enum Kind {
    ROOT("Account"),
    USER("User"),
    ROLE("Role"),
    ASSUMED_ROLE("AssumedRole"),
    FEDERATED_USER("FederatedUser"),
    SERVICE("Service"),
    FEDERATED_PROVIDER("WebIdentityUser"),
    ANONYMOUS("Anonymous");

    private final String principalType;

    Kind(String principalType) {
      this.principalType = principalType;
    }

    /** The value AWS puts in {@code aws:PrincipalType}. */
    public String principalType() {
      return principalType;
    }

    /** Whether the principal belongs to an account and so can hold identity policies. */
    public boolean inAccount() {
      return this == ROOT
          || this == USER
          || this == ROLE
          || this == ASSUMED_ROLE
          || this == FEDERATED_USER;
    }
  }

  public Principal {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(arn, "arn is null");
  }

  /**
   * Reads a principal: {@code arn:aws:iam::ACCT:root|user/..|role/..}, {@code
   * arn:aws:sts::ACCT:assumed-role/ROLE/SESSION|federated-user/NAME}, an oidc/saml provider ARN, a
   * service principal ({@code ec2.amazonaws.com}), a bare account id (the root user), or {@code *}
   * (anonymous). Unknown forms are anonymous: they match only {@code "*"}.
   *
   * @param principalArn the {@code aws:PrincipalArn} of the request, if any (gives a session's role
   *     path)
   */
  public static Principal parse(String text, String principalArn) {
    if (text == null || text.isEmpty() || text.equals("*") || text.equalsIgnoreCase("anonymous")) {
      return new Principal(Kind.ANONYMOUS, "*", null, "anonymous", null);
    }
    if (text.length() == 12 && text.chars().allMatch(Character::isDigit)) {
      return new Principal(Kind.ROOT, "arn:aws:iam::" + text + ":root", text, text, null);
    }
    String[] parts = Values.splitArn(text);
    if (parts == null || !parts[0].equals("arn")) {
      if (text.indexOf('.') > 0 && text.indexOf(':') < 0 && text.indexOf('/') < 0) {
        return new Principal(Kind.SERVICE, text, null, text, null);
      }
      return new Principal(Kind.ANONYMOUS, text, null, text, null);
    }
    String service = parts[2];
    String account = parts[4];
    String resource = parts[5];
    if (service.equals("iam")) {
      if (resource.equals("root")) {
        return new Principal(Kind.ROOT, text, account, account, null);
      }
      if (resource.startsWith("user/")) {
        return new Principal(Kind.USER, text, account, lastSegment(resource), null);
      }
      if (resource.startsWith("role/")) {
        return new Principal(Kind.ROLE, text, account, lastSegment(resource), text);
      }
      if (resource.startsWith("oidc-provider/") || resource.startsWith("saml-provider/")) {
        return new Principal(Kind.FEDERATED_PROVIDER, text, account, text, null);
      }
    } else if (service.equals("sts")) {
      if (resource.startsWith("assumed-role/")) {
        String[] rs = resource.split("/", 3);
        String roleName = rs.length > 1 ? rs[1] : "";
        String roleArn = null;
        if (principalArn != null) {
          String[] p = Values.splitArn(principalArn);
          if (p != null
              && p[2].equals("iam")
              && p[5].startsWith("role/")
              && lastSegment(p[5]).equals(roleName)
              && p[4].equals(account)) {
            roleArn = principalArn;
          }
        }
        return new Principal(Kind.ASSUMED_ROLE, text, account, roleName, roleArn);
      }
      if (resource.startsWith("federated-user/")) {
        return new Principal(Kind.FEDERATED_USER, text, account, lastSegment(resource), null);
      }
    }
    return new Principal(Kind.ANONYMOUS, text, null, text, null);
  }

  static String lastSegment(String resource) {
    int slash = resource.lastIndexOf('/');
    return slash < 0 ? resource : resource.substring(slash + 1);
  }

  @Override
  public String toString() {
    return arn;
  }
}
