package dev.rolegate.core.iam;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.core.model.Arns;
import dev.rolegate.core.model.Group;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.policies.PolicyDocuments;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.ContextKeys;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.Evaluator;
import dev.rolegate.policy.Finding;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.PolicyType;
import dev.rolegate.policy.RequestContext;
import dev.rolegate.policy.Simulation;
import dev.rolegate.policy.SourcePosition;
import dev.rolegate.policy.StatementRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IAM's policy simulator: SimulatePrincipalPolicy, SimulateCustomPolicy,
 * GetContextKeysForPrincipalPolicy and GetContextKeysForCustomPolicy (IAM API Reference), on the
 * policy engine. Nothing is changed; every call is authorized like any other IAM read. The request
 * context of a simulated call holds exactly the ContextEntries given: no global key is added, so a
 * condition on a key not given is reported in MissingContextValues.
 */
public final class SimulationService {
  /** ResourceHandlingOption scenarios and the EC2 resource types each needs (API Reference). */
  private static final Map<String, List<String>> SCENARIOS =
      Map.of(
          "EC2-VPC-InstanceStore",
              List.of("instance", "image", "security-group", "network-interface"),
          "EC2-VPC-InstanceStore-Subnet",
              List.of("instance", "image", "security-group", "network-interface", "subnet"),
          "EC2-VPC-EBS",
              List.of("instance", "image", "security-group", "network-interface", "volume"),
          "EC2-VPC-EBS-Subnet",
              List.of(
                  "instance", "image", "security-group", "network-interface", "subnet", "volume"));

  /** EvalDecisionDetails keys, as AWS's examples name the policy types. */
  private static final Map<PolicyType, String> DETAIL_KEYS =
      Map.of(
          PolicyType.IDENTITY_BASED, "IAM Policy",
          PolicyType.RESOURCE_BASED, "Resource Policy",
          PolicyType.PERMISSIONS_BOUNDARY, "Permissions Boundary Policy");

  private final IamContext iam;

  public SimulationService(IamContext iam) {
    this.iam = iam;
  }

  /** One ContextEntries member. */
  public record ContextEntry(String name, List<String> values, String type) {
    public ContextEntry {
      values = List.copyOf(values);
    }
  }

  /** The parameters SimulatePrincipalPolicy and SimulateCustomPolicy share. */
  public record Request(
      List<String> policyInputs,
      List<String> boundaryInputs,
      List<String> actionNames,
      List<String> resourceArns,
      String resourcePolicy,
      String resourceOwner,
      String callerArn,
      List<ContextEntry> contextEntries,
      String resourceHandlingOption,
      String marker,
      Integer maxItems) {
    public Request {
      policyInputs = List.copyOf(policyInputs);
      boundaryInputs = List.copyOf(boundaryInputs);
      actionNames = List.copyOf(actionNames);
      resourceArns = List.copyOf(resourceArns);
      contextEntries = List.copyOf(contextEntries);
    }
  }

  /** A MatchedStatements member; positions as AWS reports them (see {@link #matched}). */
  public record MatchedStatement(
      String sourcePolicyId, String sourcePolicyType, SourcePosition start, SourcePosition end) {}

  /**
   * The outcome for one resource.
   *
   * @param decisionDetails null: the element is left out (resource {@code *}, same account); empty:
   *     present but empty (same account, a resource ARN); else each policy type's decision
   * @param allowedByBoundary null when no permissions boundary was simulated
   */
  public record ResourceOutcome(
      String resource,
      String decision,
      List<MatchedStatement> matched,
      List<String> missingContextValues,
      Map<String, String> decisionDetails,
      Boolean allowedByBoundary) {}

  /**
   * One EvaluationResults member: an action on a resource; {@code resourceSpecific} empty for
   * {@code *}.
   */
  public record EvaluationResult(
      String action, ResourceOutcome outcome, List<ResourceOutcome> resourceSpecific) {}

  /** One source of policies in a simulation: SourcePolicyId and SourcePolicyType. */
  private record Source(String id, String type) {}

  /** The policies of a simulation, each compiled under its SourcePolicyId with its source. */
  private static final class Sources {
    final List<CompiledPolicy> identity = new ArrayList<>();
    final Map<String, Source> byName = new LinkedHashMap<>();
    final List<Policies.Checked> checked = new ArrayList<>();
    final Map<String, CompiledPolicy> trust =
        new LinkedHashMap<>(); // roles' trust policies, by source id
    CompiledPolicy boundary;

