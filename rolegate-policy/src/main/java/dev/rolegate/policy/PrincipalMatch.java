package dev.rolegate.policy;

/**
 * How a statement's Principal matched the request's principal. The strength matters for
 * resource-based policies in the same account: a policy naming the user or session directly (or
 * everyone) allows on its own; naming the role still needs the permissions boundary and session
 * policies; naming the account needs an identity-based policy too.
 */
public enum PrincipalMatch {
  NONE,
  ACCOUNT,
  ROLE,
  WILDCARD,
  DIRECT;

  public boolean matched() {
    return this != NONE;
  }

  /** Not limited by implicit denies of identity policies, boundaries or session policies. */
  boolean unlimited() {
    return this == WILDCARD || this == DIRECT;
  }

  static PrincipalMatch best(PrincipalMatch a, PrincipalMatch b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
