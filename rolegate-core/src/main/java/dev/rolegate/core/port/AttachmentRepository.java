package dev.rolegate.core.port;

import dev.rolegate.core.model.PrincipalType;
import java.util.List;

/** Managed policies attached to users, groups and roles (by policy ARN). */
public interface AttachmentRepository {
  /** Attaches; attaching twice is not an error. */
  void attach(String accountId, PrincipalType ownerType, String ownerName, String policyArn);

  boolean detach(String accountId, PrincipalType ownerType, String ownerName, String policyArn);

  /** Policy ARNs attached to the owner, in attachment order. */
  List<String> list(String accountId, PrincipalType ownerType, String ownerName);

  /** How many users, groups and roles of the account have the policy attached. */
  int count(String accountId, String policyArn);

  /** A user, group or role a policy is attached to; the name as written when attached. */
  record Owner(PrincipalType type, String name) {}

  /**
   * The users, groups and roles of the account the policy is attached to, ordered by type (GROUP,
   * ROLE, USER) and then by name (case-insensitive, then as written).
   */
  List<Owner> listOwners(String accountId, String policyArn);

  /** Removes every attachment of the owner (when it is deleted). */
  void detachAll(String accountId, PrincipalType ownerType, String ownerName);

  /**
   * Moves every attachment of the owner {@code from} to the owner's new name {@code to}, attachment
   * order kept (renames).
   */
  void renameOwner(String accountId, PrincipalType ownerType, String from, String to);
}