    CompiledPolicy add(String id, String type, String text, PolicyKind kind, boolean required) {
      Policies.Checked c = Policies.check(text, kind);
      if (c.hasErrors()) {
        if (required) {
          throw malformed(id, c);
        }
        // stored before a stricter validator: AWS's PolicyEvaluation error names the policy
        throw new AwsServiceException(
            AwsErrorCode.POLICY_EVALUATION,
            "The policy " + id + " could not be evaluated: " + c.errors().get(0).format());
      }
      checked.add(c);
      CompiledPolicy p = c.compile(id);
      byName.put(id, new Source(id, type));
      return p;
    }
  }

  // ---- the four actions ----

  public dev.rolegate.core.iam.Page<EvaluationResult> simulatePrincipalPolicy(
      Caller c, RequestInfo info, String policySourceArn, Request req) {
    validate(req);
    return iam.store()
        .read(
            r -> {
              iam.authorizer().require(r, c, info, "iam:SimulatePrincipalPolicy", policySourceArn);
              Sources sources = new Sources();
              addInputs(sources, req);
              Entity entity = entity(r, c, policySourceArn);
              addEntity(r, sources, entity, req.boundaryInputs().isEmpty());
              String caller =
                  req.callerArn() != null
                      ? callerArn(req.callerArn(), false)
                      : simulatedPrincipal(entity.arn());
              if (req.resourcePolicy() != null
                  && req.callerArn() == null
                  && entity.type() != PrincipalType.USER) {
                // API Reference: resource-based policies are simulated for IAM users; CallerArn
                // names one
                throw AwsServiceException.invalidInput(
                    "CallerArn is required when a ResourcePolicy is simulated for a "
                        + entity.type().name().toLowerCase(java.util.Locale.ROOT)
                        + ".");
              }
              return simulate(r, sources, req, caller);
            });
  }

  public dev.rolegate.core.iam.Page<EvaluationResult> simulateCustomPolicy(
      Caller c, RequestInfo info, Request req) {
    if (req.policyInputs().isEmpty()) {
      Validation.required("policyInputList", null);
    }
    validate(req);
    return iam.store()
        .read(
            r -> {
              iam.authorizer().require(r, c, info, "iam:SimulateCustomPolicy", "*");
              Sources sources = new Sources();
              addInputs(sources, req);
              if (req.resourcePolicy() != null && req.callerArn() == null) {
                throw AwsServiceException.invalidInput(
                    "CallerArn is required when a ResourcePolicy is simulated.");
              }
              String caller =
                  req.callerArn() != null
                      ? callerArn(req.callerArn(), true)
                      : c.kind() == Caller.Kind.ROOT ? placeholderUser(c.accountId()) : c.arn();
              return simulate(r, sources, req, caller);
            });
  }

  public List<String> getContextKeysForPrincipalPolicy(
      Caller c, RequestInfo info, String policySourceArn, List<String> policyInputs) {
    return iam.store()
        .read(
            r -> {
              iam.authorizer()
                  .require(r, c, info, "iam:GetContextKeysForPrincipalPolicy", policySourceArn);
              Sources sources = new Sources();
              addList(sources, "PolicyInputList", policyInputs, PolicyKind.IDENTITY);
              addEntity(r, sources, entity(r, c, policySourceArn), true);
              return contextKeys(sources);
            });
  }

  public List<String> getContextKeysForCustomPolicy(
      Caller c, RequestInfo info, List<String> policyInputs) {
    if (policyInputs.isEmpty()) {
      Validation.required("policyInputList", null);
    }
    return iam.store()
        .read(
            r -> {
              iam.authorizer().require(r, c, info, "iam:GetContextKeysForCustomPolicy", "*");
              Sources sources = new Sources();
              addList(sources, "PolicyInputList", policyInputs, PolicyKind.IDENTITY);
              return contextKeys(sources);
            });
  }

  // ---- parameters ----

