package dev.rolegate.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each ARN builder gives AWS's form, and parsing it gives back its parts. */
class ArnsTest {
  private static final String A = "123456789012";

  /** builder, expected ARN, service, resource type, path, name. */
  static Stream<Arguments> builders() {
    return Stream.of(
        row(
            () -> Arns.role(A, "/", "app"),
            "arn:aws:iam::123456789012:role/app",
            "iam",
            "role",
            "/",
            "app"),
        row(
            () ->
                Arns.role(
                    A,
                    "/aws-service-role/elasticbeanstalk.amazonaws.com/",
                    "AWSServiceRoleForElasticBeanstalk"),
            "arn:aws:iam::123456789012:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk",
            "iam",
            "role",
            "/aws-service-role/elasticbeanstalk.amazonaws.com/",
            "AWSServiceRoleForElasticBeanstalk"),
        row(
            () -> Arns.user(A, "/team/", "alice"),
            "arn:aws:iam::123456789012:user/team/alice",
            "iam",
            "user",
            "/team/",
            "alice"),
        row(
            () -> Arns.group(A, "/", "admins"),
            "arn:aws:iam::123456789012:group/admins",
            "iam",
            "group",
            "/",
            "admins"),
        row(
            () -> Arns.policy(A, "/eng/", "ReadOnly"),
            "arn:aws:iam::123456789012:policy/eng/ReadOnly",
            "iam",
            "policy",
            "/eng/",
            "ReadOnly"),
        row(
            () -> Arns.policy("aws", "/", "ReadOnlyAccess"),
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "iam",
            "policy",
            "/",
            "ReadOnlyAccess"),
        row(
            () -> Arns.instanceProfile(A, "/", "web"),
            "arn:aws:iam::123456789012:instance-profile/web",
            "iam",
            "instance-profile",
            "/",
            "web"),
        row(
            () -> Arns.mfa(A, "/", "alice-phone"),
            "arn:aws:iam::123456789012:mfa/alice-phone",
            "iam",
            "mfa",
            "/",
            "alice-phone"),
        row(
            () -> Arns.oidcProvider(A, "token.actions.githubusercontent.com"),
            "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
            "iam",
            "oidc-provider",
            "/",
            "token.actions.githubusercontent.com"),
        row(
            () -> Arns.samlProvider(A, "Okta"),
            "arn:aws:iam::123456789012:saml-provider/Okta",
            "iam",
            "saml-provider",
            "/",
            "Okta"),
        row(() -> Arns.root(A), "arn:aws:iam::123456789012:root", "iam", "root", "/", "root"),
        row(
            () -> Arns.assumedRole(A, "app", "session-1"),
            "arn:aws:sts::123456789012:assumed-role/app/session-1",
            "sts",
            "assumed-role",
            "/app/",
            "session-1"),
        row(
            () -> Arns.federatedUser(A, "bob"),
            "arn:aws:sts::123456789012:federated-user/bob",
            "sts",
            "federated-user",
            "/",
            "bob"));
  }

  private static Arguments row(
      Supplier<String> built, String arn, String service, String type, String path, String name) {
    return Arguments.of(built.get(), arn, service, type, path, name);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("builders")
  void buildsAwsFormAndParsesBack(
      String built, String arn, String service, String type, String path, String name) {
    assertThat(built).isEqualTo(arn);
    Arns.Parsed p = Arns.parse(built);
    assertThat(p).isNotNull();
    assertThat(p.partition()).isEqualTo("aws");
    assertThat(p.service()).isEqualTo(service);
    assertThat(p.region()).isEmpty();
    assertThat(p.account()).isEqualTo(built.contains("::aws:") ? "aws" : A);
    assertThat(p.resourceType()).isEqualTo(type);
    assertThat(p.path()).isEqualTo(path);
    assertThat(p.name()).isEqualTo(name);
  }

  @Test
  void aNullPathIsTheRootPath() {
    assertThat(Arns.iam(A, "role", null, "app")).isEqualTo(Arns.role(A, "/", "app"));
  }

  @Test
  void aListActionsPathPrefixIsAnArnWithoutName() {
    assertThat(Arns.role(A, "/team/", "")).isEqualTo("arn:aws:iam::123456789012:role/team/");
    assertThat(Arns.user(A, "/", "*")).isEqualTo("arn:aws:iam::123456789012:user/*");
  }

  @Test
  void theModelsArnsAreTheBuilders() {
    java.time.Instant t = java.time.Instant.EPOCH;
    assertThat(
            new Role(
                    A,
                    "AROA1",
                    "app",
                    "/x/",
                    "{}",
                    null,
                    3600,
                    null,
                    java.util.List.of(),
                    t,
                    null,
                    null)
                .arn())
        .isEqualTo(Arns.role(A, "/x/", "app"));
    assertThat(new User(A, "AIDA1", "alice", "/", null, java.util.List.of(), t).arn())
        .isEqualTo(Arns.user(A, "/", "alice"));
    assertThat(new Group(A, "AGPA1", "admins", "/", t).arn())
        .isEqualTo(Arns.group(A, "/", "admins"));
    assertThat(new Account(A, t).rootArn()).isEqualTo(Arns.root(A));
  }

  @Test
  void parseRefusesWhatIsNotAnArn() {
    assertThat(Arns.parse(null)).isNull();
    assertThat(Arns.parse("*")).isNull();
    assertThat(Arns.parse("arn:aws:iam::123456789012")).isNull();
    assertThat(Arns.parse("urn:aws:iam::123456789012:role/app")).isNull();
    assertThat(Arns.parse("arn::iam::123456789012:role/app")).isNull();
    assertThat(Arns.parse("arn:aws:::123456789012:role/app")).isNull();
  }

  @Test
  void theResourceKeepsItsColons() {
    Arns.Parsed p = Arns.parse("arn:aws:s3:::bucket/key:with:colons");
    assertThat(p.service()).isEqualTo("s3");
    assertThat(p.account()).isEmpty();
    assertThat(p.resource()).isEqualTo("bucket/key:with:colons");
    assertThat(p.name()).isEqualTo("key:with:colons");
  }
}
