package dev.rolegate.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.PolicyType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The AccessDenied sentences, as AWS words them. */
class AccessDeniedTest {
  private static final Caller ALICE = AuthFixtures.userCaller("alice");
  private static final String USER = "arn:aws:iam::123456789012:user/alice";

  static Stream<Arguments> decisions() {
    return Stream.of(
        Arguments.of(
            "iam:GetRole",
            "arn:aws:iam::123456789012:role/app",
            new EvaluationResult(
                Decision.IMPLICIT_DENY, PolicyType.IDENTITY_BASED, List.of(), null),
            "User: "
                + USER
                + " is not authorized to perform: iam:GetRole on resource: role app because no identity-based policy allows the iam:GetRole action"),
        Arguments.of(
            "iam:GetUser",
            "arn:aws:iam::123456789012:user/bob",
            new EvaluationResult(
                Decision.EXPLICIT_DENY, PolicyType.IDENTITY_BASED, List.of(), null),
            "User: "
                + USER
                + " is not authorized to perform: iam:GetUser on resource: user bob with an explicit deny in an identity-based policy"),
        Arguments.of(
            "iam:CreateUser",
            "arn:aws:iam::123456789012:user/bob",
            new EvaluationResult(
                Decision.IMPLICIT_DENY, PolicyType.PERMISSIONS_BOUNDARY, List.of(), null),
            "User: "
                + USER
                + " is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/bob because no permissions boundary allows the iam:CreateUser action"),
        Arguments.of(
            "iam:GetPolicy",
            "arn:aws:iam::123456789012:policy/p",
            new EvaluationResult(Decision.EXPLICIT_DENY, PolicyType.SESSION, List.of(), null),
            "User: "
                + USER
                + " is not authorized to perform: iam:GetPolicy on resource: policy arn:aws:iam::123456789012:policy/p with an explicit deny in a session policy"),
        Arguments.of(
            "iam:ListPolicies",
            "arn:aws:iam::123456789012:policy/",
            new EvaluationResult(Decision.IMPLICIT_DENY, PolicyType.SESSION, List.of(), null),
            "User: "
                + USER
                + " is not authorized to perform: iam:ListPolicies on resource: policy path / because no session policy allows the iam:ListPolicies action"),
        Arguments.of(
            "sts:AssumeRole",
            "arn:aws:iam::123456789012:role/app",
            new EvaluationResult(
                Decision.EXPLICIT_DENY, PolicyType.RESOURCE_BASED, List.of(), null),
            "User: "
                + USER
                + " is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/app with an explicit deny in a resource-based policy"));
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("decisions")
  void aDenialNamesTheResourceAsIamDoesAndGivesTheReason(
      String action, String resource, EvaluationResult result, String sentence) {
    AwsServiceException e = AccessDenied.of(ALICE, action, resource, result);
    assertThat(e.code()).isEqualTo(AwsErrorCode.ACCESS_DENIED);
    assertThat(e.getMessage()).isEqualTo(sentence);
  }

  @Test
  void theSentenceWithAndWithoutAReason() {
    assertThat(
            AccessDenied.sentence(
                "arn:aws:iam::123456789012:user/a",
                "s3:GetObject",
                "arn:aws:s3:::b/k",
                "because no identity-based policy allows the s3:GetObject action"))
        .isEqualTo(
            "User: arn:aws:iam::123456789012:user/a is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k"
                + " because no identity-based policy allows the s3:GetObject action");
    assertThat(
            AccessDenied.sentence(
                "arn:aws:iam::123456789012:user/a", "s3:GetObject", "arn:aws:s3:::b/k", ""))
        .isEqualTo(
            "User: arn:aws:iam::123456789012:user/a is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k");
    assertThat(AccessDenied.clause("arn:aws:iam::123456789012:user/a", "s3:GetObject", "*", null))
        .isEqualTo(
            "arn:aws:iam::123456789012:user/a is not authorized to perform: s3:GetObject on resource: *");
  }

  @Test
  void stsDenialsCarryNoReasonAndShowTheRoleArn() {
    AwsServiceException e =
        AccessDenied.withoutReason(ALICE, "sts:TagSession", "arn:aws:iam::123456789012:role/app");
    assertThat(e.code()).isEqualTo(AwsErrorCode.ACCESS_DENIED);
    assertThat(e.getMessage())
        .isEqualTo(
            "User: "
                + USER
                + " is not authorized to perform: sts:TagSession on resource: arn:aws:iam::123456789012:role/app");
  }

  @Test
  void writesToAwsManagedPoliciesHaveNoResourceBasedPolicyAllowingThem() {
    AwsServiceException e =
        AccessDenied.noResourcePolicy(
            AuthFixtures.root(),
            "iam:CreatePolicyVersion",
            "arn:aws:iam::aws:policy/ReadOnlyAccess");
    assertThat(e.code()).isEqualTo(AwsErrorCode.ACCESS_DENIED);
    assertThat(e.getMessage())
        .isEqualTo(
            "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:CreatePolicyVersion on resource:"
                + " arn:aws:iam::aws:policy/ReadOnlyAccess because no resource-based policy allows the iam:CreatePolicyVersion action");
  }

  @Test
  void federatedActionsAreDeniedWithoutAPrincipal() {
    AwsServiceException e = AccessDenied.federated("sts:AssumeRoleWithWebIdentity");
    assertThat(e.code()).isEqualTo(AwsErrorCode.ACCESS_DENIED);
    assertThat(e.getMessage()).isEqualTo("Not authorized to perform sts:AssumeRoleWithWebIdentity");
  }
}