  /**
   * What the model's constraints (checked before the call, in rolegate-protocol) leave open: an
   * empty ActionNames list (present, so not null), then the values IAM checks itself
   * (InvalidInput).
   */
  private static void validate(Request req) {
    if (req.actionNames().isEmpty()) {
      Validation.required("actionNames", null);
    }
    if (req.boundaryInputs().size() > 1) {
      throw AwsServiceException.invalidInput(
          "PermissionsBoundaryPolicyInputList has "
              + req.boundaryInputs().size()
              + " policies: a simulation takes at most one permissions boundary.");
    }
    for (String action : req.actionNames()) {
      int colon = action.indexOf(':');
      if (colon <= 0 || colon == action.length() - 1 || action.indexOf(':', colon + 1) >= 0) {
        throw AwsServiceException.invalidInput(
            "Action name '"
                + action
                + "' is not valid: use service:action, for example iam:CreateUser.");
      }
      if (action.indexOf('*') >= 0 || action.indexOf('?') >= 0) {
        throw AwsServiceException.invalidInput(
            "Action name '"
                + action
                + "' is not valid: the simulator does not accept wildcards in action names.");
      }
    }
    for (String resource : req.resourceArns()) {
      if (!resource.equals("*") && Arns.parse(resource) == null) {
        throw AwsServiceException.invalidInput(
            "Resource '"
                + resource
                + "' is not valid: use an ARN (arn:partition:service:region:account:resource) or *.");
      }
    }
    if (req.resourceOwner() != null) {
      resourceOwnerAccount(req.resourceOwner());
    }
    for (int i = 0; i < req.contextEntries().size(); i++) {
      contextEntry(i + 1, req.contextEntries().get(i));
    }
    scenario(req);
  }

  private static void contextEntry(int n, ContextEntry e) {
    String where = "ContextEntries." + n;
    if (e.name() == null) {
      throw AwsServiceException.invalidInput(where + " has no ContextKeyName.");
    }
    if (e.type() == null) {
      throw AwsServiceException.invalidInput(where + " (" + e.name() + ") has no ContextKeyType.");
    }
    boolean list = e.type().endsWith("List");
    String base = list ? e.type().substring(0, e.type().length() - 4) : e.type();
    if (!list && e.values().size() != 1) {
      throw AwsServiceException.invalidInput(
          where
              + " ("
              + e.name()
              + ") is of type "
              + e.type()
              + " and takes exactly one value, not "
              + e.values().size()
              + "; use "
              + e.type()
              + "List for several.");
    }
    for (int i = 0; i < e.values().size(); i++) {
      String v = e.values().get(i);
      if (!ContextKeys.isValid(base, v)) {
        throw AwsServiceException.invalidInput(
            where
                + " ("
                + e.name()
                + ") ContextKeyValues."
                + (i + 1)
                + " '"
                + v
                + "' is not a valid "
                + base
                + " value.");
      }
    }
  }

  /**
   * ResourceHandlingOption: one of AWS's scenarios, with every resource type it needs among
   * ResourceArns.
   */
  private static void scenario(Request req) {
    String option = req.resourceHandlingOption();
    if (option == null) {
      return;
    }
    List<String> needed = SCENARIOS.get(option);
    if (needed == null) {
      throw AwsServiceException.invalidInput(
          "ResourceHandlingOption '"
              + option
              + "' is not valid: use EC2-VPC-InstanceStore, EC2-VPC-InstanceStore-Subnet, EC2-VPC-EBS or EC2-VPC-EBS-Subnet.");
    }
    for (String type : needed) {
      boolean present =
          req.resourceArns().stream()
              .map(Arns::parse)
              .anyMatch(
                  p -> p != null && p.service().equals("ec2") && p.resourceType().equals(type));
      if (!present) {
        throw AwsServiceException.invalidInput(
            "ResourceHandlingOption "
                + option
                + " needs a "
                + type
                + " resource (arn:aws:ec2:region:account:"
                + type
                + "/id) in ResourceArns.");
      }
    }
  }

  /**
   * ResourceOwner: an account id, or an ARN with an account ({@code
   * arn:aws:iam::123456789012:root}).
   */
  private static String resourceOwnerAccount(String owner) {
    if (owner.matches("\\d{12}")) {
      return owner;
    }
    Arns.Parsed p = Arns.parse(owner);
    if (p == null || !p.account().matches("\\d{12}")) {
      throw AwsServiceException.invalidInput(
          "ResourceOwner '"
              + owner
              + "' is not valid: use an account id or an ARN such as arn:aws:iam::123456789012:root.");
    }
    return p.account();
  }

