package dev.rolegate.core.auth;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.policies.AwsManagedCatalog;
import dev.rolegate.core.model.InlinePolicy;
import dev.rolegate.core.model.ManagedPolicy;
import dev.rolegate.core.model.PrincipalType;
import dev.rolegate.core.model.Role;
import dev.rolegate.core.model.User;
import dev.rolegate.core.port.Repositories;
import dev.rolegate.policy.CompiledPolicy;
import dev.rolegate.policy.Decision;
import dev.rolegate.policy.EvaluationResult;
import dev.rolegate.policy.Evaluator;
import dev.rolegate.policy.Policies;
import dev.rolegate.policy.PolicyKind;
import dev.rolegate.policy.PolicySet;
import dev.rolegate.policy.RequestContext;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization of IAM and STS calls with the policy engine: loads the caller's identity policies
 * (inline and attached, customer and AWS managed) and permissions boundary, builds the request
 * context with the global keys AWS sets, evaluates, and words the denial as AWS does.
 */
public final class Authorizer {
  private static final int CACHE_LIMIT = 10_000;

  private static final org.slf4j.Logger EXPLAIN = org.slf4j.LoggerFactory.getLogger("dev.rolegate.explain");
  private static final org.slf4j.Logger AUDIT = org.slf4j.LoggerFactory.getLogger("dev.rolegate.audit");

  private final AwsManagedCatalog catalog;
  private final Enforcement enforcement;
  private final boolean explainLog;
  private final DecisionLog decisions = new DecisionLog(1000);
  private final ConcurrentHashMap<CacheKey, CompiledPolicy> compiled = new ConcurrentHashMap<>();

  /** What a compiled policy is cached by (no concatenated copy of the document per lookup). */
  private record CacheKey(PolicyKind kind, String name, String document) {}

  public Authorizer(AwsManagedCatalog catalog) {
    this(catalog, Enforcement.ENFORCE, false);
  }

  /**
   * @param enforcement what a denial does ({@code --enforcement})
   * @param explainLog a line per decision on the {@code dev.rolegate.explain} logger (info)
   *     ({@code --explain})
   */
  public Authorizer(AwsManagedCatalog catalog, Enforcement enforcement, boolean explainLog) {
    this.catalog = catalog;
    this.enforcement = enforcement;
    this.explainLog = explainLog;
  }

  public Enforcement enforcement() {
    return enforcement;
  }

  /** The recent decisions (GET /_rolegate/decisions). */
  public DecisionLog decisions() {
    return decisions;
  }

  /** A decision and whether the call may go on (always, unless denied under enforce). */
  public record Verdict(EvaluationResult result, boolean proceed) {}

  /**
   * Evaluates, records the decision (with the failed conditions of a denial) and applies the
   * enforcement mode. Under {@code off} nothing is evaluated and the call goes on.
   */
  public Verdict decide(String principal, String action, String resource, PolicySet set, RequestContext ctx, RequestInfo info) {
    info.scope().markDecided();
    java.time.Instant now = info.now();
    if (enforcement == Enforcement.OFF) {
      return new Verdict(null, true);
    }
    EvaluationResult result = Evaluator.evaluate(set, ctx, false);
    boolean allowed = result.decision() == Decision.ALLOW;
    if (!allowed || explainLog) {
      result = Evaluator.evaluate(set, ctx, true); // the same decision, with every statement's trace
    }
    record(principal, action, resource, result, now, allowed ? "allowed" : enforcement == Enforcement.AUDIT ? "audited" : "denied");
    return new Verdict(result, allowed || enforcement == Enforcement.AUDIT);
  }

  /**
   * A decision for another service's request (POST /_rolegate/authorize): always evaluated, with
   * the trace, whatever the enforcement mode (the calling service enforces it), and recorded.
   */
  public EvaluationResult decideFor(
      String principal, String action, String resource, PolicySet set, RequestContext ctx, RequestInfo info, boolean rootOfResourceAccount) {
    info.scope().markDecided();
    java.time.Instant now = info.now();
    EvaluationResult result = Evaluator.evaluate(set, ctx, true);
    if (rootOfResourceAccount && result.decision() == Decision.IMPLICIT_DENY) {
      // the root user may do anything in its own account that no policy explicitly denies
      result = new EvaluationResult(Decision.ALLOW, null, List.of(), result.explanation());
    }
    record(principal, action, resource, result, now, result.decision() == Decision.ALLOW ? "allowed" : "denied");
    return result;
  }

