package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A compiled Principal / NotPrincipal element. {@code "123456789012"} and {@code
 * arn:aws:iam::123456789012:root} both name the account (every principal in it); a role ARN names
 * that role's sessions; session, user and federated-user ARNs name exactly that principal; {@code
 * "*"} everyone. Wildcards inside an ARN never match ("You cannot use a wildcard to match part of a
 * principal name or ARN").
 */
final class PrincipalMatcher {
  private record RolePattern(String account, String arn, String name) {}

  private boolean any;
  private final Set<String> accounts = new HashSet<>();
  private final Set<String> userArns = new HashSet<>();
  private final List<RolePattern> roles = new ArrayList<>();
  private final Set<String> sessionArns = new HashSet<>();
  private final Set<String> uniqueIds = new HashSet<>();
  private final Set<String> services = new HashSet<>();
  private final Set<String> federated = new HashSet<>();
  private final Set<String> canonical = new HashSet<>();

  static PrincipalMatcher compile(PrincipalBlock block) {
    PrincipalMatcher m = new PrincipalMatcher();
    if (block.wildcard()) {
      m.any = true;
      return m;
    }
    for (PrincipalBlock.Entry e : block.entries()) {
      String v = e.value().value();
      switch (e.type()) {
        case "AWS":
          m.addAws(v);
          break;
        case "Service":
          if (v.equals("*")) {
            m.any = true;
          }
          m.services.add(v.toLowerCase(Locale.ROOT));
          break;
        case "Federated":
          m.federated.add(v);
          break;
        case "CanonicalUser":
          m.canonical.add(v);
          break;
        default:
          break;
      }
    }
    return m;
  }

  private void addAws(String v) {
    if (v.equals("*")) {
      any = true;
      return;
    }
    if (v.length() == 12 && v.chars().allMatch(Character::isDigit)) {
      accounts.add(v);
      return;
    }
    if (v.matches("A[A-Z0-9]{3}[A-Z0-9]{8,}")) {
      uniqueIds.add(v);
      return;
    }
    if (v.indexOf('*') >= 0 || v.indexOf('?') >= 0) {
      return; // a partial wildcard never matches
    }
    String[] p = Values.splitArn(v);
    if (p == null || !p[0].equals("arn")) {
      return;
    }
    String account = p[4];
    String resource = p[5];
    if (p[2].equals("iam")) {
      if (resource.equals("root")) {
        accounts.add(account);
      } else if (resource.startsWith("user/")) {
        userArns.add(v);
      } else if (resource.startsWith("role/")) {
        roles.add(new RolePattern(account, v, Principal.lastSegment(resource)));
      }
    } else if (p[2].equals("sts")) {
      if (resource.startsWith("assumed-role/") || resource.startsWith("federated-user/")) {
        sessionArns.add(v);
      }
    }
  }

  PrincipalMatch match(Principal p, RequestContext ctx) {
    if (any) {
      return PrincipalMatch.WILDCARD;
    }
    switch (p.kind()) {
      case SERVICE:
        return services.contains(p.name().toLowerCase(Locale.ROOT)) || federated.contains(p.name())
            ? PrincipalMatch.DIRECT
            : PrincipalMatch.NONE;
      case FEDERATED_PROVIDER:
        return federated.contains(p.arn()) ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
      case ANONYMOUS:
        return canonical.contains(p.arn()) ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
      default:
        break;
    }
    if (directlyListed(p, ctx)) {
      return PrincipalMatch.DIRECT;
    }
    if (p.kind() == Principal.Kind.ASSUMED_ROLE && roleListed(p, ctx)) {
      return PrincipalMatch.ROLE;
    }
    if (p.account() != null && accounts.contains(p.account())) {
      return PrincipalMatch.ACCOUNT;
    }
    return PrincipalMatch.NONE;
  }

  /**
   * For NotPrincipal: true when the principal is excluded, that is, every identity AWS checks for
   * it is listed: the session, its role and the account for a role session; the user and the
   * account for a user; the account for the root user.
   */
  boolean excludes(Principal p, RequestContext ctx) {
    if (any) {
      return true;
    }
    switch (p.kind()) {
      case SERVICE:
      case FEDERATED_PROVIDER:
      case ANONYMOUS:
        return match(p, ctx) == PrincipalMatch.DIRECT;
      case ROOT:
        return accounts.contains(p.account());
      case ASSUMED_ROLE:
        return directlyListed(p, ctx) && roleListed(p, ctx) && accounts.contains(p.account());
      default:
        return directlyListed(p, ctx) && accounts.contains(p.account());
    }
  }

  private boolean directlyListed(Principal p, RequestContext ctx) {
    switch (p.kind()) {
      case USER:
        return userArns.contains(p.arn())
            || uniqueIds.contains(String.valueOf(ctx.singleValue("aws:userid")));
      case ASSUMED_ROLE:
      case FEDERATED_USER:
        return sessionArns.contains(p.arn());
      case ROLE:
        for (RolePattern r : roles) {
          if (r.arn().equals(p.arn())) {
            return true;
          }
        }
        return false;
      default:
        return false;
    }
  }

  private boolean roleListed(Principal p, RequestContext ctx) {
    for (RolePattern r : roles) {
      if (!r.account().equals(p.account())) {
        continue;
      }
      if (p.roleArn() != null ? r.arn().equals(p.roleArn()) : r.name().equals(p.name())) {
        return true;
      }
    }
    if (!uniqueIds.isEmpty()) {
      String userId = ctx.singleValue("aws:userid");
      int colon = userId == null ? -1 : userId.indexOf(':');
      return colon > 0 && uniqueIds.contains(userId.substring(0, colon));
    }
    return false;
  }
}