  /**
   * CallerArn: an IAM user (SimulateCustomPolicy), or a user, group or role
   * (SimulatePrincipalPolicy).
   */
  private static String callerArn(String arn, boolean userOnly) {
    Arns.Parsed p = Arns.parse(arn);
    String type =
        p == null || !p.service().equals("iam") || !p.account().matches("\\d{12}")
            ? ""
            : p.resourceType();
    boolean ok =
        userOnly
            ? type.equals("user")
            : type.equals("user") || type.equals("group") || type.equals("role");
    if (!ok) {
      throw AwsServiceException.invalidInput(
          "CallerArn '"
              + arn
              + "' is not valid: use the ARN of an IAM user"
              + (userOnly ? "" : ", group or role")
              + " (not an assumed role, a federated user or a service).");
    }
    return simulatedPrincipal(arn);
  }

  /** A group is not a principal: its members are simulated as an IAM user of its account. */
  private static String simulatedPrincipal(String arn) {
    Arns.Parsed p = Arns.parse(arn);
    return p.resourceType().equals("group") ? placeholderUser(p.account()) : arn;
  }

  /**
   * The simulated caller where there is no user to name (a group; SimulateCustomPolicy by the root
   * user).
   */
  private static String placeholderUser(String account) {
    return Arns.user(account, "/", "PolicySimulatorCaller");
  }

  // ---- policies ----

  private record Entity(PrincipalType type, String name, String arn, String boundaryArn) {}

  private static Entity entity(Repositories r, Caller c, String arn) {
    Arns.Parsed p = Arns.parse(arn);
    String type = p == null || !p.service().equals("iam") ? "" : p.resourceType();
    if (!Set.of("user", "group", "role").contains(type) || p.name().isEmpty()) {
      throw AwsServiceException.invalidInput(
          "PolicySourceArn '"
              + arn
              + "' is not valid: use the ARN of an IAM user, group or role (not an assumed role, a federated user or a service).");
    }
    boolean mine = p.account().equals(c.accountId());
    switch (type) {
      case "user" -> {
        Optional<User> u = mine ? r.users().findByName(c.accountId(), p.name()) : Optional.empty();
        User user = u.orElseThrow(() -> UserService.noSuchUser(p.name()));
        return new Entity(
            PrincipalType.USER, user.name(), user.arn(), user.permissionsBoundaryArn());
      }
      case "role" -> {
        Optional<Role> o = mine ? r.roles().findByName(c.accountId(), p.name()) : Optional.empty();
        Role role = o.orElseThrow(() -> RoleService.noSuchRole(p.name()));
        return new Entity(
            PrincipalType.ROLE, role.name(), role.arn(), role.permissionsBoundaryArn());
      }
      default -> {
        Optional<Group> o =
            mine ? r.groups().findByName(c.accountId(), p.name()) : Optional.empty();
        Group group = o.orElseThrow(() -> GroupService.noSuchGroup(p.name()));
        return new Entity(PrincipalType.GROUP, group.name(), group.arn(), null);
      }
    }
  }

  /**
   * PolicyInputList.N (identity) and PermissionsBoundaryPolicyInputList.1, named as AWS names them.
   */
  private static void addInputs(Sources sources, Request req) {
    addList(sources, "PolicyInputList", req.policyInputs(), PolicyKind.IDENTITY);
    if (!req.boundaryInputs().isEmpty()) {
      sources.boundary =
          sources.add(
              "PermissionsBoundaryPolicyInputList.1",
              "none",
              req.boundaryInputs().get(0),
              PolicyKind.PERMISSIONS_BOUNDARY,
              true);
    }
  }

  private static void addList(Sources sources, String name, List<String> texts, PolicyKind kind) {
    for (int i = 0; i < texts.size(); i++) {
      sources.identity.add(sources.add(name + "." + (i + 1), "none", texts.get(i), kind, true));
    }
  }

