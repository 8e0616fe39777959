package dev.rolegate.core;

/** The AWS error codes Rolegate answers with, each with its HTTP status and fault side. */
public enum AwsErrorCode {
  ACCESS_DENIED("AccessDenied", 403),
  INVALID_AUTHENTICATION_CODE("InvalidAuthenticationCode", 403),
  MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400),
  PACKED_POLICY_TOO_LARGE("PackedPolicyTooLarge", 400),
  NO_SUCH_ENTITY("NoSuchEntity", 404),
  ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409),
  DELETE_CONFLICT("DeleteConflict", 409),
  LIMIT_EXCEEDED("LimitExceeded", 409),
  PASSWORD_POLICY_VIOLATION("PasswordPolicyViolation", 400),
  INVALID_USER_TYPE("InvalidUserType", 400),
  INVALID_INPUT("InvalidInput", 400),
  UNMODIFIABLE_ENTITY("UnmodifiableEntity", 400),
  POLICY_NOT_ATTACHABLE("PolicyNotAttachable", 400),
  NOT_SUPPORTED_SERVICE("NotSupportedService", 404),
  VALIDATION_ERROR("ValidationError", 400),
  INVALID_PARAMETER_VALUE("InvalidParameterValue", 400),
  INVALID_AUTHORIZATION_MESSAGE("InvalidAuthorizationMessageException", 400),
  MISSING_PARAMETER("MissingParameter", 400),
  MISSING_ACTION("MissingAction", 400),
  INVALID_ACTION("InvalidAction", 400),
  MALFORMED_QUERY_STRING("MalformedQueryString", 404),
  INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403),
  SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
  INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403),
  EXPIRED_TOKEN("ExpiredToken", 403),
  INVALID_IDENTITY_TOKEN("InvalidIdentityToken", 400),
  EXPIRED_TOKEN_EXCEPTION("ExpiredTokenException", 400),
  EXPIRED_TRADE_IN_TOKEN("ExpiredTradeInTokenException", 400),
  OUTBOUND_WEB_IDENTITY_FEDERATION_DISABLED("OutboundWebIdentityFederationDisabledException", 403),
  SESSION_DURATION_ESCALATION("SessionDurationEscalationException", 403),
  FEATURE_ENABLED("FeatureEnabled", 409),
  FEATURE_DISABLED("FeatureDisabled", 404),
  IDP_COMMUNICATION_ERROR("IDPCommunicationError", 400),
  IDP_REJECTED_CLAIM("IDPRejectedClaim", 403),
  REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413),
  /** The admin, decision and issuer endpoints' (/_rolegate/...): no such endpoint or document. */
  NOT_FOUND("NotFound", 404),
  /** The issuer endpoints': they answer GET only. */
  METHOD_NOT_ALLOWED("MethodNotAllowed", 405),
  /**
   * The simulator could not evaluate a policy (IAM API Reference: SimulatePrincipalPolicy, 500).
   */
  POLICY_EVALUATION("PolicyEvaluation", 500, false),
  INTERNAL_FAILURE("InternalFailure", 500, false),
  SERVICE_UNAVAILABLE("ServiceUnavailable", 503, false);

  private final String code;
  private final int httpStatus;
  private final boolean sender;

  AwsErrorCode(String code, int httpStatus) {
    this(code, httpStatus, true);
  }

  AwsErrorCode(String code, int httpStatus, boolean sender) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.sender = sender;
  }

  /** The wire code, e.g. {@code NoSuchEntity}. */
  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** {@code Sender} for client faults, {@code Receiver} for server faults. */
  public String faultType() {
    return sender ? "Sender" : "Receiver";
  }
}
