package dev.rolegate.core.port;

import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PolicyVersion;
import java.util.List;
import java.util.Optional;

/**
 * Customer managed policies and their versions. Names are unique per account without regard to
 * case.
 */
public interface ManagedPolicyRepository {
  /**
   * @throws DuplicateKeyException when the account has a policy of that name (any case)
   */
  void insert(ManagedPolicy policy);

  Optional<ManagedPolicy> findByArn(String arn);

  /** Ordered by name (case-insensitive, then as written). */
  List<ManagedPolicy> list(String accountId, String pathPrefix);

  void update(ManagedPolicy policy);

  /** Deletes the policy and all its versions. */
  boolean delete(String arn);

  void insertVersion(PolicyVersion version);

  Optional<PolicyVersion> findVersion(String policyArn, String versionId);

  /** Ordered by creation, newest first. */
  List<PolicyVersion> listVersions(String policyArn);

  boolean deleteVersion(String policyArn, String versionId);
}
