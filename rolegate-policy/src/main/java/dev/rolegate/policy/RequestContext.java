package dev.rolegate.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a decision is made on: the principal, the action, the resource, the resource's account
 * and the condition keys. The context is complete as given: the engine adds no keys. Built once per
 * request; key names are case-insensitive.
 */
public final class RequestContext {
  private final Principal principal;
  private final String action;
  private final String actionLower;
  private final String actionService;
  private final String resource;
  private final String[] resourceParts;
  private final String resourceAccount;
  private final Map<String, ContextValue> values;

  private RequestContext(Builder b) {
    this.action = Objects.requireNonNull(b.action, "action is null");
    this.actionLower = action.toLowerCase(Locale.ROOT);
    int colon = actionLower.indexOf(':');
    this.actionService = colon < 0 ? "" : actionLower.substring(0, colon);
    this.resource = Objects.requireNonNull(b.resource, "resource is null");
    this.resourceParts = Values.splitArn(resource);
    this.values = b.takeValues();
    ContextValue principalArn = values.get("aws:principalarn");
    String pa = principalArn != null && !principalArn.isMultivalued() ? principalArn.get(0) : null;
    this.principal = Principal.parse(Objects.requireNonNull(b.principal, "principal is null"), pa);
    String account = b.resourceAccount;
    if (account == null || account.isEmpty()) {
      account =
          resourceParts != null && !resourceParts[4].isEmpty()
              ? resourceParts[4]
              : principal.account();
    }
    this.resourceAccount = account;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every context key (lower-cased) with its values, read-only. */
  public Map<String, ContextValue> values() {
    return java.util.Collections.unmodifiableMap(values);
  }

  public Principal principal() {
    return principal;
  }

  public String action() {
    return action;
  }

  String actionLower() {
    return actionLower;
  }

  /** The lower-cased service prefix of the action ("" when it has none). */
  String actionService() {
    return actionService;
  }

  public String resource() {
    return resource;
  }

  /** The resource's six ARN parts, or null when it is not ARN-shaped. */
  String[] resourceParts() {
    return resourceParts;
  }

  public String resourceAccount() {
    return resourceAccount;
  }

  /** The value of a key (lower-cased name), or null when the request has no such key. */
  public ContextValue get(String lowerKey) {
    return values.get(lowerKey);
  }

  /** The single value of a key, or null when absent or multivalued: what a policy variable sees. */
  public String singleValue(String lowerKey) {
    ContextValue v = values.get(lowerKey);
    return v == null || v.isMultivalued() ? null : v.get(0);
  }

  public boolean crossAccount() {
    return principal.account() == null || !principal.account().equals(resourceAccount);
  }

  public static final class Builder {
    private String principal;
    private String action;
    private String resource;
    private String resourceAccount;
    private Map<String, ContextValue> values = new HashMap<>();
    private boolean shared; // the map was handed to a context: copy before changing it

    public Builder principal(String principal) {
      this.principal = principal;
      return this;
    }

    public Builder action(String action) {
      this.action = action;
      return this;
    }

    public Builder resource(String resource) {
      this.resource = resource;
      return this;
    }

    public Builder resourceAccount(String resourceAccount) {
      this.resourceAccount = resourceAccount;
      return this;
    }

    /** A single-valued key. */
    public Builder put(String key, String value) {
      return put(key, ContextValue.single(Objects.requireNonNull(value, "value is null")));
    }

    /** A multivalued key (the list may be empty). */
    public Builder putMulti(String key, List<String> values) {
      return put(key, ContextValue.multi(values));
    }

    public Builder put(String key, ContextValue value) {
      String lower = key.toLowerCase(Locale.ROOT);
      if (shared) {
        values = new HashMap<>(values);
        shared = false;
      }
      values.put(lower, value);
      return this;
    }

    /** Hands the map to the context; the builder copies it before any later change. */
    private Map<String, ContextValue> takeValues() {
      shared = true;
      return values;
    }

    public RequestContext build() {
      return new RequestContext(this);
    }
  }
}