  /**
   * The entity's inline and attached policies (a user's groups' too) and, unless the request brings
   * its own, its permissions boundary. Inline policies are named {@code type_owner_policy} (AWS's
   * example shows {@code user_admin_AdminUser}); managed policies by their name.
   */
  private void addEntity(Repositories r, Sources sources, Entity e, boolean withBoundary) {
    String account = Arns.parse(e.arn()).account();
    addOwned(r, sources, account, e.type(), e.name());
    if (e.type() == PrincipalType.USER) {
      for (Group g : r.groups().listGroupsForUser(account, e.name())) {
        addOwned(r, sources, account, PrincipalType.GROUP, g.name());
      }
    }
    if (withBoundary && e.boundaryArn() != null) {
      String text = managedDocument(r, e.boundaryArn());
      if (text != null) {
        sources.boundary =
            sources.add(
                policyName(e.boundaryArn()),
                managedType(e.boundaryArn()),
                text,
                PolicyKind.PERMISSIONS_BOUNDARY,
                false);
      }
    }
  }

  private void addOwned(
      Repositories r, Sources sources, String account, PrincipalType type, String owner) {
    String t = type.name().toLowerCase(java.util.Locale.ROOT);
    for (InlinePolicy p : r.inlinePolicies().list(account, type, owner)) {
      sources.identity.add(
          sources.add(
              t + "_" + owner + "_" + p.name(), t, p.document(), PolicyKind.IDENTITY, false));
    }
    for (String arn : r.attachments().list(account, type, owner)) {
      String text = managedDocument(r, arn);
      if (text != null) {
        sources.identity.add(
            sources.add(policyName(arn), managedType(arn), text, PolicyKind.IDENTITY, false));
      }
    }
  }

  private String managedDocument(Repositories r, String arn) {
    if (AwsManagedCatalog.isAwsManagedArn(arn)) {
      AwsManagedCatalog.AwsPolicy p = iam.catalog().find(arn);
      return p == null ? null : p.document();
    }
    Optional<ManagedPolicy> policy = r.managedPolicies().findByArn(arn);
    return policy
        .flatMap(p -> r.managedPolicies().findVersion(arn, p.defaultVersionId()))
        .map(v -> v.document())
        .orElse(null);
  }

  private static String managedType(String arn) {
    return AwsManagedCatalog.isAwsManagedArn(arn) ? "aws-managed" : "user-managed";
  }

  private static String policyName(String arn) {
    return Arns.parse(arn).name();
  }

  /** MalformedPolicyDocument: AWS's message, then which input and where (our positions). */
  private static AwsServiceException malformed(String id, Policies.Checked c) {
    List<Finding> errors = c.errors();
    String aws = PolicyDocuments.message(errors);
    Finding first =
        errors.stream()
            .filter(f -> aws.equals(f.awsMessage() != null ? f.awsMessage() : f.message()))
            .findFirst()
            .orElse(errors.get(0));
    return new AwsServiceException(
        AwsErrorCode.MALFORMED_POLICY_DOCUMENT,
        aws
            + " ("
            + id
            + ", line "
            + first.position().line()
            + ", column "
            + first.position().column()
            + ": "
            + first.message()
            + ")");
  }

  private static List<String> contextKeys(Sources sources) {
    List<String> out = new ArrayList<>();
    for (Policies.Checked c : sources.checked) {
      out.addAll(ContextKeys.of(c.document()));
    }
    return out;
  }

  // ---- simulation ----

  /**
   * A role hosted here named by an sts:AssumeRole* simulation without a ResourcePolicy: its trust
   * policy is simulated as the resource policy, in the role's account (AWS's simulator ignores
   * trust policies; Rolegate does not). Null for anything else.
   */
  private static dev.rolegate.core.model.Role simulatedRole(
      Repositories r, Request req, String action, String resource) {
    if (req.resourcePolicy() != null || !Evaluator.resourcePolicyIsTrustPolicy(action)) {
      return null;
    }
    Arns.Parsed arn = Arns.parse(resource);
    if (arn == null
        || !arn.service().equals("iam")
        || !"role".equals(arn.resourceType())
        || !arn.account().matches("\\d{12}")) {
      return null;
    }
    return r.roles()
        .findByName(arn.account(), arn.name())
        .filter(x -> x.arn().equals(resource))
        .orElse(null);
  }

