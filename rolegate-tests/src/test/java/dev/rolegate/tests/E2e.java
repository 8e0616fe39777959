package dev.rolegate.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/** What the SDK end-to-end tests share: policy texts, users with keys, and AWS error assertions. */
final class E2e {
  static final String ACCOUNT = TestServer.ACCOUNT;

  private E2e() {}

  /** A trust policy letting one AWS principal (an ARN or an account id) assume the role. */
  static String trust(String awsPrincipal) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + awsPrincipal
        + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  /** A trust policy for a service principal, as Lambda roles have. */
  static String serviceTrust(String service) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
        + service
        + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  /** An identity policy allowing one action (may be a wildcard) on one resource. */
  static String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}]}";
  }

  static String roleArn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
  }

  static String userArn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":user/" + name;
  }

  /** A new IAM user with one access key, created by the given (root) client. */
  static AwsBasicCredentials userWithKey(IamClient root, String name) {
    root.createUser(b -> b.userName(name));
    AccessKey key = root.createAccessKey(b -> b.userName(name)).accessKey();
    return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
  }

  /**
   * A policy document as IAM returns it: URL-encoded (RFC 3986). The Java SDK v2 hands it over as
   * received; this is the decoding every caller does.
   */
  static String decoded(String document) {
    return document == null ? null : URLDecoder.decode(document, StandardCharsets.UTF_8);
  }

  /** The AWS error the call fails with (any other outcome fails the test). */
  static AwsServiceException awsError(ThrowingCallable call) {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call);
    assertThat(e).as("the call should fail with an AWS error").isNotNull();
    return e;
  }

  /** Asserts the wire code, HTTP status and exact message of an AWS error. */
  static AwsServiceException assertAwsError(
      AwsServiceException e, String code, int status, String message) {
    assertThat(e.awsErrorDetails().errorCode())
        .as("error code of %s", e.getMessage())
        .isEqualTo(code);
    assertThat(e.statusCode()).as("HTTP status of %s", e.getMessage()).isEqualTo(status);
    assertThat(e.awsErrorDetails().errorMessage()).as("message of %s", code).isEqualTo(message);
    assertThat(e.requestId()).as("request id").isNotBlank();
    return e;
  }

  /** Runs the call, expecting the AWS error with this code, status and message. */
  static AwsServiceException expectError(
      ThrowingCallable call, String code, int status, String message) {
    return assertAwsError(awsError(call), code, status, message);
  }
}