  /** Each condition that kept a statement matching action, resource and principal from applying. */
  public static List<String> failedConditionsOf(EvaluationResult result) {
    return failedConditions(result);
  }

  private void record(String principal, String action, String resource, EvaluationResult result, java.time.Instant now, String outcome) {
    boolean allowed = result.decision() == Decision.ALLOW;
    DecisionLog.Entry entry = new DecisionLog.Entry(
        now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), principal, action, resource, result.decision().text(), outcome, result.reasonClause(action),
        result.deciding().stream().map(dev.rolegate.policy.StatementRef::label).toList(),
        allowed ? List.of() : failedConditions(result));
    decisions.add(entry);
    if (explainLog) {
      EXPLAIN.info("decision {} {} on {} by {}: {}{} deciding={} failed={}", outcome, action, resource, principal,
          entry.decision(), entry.reason().isEmpty() ? "" : " (" + entry.reason() + ")", entry.deciding(), entry.failedConditions());
    }
    if (outcome.equals("audited")) {
      AUDIT.warn("audit: would deny {} on {} to {} {}; failed conditions {}", action, resource, principal, entry.reason(), entry.failedConditions());
    }
  }

  /** Each condition that kept a statement matching action, resource and principal from applying. */
  private static List<String> failedConditions(EvaluationResult result) {
    if (result.explanation() == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (dev.rolegate.policy.Explanation.StatementTrace t : result.explanation().statements()) {
      if (t.applies() || !t.actionMatched() || !t.resourceMatched() || Boolean.FALSE.equals(t.principalMatched())) {
        continue;
      }
      for (dev.rolegate.policy.Explanation.ConditionTrace c : t.conditions()) {
        if (!c.result()) {
          out.add(t.statement().label() + ": " + c.operator() + " " + c.key() + " request=" + (c.requestValues() == null ? "(absent)" : c.requestValues())
              + " policy=" + c.policyValues());
        }
      }
    }
    return out;
  }

  /**
   * A stored document compiled once (documents are validated when written); null when it has
   * errors after all (stored before a stricter validator): such a policy grants nothing.
   */
  public CompiledPolicy compile(String name, String document, PolicyKind kind) {
    CacheKey key = new CacheKey(kind, name, document);
    CompiledPolicy p = compiled.get(key);
    if (p == null) {
      Policies.Checked checked = Policies.check(document, kind);
      if (checked.hasErrors()) {
        return null;
      }
      if (compiled.size() > CACHE_LIMIT) {
        compiled.clear();
      }
      p = checked.compile(name);
      compiled.put(key, p);
    }
    return p;
  }

  /**
   * The caller's identity policies, boundary and session policies (no resource policy). A role
   * session gets its role's; a federated user its IAM user's (the root user: none, root is allowed
   * everything) with the session policy; GetSessionToken credentials their user's.
   */
  public PolicySet identityPolicies(Repositories r, Caller caller) {
    List<CompiledPolicy> identity = new ArrayList<>();
    String boundaryArn = null;
    switch (caller.kind()) {
      case USER -> {
        Optional<User> user = user(r, caller);
        if (user.isPresent()) {
          add(r, caller.accountId(), PrincipalType.USER, user.get().name(), identity);
          addGroups(r, caller.accountId(), user.get().name(), identity);
          boundaryArn = user.get().permissionsBoundaryArn();
        }
      }
      case ASSUMED_ROLE -> {
        Optional<Role> role = r.roles().findByName(caller.accountId(), caller.name());
        if (role.isPresent()) {
          add(r, caller.accountId(), PrincipalType.ROLE, role.get().name(), identity);
          boundaryArn = role.get().permissionsBoundaryArn();
        }
      }
      case FEDERATED_USER -> {
        String parent = caller.session().parentUserName();
        Optional<User> user = parent == null ? Optional.empty() : r.users().findByName(caller.accountId(), parent);
        if (user.isPresent()) {
          add(r, caller.accountId(), PrincipalType.USER, user.get().name(), identity);
          addGroups(r, caller.accountId(), user.get().name(), identity);
          boundaryArn = user.get().permissionsBoundaryArn();
        } else if (parent == null) {
          identity.add(ALLOW_ALL); // federated by the root user: the root user's permissions
        }
      }
      case ROOT -> {
        // the root user is allowed everything in its account; an AssumeRoot session only what its
        // task policy (AWS's root-task policies deny everything else) does not deny
        if (caller.rootTaskSession()) {
          identity.add(ALLOW_ALL);
          for (String arn : caller.session().policyArns()) {
            CompiledPolicy task = managed(r, arn, PolicyKind.IDENTITY);
            identity.add(task != null ? task : DENY_EVERYTHING);
          }
        }
      }
    }
    CompiledPolicy boundary = boundaryArn == null ? null : managed(r, boundaryArn, PolicyKind.PERMISSIONS_BOUNDARY);
    List<CompiledPolicy> sessionPolicies = new ArrayList<>();
    Session session = caller.session();
    if (session != null && session.hasSessionPolicies()) {
      if (session.policy() != null) {
        CompiledPolicy p = compile("session-policy", session.policy(), PolicyKind.SESSION);
        if (p != null) {
          sessionPolicies.add(p);
        }
      }
      for (String arn : session.policyArns()) {
        CompiledPolicy p = managed(r, arn, PolicyKind.SESSION);
        if (p != null) {
          sessionPolicies.add(p);
        }
      }
      if (sessionPolicies.isEmpty()) {
        sessionPolicies.add(DENY_ALL); // session policies that no longer resolve grant nothing
      }
    }
    return new PolicySet(identity, null, boundary, sessionPolicies, List.of());
  }

  /**
   * The calling user's row. Temporary credentials (GetSessionToken) find it by its unique id, which a
   * rename keeps, as IAM identifies users; long-term keys resolve to the current row already.
   */
  private static Optional<User> user(Repositories r, Caller caller) {
    if (caller.temporary()) {
      return r.users().findById(caller.userId()).filter(u -> u.accountId().equals(caller.accountId()));
    }
    return r.users().findByName(caller.accountId(), caller.name());
  }

  private static final CompiledPolicy ALLOW_ALL =
      Policies.check("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}", PolicyKind.IDENTITY).compile("root");
  private static final CompiledPolicy DENY_EVERYTHING =
      Policies.check("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}", PolicyKind.IDENTITY).compile("task-policy");
  private static final CompiledPolicy DENY_ALL =
      Policies.check("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"none:none\",\"Resource\":\"*\"}]}", PolicyKind.SESSION).compile("session-policy");

  /** The principal's tags as AWS puts them in aws:PrincipalTag/*: the role's or user's, overridden by session tags. */
  public Map<String, String> principalTags(Repositories r, Caller caller) {
    Map<String, String> tags = new LinkedHashMap<>();
    switch (caller.kind()) {
      case USER -> user(r, caller).ifPresent(u -> u.tags().forEach(t -> tags.put(t.key(), t.value())));
      case ASSUMED_ROLE -> r.roles().findByName(caller.accountId(), caller.name()).ifPresent(x -> x.tags().forEach(t -> tags.put(t.key(), t.value())));
      default -> {
      }
    }
    if (caller.session() != null) {
      for (dev.rolegate.core.model.Tag t : caller.session().tags()) {
        tags.keySet().removeIf(k -> k.equalsIgnoreCase(t.key()));
        tags.put(t.key(), t.value());
      }
    }
    return tags;
  }

  private void add(Repositories r, String accountId, PrincipalType type, String owner, List<CompiledPolicy> out) {
    for (InlinePolicy p : r.inlinePolicies().list(accountId, type, owner)) {
      CompiledPolicy c = compile(owner + "/" + p.name(), p.document(), PolicyKind.IDENTITY);
      if (c != null) {
        out.add(c);
      }
    }
    for (String arn : r.attachments().list(accountId, type, owner)) {
      CompiledPolicy p = managed(r, arn, PolicyKind.IDENTITY);
      if (p != null) {
        out.add(p);
      }
    }
  }

  /** The inline and attached policies of every group the user is a member of. */
  private void addGroups(Repositories r, String accountId, String userName, List<CompiledPolicy> out) {
    for (dev.rolegate.core.model.Group g : r.groups().listGroupsForUser(accountId, userName)) {
      add(r, accountId, PrincipalType.GROUP, g.name(), out);
    }
  }

  private CompiledPolicy managed(Repositories r, String arn, PolicyKind kind) {
    if (AwsManagedCatalog.isAwsManagedArn(arn)) {
      AwsManagedCatalog.AwsPolicy p = catalog.find(arn);
      return p == null ? null : compile(arn, p.document(), kind);
    }
    Optional<ManagedPolicy> policy = r.managedPolicies().findByArn(arn);
    if (policy.isEmpty()) {
      return null;
    }
    return r.managedPolicies()
        .findVersion(arn, policy.get().defaultVersionId())
        .map(v -> compile(arn, v.document(), kind))
        .orElse(null);
  }

  /** The request context with the global condition keys AWS sets for IAM and STS calls. */
  public RequestContext.Builder context(Repositories r, Caller caller, RequestInfo info, String action, String resource) {
    RequestContext.Builder b = context(caller, info, action, resource);
    principalTags(r, caller).forEach((k, v) -> b.put("aws:PrincipalTag/" + k, v));
    return b;
  }

  /** The global keys that do not need the store. */
  public RequestContext.Builder context(Caller caller, RequestInfo info, String action, String resource) {
    RequestContext.Builder b =
        RequestContext.builder()
            .principal(caller.arn())
            .action(action)
            .resource(resource)
            .put("aws:PrincipalArn", caller.identityArn())
            .put("aws:PrincipalAccount", caller.accountId())
            .put("aws:PrincipalType", switch (caller.kind()) {
              case ROOT -> "Account";
              case USER -> "User";
              case ASSUMED_ROLE -> "AssumedRole";
              case FEDERATED_USER -> "FederatedUser";
            })
            .put("aws:userid", caller.userId())
            .put("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(info.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
            .put("aws:EpochTime", Long.toString(info.now().getEpochSecond()))
            .put("aws:SecureTransport", Boolean.toString(info.secureTransport()))
            .put("aws:RequestedRegion", info.region())
            .put("aws:ViaAWSService", "false")
            .put("aws:PrincipalIsAWSService", "false");
    if (info.sourceIp() != null) {
      b.put("aws:SourceIp", info.sourceIp());
    }
    if (info.userAgent() != null) {
      b.put("aws:UserAgent", info.userAgent());
    }
    if (caller.kind() == Caller.Kind.USER) {
      b.put("aws:username", caller.name());
    }
    Session s = caller.session();
    if (s != null) {
      b.put("aws:TokenIssueTime", DateTimeFormatter.ISO_INSTANT.format(s.issuedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
      b.put("aws:MultiFactorAuthPresent", Boolean.toString(s.mfaAuthTime() != null));
      if (s.mfaAuthTime() != null) {
        b.put("aws:MultiFactorAuthAge", Long.toString(Math.max(0, java.time.Duration.between(s.mfaAuthTime(), info.now()).toSeconds())));
      }
      if (s.sourceIdentity() != null) {
        b.put("aws:SourceIdentity", s.sourceIdentity());
      }
    }
    return b;
  }

  /** Evaluates the caller's identity policies; AccessDenied as AWS words it when not allowed. */
  public void require(Repositories r, Caller caller, RequestInfo info, String action, String resource) {
    if ((caller.kind() == Caller.Kind.ROOT && !caller.rootTaskSession()) || enforcement == Enforcement.OFF) {
      info.scope().markDecided();
      return; // no SCPs yet: the root user may do anything in its account
    }
    requireWith(r, caller, info, action, resource, context(r, caller, info, action, resource).resourceAccount(caller.accountId()));
  }

  /** {@link #require} with a context the caller has added the action's own keys to. */
  public void requireWith(Repositories r, Caller caller, RequestInfo info, String action, String resource, RequestContext.Builder ctx) {
    if ((caller.kind() == Caller.Kind.ROOT && !caller.rootTaskSession()) || enforcement == Enforcement.OFF) {
      info.scope().markDecided();
      return;
    }
    Verdict v = decide(caller.arn(), action, resource, identityPolicies(r, caller), ctx.build(), info);
    if (!v.proceed()) {
      throw accessDenied(caller, action, resource, v.result());
    }
  }

  public static AwsServiceException accessDenied(Caller caller, String action, String resource, EvaluationResult result) {
    String reason = result.reasonClause(action);
    return new AwsServiceException(
        AwsErrorCode.ACCESS_DENIED,
        "User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + DeniedResource.shown(action, resource)
            + (reason.isEmpty() ? "" : " " + reason));
  }
}