  private static dev.rolegate.core.iam.Page<EvaluationResult> simulate(
      Repositories r, Sources sources, Request req, String caller) {
    CompiledPolicy resourcePolicy = null;
    if (req.resourcePolicy() != null) {
      boolean trust = req.actionNames().stream().allMatch(Evaluator::resourcePolicyIsTrustPolicy);
      resourcePolicy =
          sources.add(
              "ResourcePolicy",
              "resource",
              req.resourcePolicy(),
              trust ? PolicyKind.TRUST : PolicyKind.RESOURCE,
              true);
    }
    PolicySet set =
        new PolicySet(sources.identity, resourcePolicy, sources.boundary, List.of(), List.of());
    String owner = req.resourceOwner() == null ? null : resourceOwnerAccount(req.resourceOwner());
    List<String> resources = req.resourceArns().isEmpty() ? List.of("*") : req.resourceArns();
    List<EvaluationResult> all = new ArrayList<>();
    for (String action : req.actionNames()) {
      for (String resource : resources) {
        RequestContext.Builder ctx =
            RequestContext.builder()
                .principal(caller)
                .action(action)
                .resource(resource)
                .resourceAccount(owner);
        for (ContextEntry e : req.contextEntries()) {
          if (e.type().endsWith("List")) {
            ctx.putMulti(e.name(), e.values());
          } else {
            ctx.put(e.name(), e.values().get(0));
          }
        }
        PolicySet forResource = set;
        dev.rolegate.core.model.Role role = simulatedRole(r, req, action, resource);
        if (role != null) {
          String id = "TrustPolicy:" + role.name();
          CompiledPolicy trust =
              sources.byName.containsKey(id)
                  ? sources.trust.get(id)
                  : sources.add(
                      id, "resource", role.assumeRolePolicyDocument(), PolicyKind.TRUST, false);
          sources.trust.put(id, trust);
          forResource =
              new PolicySet(sources.identity, trust, sources.boundary, List.of(), List.of());
          if (owner == null) {
            ctx.resourceAccount(role.accountId());
          }
        }
        RequestContext built = ctx.build();
        ResourceOutcome outcome = outcome(sources, forResource, built);
        all.add(
            new EvaluationResult(
                action, outcome, req.resourceArns().isEmpty() ? List.of() : List.of(outcome)));
      }
    }
    return dev.rolegate.core.iam.Page.of(all, req.marker(), req.maxItems());
  }

  private static ResourceOutcome outcome(Sources sources, PolicySet set, RequestContext ctx) {
    Simulation s = Simulation.run(set, ctx);
    List<MatchedStatement> matched =
        s.matched().stream().map(ref -> matched(sources, ref)).toList();
    Map<String, String> details = null;
    if (ctx.crossAccount()) {
      details = new LinkedHashMap<>();
      for (PolicyType type :
          List.of(
              PolicyType.IDENTITY_BASED,
              PolicyType.RESOURCE_BASED,
              PolicyType.PERMISSIONS_BOUNDARY)) {
        Decision d = s.byType().get(type);
        if (d != null) {
          details.put(DETAIL_KEYS.get(type), decision(d));
        }
      }
    } else if (!ctx.resource().equals("*")) {
      details = Map.of();
    }
    Decision boundary = s.byType().get(PolicyType.PERMISSIONS_BOUNDARY);
    return new ResourceOutcome(
        ctx.resource(),
        decision(s.result().decision()),
        matched,
        s.missingContextValues(),
        details,
        boundary == null ? null : boundary == Decision.ALLOW);
  }

  /**
   * AWS's positions: 1-based lines, and columns just past the statement's opening and closing
   * braces. AWS's SimulatePrincipalPolicy example 1 (the one whose policy text is shown) reports
   * StartPosition 3:16 and EndPosition 7:4 for a statement whose braces are at 3:15 and 7:3.
   */
  private static MatchedStatement matched(Sources sources, StatementRef ref) {
    Source source = sources.byName.get(ref.policy());
    return new MatchedStatement(
        source.id(),
        source.type(),
        new SourcePosition(ref.position().line(), ref.position().column() + 1),
        new SourcePosition(ref.end().line(), ref.end().column() + 1));
  }

  private static String decision(Decision d) {
    return switch (d) {
      case ALLOW -> "allowed";
      case EXPLICIT_DENY -> "explicitDeny";
      case IMPLICIT_DENY -> "implicitDeny";
    };
  }
}
