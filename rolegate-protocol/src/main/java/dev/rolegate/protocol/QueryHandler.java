package dev.rolegate.protocol;

import dev.rolegate.core.AwsErrorCode;
import dev.rolegate.core.AwsServiceException;
import dev.rolegate.core.Ids;
import dev.rolegate.core.auth.Caller;
import dev.rolegate.core.auth.CredentialResolver;
import dev.rolegate.core.auth.RequestInfo;
import dev.rolegate.sigv4.Header;
import dev.rolegate.sigv4.SignableRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS Query protocol: one HTTP request in, one answer out. Decodes the form, picks the action
 * from the closed registry (by {@code Action} and {@code Version}), authenticates with SigV4
 * (except the actions AWS serves unsigned), checks the parameters against the action's input shape
 * in AWS's service model ({@link ParameterValidator}), runs the operation and writes the XML (or,
 * for STS with {@code Accept: application/json}, JSON) answer. Every failure becomes an AWS error;
 * an unexpected one becomes InternalFailure without internals.
 */
public final class QueryHandler {
  private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);
  private static final Set<String> UNSIGNED =
      Set.of("AssumeRoleWithWebIdentity", "AssumeRoleWithSAML");

  /** The actions AWS runs without a permission check (GetCallerIdentity, GetSessionToken). */
  private static final Set<String> NO_DECISION = Set.of("GetCallerIdentity", "GetSessionToken");

  /**
   * SigV4 as IAM and STS check it: the body is always signed (no UNSIGNED-PAYLOAD: the form holds
   * every parameter), and a presigned URL is honoured for at most 15 minutes, as STS does.
   */
  public static final dev.rolegate.sigv4.VerifyOptions SIGV4_OPTIONS =
      dev.rolegate.sigv4.VerifyOptions.DEFAULT
          .withAllowUnsignedPayload(false)
          .withPresignedMaxValiditySeconds(900);

  /** One request as received. */
  public record Request(
      String method,
      String rawPath,
      String rawQuery,
      List<Header> headers,
      byte[] body,
      String remoteAddress,
      boolean secure) {
    public String header(String name) {
      for (Header h : headers) {
        if (h.name().equalsIgnoreCase(name)) {
          return h.value();
        }
      }
      return null;
    }
  }

  private final ActionRegistry registry;
  private final Map<String, Operation> operations = new HashMap<>();
  private final SigV4Authenticator authenticator;
  private final Ids ids;
  private final Clock clock;

  public QueryHandler(
      ActionRegistry registry,
      Services services,
      CredentialResolver credentials,
      Ids ids,
      Clock clock) {
    this.registry = registry;
    this.authenticator = new SigV4Authenticator(credentials);
    this.ids = ids;
    this.clock = clock;
    ParameterValidator.preload();
    IamOperations.register(operations, services);
    StsOperations.register(operations, services);
    MfaOperations.register(operations, services.mfa());
    GroupOperations.register(operations, services.groups());
    OidcOperations.register(operations, services.oidcProviders(), services.webIdentity());
    SamlOperations.register(operations, services.samlProviders(), services.samlFederation());
    IamExtraOperations.register(
        operations, services.policyVersions(), services.tags(), services.boundaries());
    SimulationOperations.register(operations, services.simulation());
    AccountOperations.register(
        operations, services.accountViews(), services.authorizationDetails());
    LoginProfileOperations.register(operations, services.loginProfiles());
  }

  /**
   * Replaces an action's operation: for this package's tests of the dispatch itself (the guard).
   */
  void replaceOperation(String action, Operation op) {
    operations.put(action, op);
  }

  /** The actions with an implementation (the rest of the registry answers InvalidAction). */
  public Set<String> implemented() {
    return java.util.Collections.unmodifiableSet(operations.keySet());
  }

  public Responses.HttpAnswer handle(Request request) {
    String requestId = ids.requestId();
    Service service = null;
    boolean json = false;
    String action = null;
    try {
      Params params = Params.parse(request.rawQuery(), formBody(request));
      action = params.string("Action");
      if (action == null || action.isEmpty()) {
        throw new AwsServiceException(AwsErrorCode.MISSING_ACTION, "Missing Action");
      }
      String version = params.string("Version");
      service = registry.service(action);
      if (service == null || (version != null && !version.equals(service.version()))) {
        Service known = service;
        service =
            version != null && version.equals(Service.STS.version()) ? Service.STS : Service.IAM;
        throw new AwsServiceException(
            AwsErrorCode.INVALID_ACTION,
            "Could not find operation "
                + action
                + " for version "
                + (version == null
                    ? (known == null ? "NO_VERSION_SPECIFIED" : known.version())
                    : version));
      }
      String accept = request.header("Accept");
      json =
          service == Service.STS
              && accept != null
              && accept.toLowerCase(Locale.ROOT).contains("application/json");
      Instant now = clock.instant();
      Authenticated auth = UNSIGNED.contains(action) ? null : authenticate(request, service, now);
      Operation op = operations.get(action);
      if (op == null) {
        throw new AwsServiceException(
            AwsErrorCode.INVALID_ACTION,
            "Rolegate does not implement the " + action + " action yet.");
      }
      if (auth != null) {
        dev.rolegate.core.sts.StsService.checkAllowed(
            auth.caller(), service == Service.IAM, action);
      }
      // the input shape's constraints from AWS's service model, every problem at once, before the
      // use case decides
      ParameterValidator.of(service).check(action, params);
      // IAM is global with its one endpoint in us-east-1: AWS sets aws:RequestedRegion to us-east-1
      // for every IAM call, whatever region the client signed with (the SDK's aws-global, say).
      String region = auth == null ? null : service == Service.IAM ? "us-east-1" : auth.region();
      RequestInfo info =
          new RequestInfo(
              requestId,
              request.remoteAddress(),
              request.secure(),
              region,
              request.header("User-Agent"),
              now);
      List<Node> result =
          op.run(new Operation.Call(auth == null ? null : auth.caller(), info, params));
      if (!NO_DECISION.contains(action) && !info.scope().decided()) {
        // every action but these is authorized; an answer without a decision is a Rolegate bug:
        // fail closed
        LOG.error(
            "request {} ({}) completed without an authorization decision; answering AccessDenied",
            requestId,
            action);
        throw new AwsServiceException(
            AwsErrorCode.ACCESS_DENIED,
            "Rolegate made no authorization decision for " + action + ", so it refuses it.");
      }
      return Responses.success(service, action, result, requestId, json);
    } catch (AwsServiceException e) {
      return Responses.error(service, e.code(), e.getMessage(), requestId, json);
    } catch (RuntimeException e) {
      LOG.error("request {} ({}) failed", requestId, action, e);
      return Responses.error(
          service,
          AwsErrorCode.INTERNAL_FAILURE,
          "We encountered an internal error. Please try again.",
          requestId,
          json);
    }
  }

  private static String formBody(Request request) {
    if (!request.method().equalsIgnoreCase("POST")
        || request.body() == null
        || request.body().length == 0) {
      return null;
    }
    String type = request.header("Content-Type");
    if (type != null
        && !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new AwsServiceException(
          AwsErrorCode.MALFORMED_QUERY_STRING,
          "Unsupported Content-Type " + type + ": send application/x-www-form-urlencoded");
    }
    return new String(request.body(), StandardCharsets.UTF_8);
  }

  private record Authenticated(Caller caller, String region) {}

  private Authenticated authenticate(Request request, Service service, Instant now) {
    SignableRequest signable =
        new SignableRequest(
            request.method(),
            request.rawPath(),
            request.rawQuery(),
            request.headers(),
            request.body());
    SigV4Authenticator.Authenticated a =
        authenticator.authenticate(
            signable, now, SIGV4_OPTIONS, service.id(), "Request is missing Authentication Token");
    return new Authenticated(a.caller(), a.signed().region());
  }
}
