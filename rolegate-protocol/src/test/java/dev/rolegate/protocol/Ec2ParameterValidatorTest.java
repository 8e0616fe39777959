package dev.rolegate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.protocol.Ec2ParameterValidator.Problem;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EC2's parameter checks. The texts are pinned from recorded AWS answers: MissingParameter "The
 * request must contain the parameter InstanceId" from aws/aws-sdk-java#1131 (aws ec2
 * describe-instances --instance-ids '', sent as InstanceId.1=), and the two-value enum's
 * InvalidParameterValue sentence from hashicorp/terraform-provider-aws#25547 (RunInstances with an
 * empty HttpEndpoint: "A value of '' is not valid for HttpEndpoint. Specify either 'enabled' or
 * 'disabled' and try again.").
 */
class Ec2ParameterValidatorTest {
  private static final Ec2ParameterValidator EC2 = Ec2ParameterValidator.ec2();

  private static final String PROFILE_ARN =
      "arn:aws:iam::123456789012:instance-profile/EC2-S3-Access";

  static Stream<Arguments> cases() {
    return Stream.of(
        // RunInstances: MinCount/MaxCount required, profile by name or ARN, nested tags, metadata
        row(
            "RunInstances",
            form(
                "ImageId",
                "ami-0abcdef1234567890",
                "InstanceType",
                "t3.micro",
                "MinCount",
                "1",
                "MaxCount",
                "1",
                "IamInstanceProfile.Name",
                "EC2-S3-Access",
                "TagSpecification.1.ResourceType",
                "instance",
                "TagSpecification.1.Tag.1.Key",
                "Name",
                "TagSpecification.1.Tag.1.Value",
                "web",
                "TagSpecification.1.Tag.2.Key",
                "team",
                "TagSpecification.1.Tag.2.Value",
                "a",
                "MetadataOptions.HttpTokens",
                "required")),
        row(
            "RunInstances",
            form("MinCount", "1", "MaxCount", "2", "IamInstanceProfile.Arn", PROFILE_ARN)),
        row("RunInstances", form("ImageId", "ami-1"), missing("MaxCount"), missing("MinCount")),
        row(
            "RunInstances",
            form("MinCount", "1", "MaxCount", "1", "MetadataOptions.HttpTokens", "sometimes"),
            new Problem(
                AwsErrorCode.INVALID_PARAMETER_VALUE,
                "MetadataOptions.HttpTokens",
                "A value of 'sometimes' is not valid for HttpTokens. Specify either 'optional' or 'required' and try again.")),
        row(
            "RunInstances",
            form("MinCount", "1", "MaxCount", "1", "MetadataOptions.HttpEndpoint", ""),
            new Problem(
                AwsErrorCode.INVALID_PARAMETER_VALUE,
                "MetadataOptions.HttpEndpoint",
                "A value of '' is not valid for HttpEndpoint. Specify either 'enabled' or 'disabled' and try again.")),
        // a bad tag resource type in a nested list: its wire name with positions
        row(
            "RunInstances",
            form(
                "MinCount",
                "1",
                "MaxCount",
                "1",
                "TagSpecification.1.ResourceType",
                "instance",
                "TagSpecification.2.ResourceType",
                "spaceship"),
            new Problem(
                AwsErrorCode.INVALID_PARAMETER_VALUE, "TagSpecification.2.ResourceType", null)),
        // several problems at once, in the input shape's order
        row(
            "RunInstances",
            form("MinCount", "one", "MetadataOptions.HttpTokens", "no"),
            missing("MaxCount"),
            new Problem(AwsErrorCode.INVALID_PARAMETER_VALUE, "MinCount", null),
            new Problem(
                AwsErrorCode.INVALID_PARAMETER_VALUE,
                "MetadataOptions.HttpTokens",
                "A value of 'no' is not valid for HttpTokens. Specify either 'optional' or 'required' and try again.")),
        // the query protocol's names are not EC2's
        row(
            "RunInstances",
            form("MinCount.member.1", "1"),
            missing("MaxCount"),
            missing("MinCount")),
        // DescribeInstances: flattened instance ids and filters, an empty id is a missing one
        row("DescribeInstances", form()),
        row(
            "DescribeInstances",
            form(
                "InstanceId.1",
                "i-1234567890abcdef0",
                "InstanceId.2",
                "i-0fedcba0987654321",
                "Filter.1.Name",
                "tag:team",
                "Filter.1.Value.1",
                "a",
                "MaxResults",
                "5")),
        row("DescribeInstances", form("InstanceId.1", ""), missing("InstanceId.1")),
        row(
            "DescribeInstances",
            form("MaxResults", "many"),
            new Problem(AwsErrorCode.INVALID_PARAMETER_VALUE, "MaxResults", null)),
        // TerminateInstances: the required list named by its elements' wire name
        row("TerminateInstances", form("InstanceId.1", "i-1234567890abcdef0")),
        row("TerminateInstances", form(), missing("InstanceId")),
        row("TerminateInstances", form("InstanceIds.member.1", "i-1"), missing("InstanceId")),
        // AssociateIamInstanceProfile: the brief's command, and each required part missing
        row(
            "AssociateIamInstanceProfile",
            form("InstanceId", "i-1234567890abcdef0", "IamInstanceProfile.Name", "EC2-S3-Access")),
        row(
            "AssociateIamInstanceProfile",
            form(),
            missing("IamInstanceProfile"),
            missing("InstanceId")),
        row(
            "AssociateIamInstanceProfile",
            form("IamInstanceProfile.Arn", PROFILE_ARN),
            missing("InstanceId")),
        // DescribeIamInstanceProfileAssociations: flattened association ids and filters
        row(
            "DescribeIamInstanceProfileAssociations",
            form(
                "AssociationId.1",
                "iip-assoc-0123456789abcdef0",
                "Filter.1.Name",
                "instance-id",
                "Filter.1.Value.1",
                "i-1234567890abcdef0")),
        // ReplaceIamInstanceProfileAssociation / DisassociateIamInstanceProfile
        row(
            "ReplaceIamInstanceProfileAssociation",
            form(
                "AssociationId",
                "iip-assoc-0123456789abcdef0",
                "IamInstanceProfile.Arn",
                PROFILE_ARN)),
        row(
            "ReplaceIamInstanceProfileAssociation",
            form("IamInstanceProfile.Name", "p"),
            missing("AssociationId")),
        row("DisassociateIamInstanceProfile", form(), missing("AssociationId")),
        // ModifyInstanceMetadataOptions: HttpTokens at the top level here
        row(
            "ModifyInstanceMetadataOptions",
            form("InstanceId", "i-1234567890abcdef0", "HttpTokens", "required")),
        row(
            "ModifyInstanceMetadataOptions",
            form("HttpTokens", "Required"),
            missing("InstanceId"),
            new Problem(
                AwsErrorCode.INVALID_PARAMETER_VALUE,
                "HttpTokens",
                "A value of 'Required' is not valid for HttpTokens. Specify either 'optional' or 'required' and try again.")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void problems(String operation, Map<String, String> form, List<Problem> expected) {
    assertThat(EC2.problems(operation, form)).containsExactlyElementsOf(expected);
  }

  @Test
  void readsEc2ProtocolAndWireNames() {
    ServiceModel model = EC2.model();
    assertThat(model.protocol()).isEqualTo("ec2");
    assertThat(model.apiVersion()).isEqualTo("2016-11-15");
    assertThat(ParameterValidator.of(Service.IAM).model().protocol()).isEqualTo("query");
    var members = model.input("RunInstances").members();
    var profile = members.stream().filter(m -> m.name().equals("IamInstanceProfile")).findFirst();
    // locationName "iamInstanceProfile", capitalised on the wire
    assertThat(profile)
        .get()
        .extracting(ServiceModel.Member::ec2Name)
        .isEqualTo("IamInstanceProfile");
    var tags = members.stream().filter(m -> m.name().equals("TagSpecifications")).findFirst();
    assertThat(tags).get().extracting(ServiceModel.Member::ec2Name).isEqualTo("TagSpecification");
    assertThat(new ServiceModel.Member("X", "S", "a", "Given").ec2Name()).isEqualTo("Given");
    assertThat(new ServiceModel.Member("X", "S", null, null).ec2Name()).isEqualTo("X");
  }

  @Test
  void refusesAQueryProtocolModel() {
    assertThatThrownBy(() -> new Ec2ParameterValidator(ParameterValidator.of(Service.IAM).model()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not ec2");
  }

  /**
   * In a class loader of its own (so this JVM's other tests do not count), validating an IAM
   * request does not read EC2's model; asking for EC2's validator does.
   */
  @Test
  void ec2ModelIsNotReadForAnIamRequest() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    try (Isolated isolated = new Isolated(urls.toArray(URL[]::new))) {
      Class<?> service = isolated.loadClass(Service.class.getName());
      Class<?> validator = isolated.loadClass(ParameterValidator.class.getName());
      Class<?> params = isolated.loadClass(Params.class.getName());
      Object iam = service.getField("IAM").get(null);
      Object v = validator.getMethod("of", service).invoke(null, iam);
      Object form = params.getMethod("of", Map.class).invoke(null, Map.of("RoleName", "app"));
      validator.getMethod("check", String.class, params).invoke(v, "GetRole", form);
      assertThat(isolated.loaded(Service.class.getName())).isTrue();
      assertThat(isolated.loaded(Ec2ParameterValidator.class.getName())).isFalse();
      assertThat(isolated.loaded(Ec2ParameterValidator.class.getName() + "$Model")).isFalse();
      isolated.loadClass(Ec2ParameterValidator.class.getName()).getMethod("ec2").invoke(null);
      assertThat(isolated.loaded(Ec2ParameterValidator.class.getName() + "$Model")).isTrue();
    }
  }

  /** A class loader of the test class path that says which classes it has loaded. */
  private static final class Isolated extends URLClassLoader {
    Isolated(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }
  }

  private static Problem missing(String key) {
    return new Problem(
        AwsErrorCode.MISSING_PARAMETER,
        key,
        "The request must contain the parameter " + key.replaceAll("\\.\\d+$", ""));
  }

  private static Arguments row(String operation, Map<String, String> form, Problem... expected) {
    return Arguments.of(operation, form, List.of(expected));
  }

  private static Map<String, String> form(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }
}
