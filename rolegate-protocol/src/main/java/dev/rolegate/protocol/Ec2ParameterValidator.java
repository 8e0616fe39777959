package dev.rolegate.protocol;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.protocol.ServiceModel.Member;
import dev.rolegate.protocol.ServiceModel.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an EC2 Query request (protocol "ec2", Version 2016-11-15) against its operation's input
 * shape in EC2's service model, as {@link ParameterValidator} does for IAM and STS, with the ec2
 * protocol's wire names ({@link Member#ec2Name()}) and flattened lists ({@code InstanceId.1},
 * {@code TagSpecification.1.Tag.1.Key}, never {@code .member.N}). Problems are EC2's errors, not
 * IAM's ValidationError sentence; the EC2 slice turns the first into its {@code
 * <Response><Errors><Error>} document.
 *
 * <p>Wording comes from recorded AWS answers only:
 *
 * <ul>
 *   <li>a missing required parameter, or a list element sent empty ({@code InstanceId.1=}): {@code
 *       MissingParameter} "The request must contain the parameter InstanceId"
 *       (aws/aws-sdk-java#1131, DescribeInstances with {@code --instance-ids ''});
 *   <li>a value outside a two-value enum: {@code InvalidParameterValue} "A value of 'x' is not
 *       valid for HttpTokens. Specify either 'optional' or 'required' and try again."
 *       (hashicorp/terraform-provider-aws#25547, RunInstances' HttpEndpoint).
 * </ul>
 *
 * Any other broken constraint (not a number, other enums, lengths) is {@code InvalidParameterValue}
 * with no message: no recorded answer gives EC2's wording for it.
 *
 * <p>EC2's model is read on first use only, never on the IAM/STS path.
 */
public final class Ec2ParameterValidator {
  /** One of EC2's answers to bad parameters; {@code message} is null where none is recorded. */
  public record Problem(AwsErrorCode code, String parameter, String message) {}

  /** The model's resource on the class path. */
  static final String MODEL = "/dev/rolegate/protocol/models/ec2-2016-11-15.json.gz";

  /**
   * Two-value enums whose recorded answer names the values in another order than the model
   * (terraform-provider-aws#25547: "Specify either 'enabled' or 'disabled'"); others keep the
   * model's order.
   */
  private static final Map<String, List<String>> SHOWN_ORDER =
      Map.of("InstanceMetadataEndpointState", List.of("enabled", "disabled"));

  private final ServiceModel model;

  public Ec2ParameterValidator(ServiceModel model) {
    if (!model.protocol().equals("ec2")) {
      throw new IllegalArgumentException(
          "the " + model.service() + " model speaks " + model.protocol() + ", not ec2");
    }
    this.model = model;
  }

  private static final class Model {
    static final Ec2ParameterValidator EC2 = new Ec2ParameterValidator(ServiceModel.load(MODEL));
  }

  /** EC2's validator; its model is read once per process, when first asked for. */
  public static Ec2ParameterValidator ec2() {
    return Model.EC2;
  }

  public ServiceModel model() {
    return model;
  }

  /**
   * The problems, in the input shape's order, depth first; empty when the operation is not in the
   * model or takes no input.
   */
  public List<Problem> problems(String operation, Map<String, String> params) {
    Shape input = model.input(operation);
    List<Problem> out = new ArrayList<>();
    if (input != null) {
      structure(params, prefixes(params), input, "", out);
    }
    return out;
  }

  private static Set<String> prefixes(Map<String, String> params) {
    Set<String> out = new HashSet<>();
    for (String name : params.keySet()) {
      for (int i = name.indexOf('.'); i > 0; i = name.indexOf('.', i + 1)) {
        out.add(name.substring(0, i));
      }
    }
    return out;
  }

  private void structure(
      Map<String, String> params,
      Set<String> prefixes,
      Shape shape,
      String key,
      List<Problem> out) {
    for (Member m : shape.members()) {
      String k = key.isEmpty() ? m.ec2Name() : key + "." + m.ec2Name();
      member(params, prefixes, model.shape(m.shape()), k, shape.required().contains(m.name()), out);
    }
  }

  private void member(
      Map<String, String> params,
      Set<String> prefixes,
      Shape s,
      String key,
      boolean required,
      List<Problem> out) {
    switch (s.type()) {
      case STRUCTURE -> {
        if (prefixes.contains(key)) {
          structure(params, prefixes, s, key, out);
        } else if (required) {
          out.add(missing(key));
        }
      }
      case LIST -> list(params, prefixes, s, key, required, out);
      case MAP -> {
        // no map in the EC2 slice's inputs; EC2's model has none in the eight operations
      }
      default -> {
        String raw = params.get(key);
        if (raw == null) {
          if (required) {
            out.add(missing(key));
          }
          return;
        }
        if (ParameterValidator.scalar(s, raw) != null) {
          out.add(invalid(s, key, raw));
        }
      }
    }
  }

  private void list(
      Map<String, String> params,
      Set<String> prefixes,
      Shape s,
      String key,
      boolean required,
      List<Problem> out) {
    Shape element = model.shape(s.member().shape());
    boolean scalars =
        element.type() != ServiceModel.Type.STRUCTURE
            && element.type() != ServiceModel.Type.LIST
            && element.type() != ServiceModel.Type.MAP;
    int count = 0;
    while (scalars
        ? params.containsKey(key + "." + (count + 1))
        : prefixes.contains(key + "." + (count + 1))) {
      count++;
    }
    if (count == 0) {
      if (required) {
        out.add(missing(key));
      }
      return;
    }
    for (int i = 1; i <= count; i++) {
      String k = key + "." + i;
      if (scalars && params.get(k).isEmpty()) {
        out.add(missing(k));
      } else if (element.type() == ServiceModel.Type.STRUCTURE) {
        structure(params, prefixes, element, k, out);
      } else {
        member(params, prefixes, element, k, true, out);
      }
    }
  }

  /** The parameter's name as EC2 says it: the wire name without list positions. */
  private static String named(String key) {
    return key.replaceAll("\\.\\d+(?=\\.|$)", "");
  }

  private static Problem missing(String key) {
    return new Problem(
        AwsErrorCode.MISSING_PARAMETER,
        key,
        "The request must contain the parameter " + named(key));
  }

  private static Problem invalid(Shape s, String key, String value) {
    List<String> values = SHOWN_ORDER.getOrDefault(s.name(), s.enumValues());
    if (values.size() == 2 && !values.contains(value)) {
      String last = key.substring(key.lastIndexOf('.') + 1);
      return new Problem(
          AwsErrorCode.INVALID_PARAMETER_VALUE,
          key,
          "A value of '"
              + value
              + "' is not valid for "
              + last
              + ". Specify either '"
              + values.get(0)
              + "' or '"
              + values.get(1)
              + "' and try again.");
    }
    return new Problem(AwsErrorCode.INVALID_PARAMETER_VALUE, key, null);
  }
}
