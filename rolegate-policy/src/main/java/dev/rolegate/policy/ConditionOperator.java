package dev.rolegate.policy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A condition operator as AWS defines it: a base comparison, negation, {@code ...IfExists} and the
 * {@code ForAllValues:} / {@code ForAnyValue:} set qualifiers, one implementation per base.
 */
public record ConditionOperator(
    String name, Base base, boolean negated, boolean ifExists, SetQualifier qualifier) {

  public enum Family {
    STRING,
    NUMERIC,
    DATE,
    BOOL,
    BINARY,
    IP,
    ARN,
    NULL
  }

  public enum Base {
    STRING_EQUALS(Family.STRING),
    STRING_EQUALS_IGNORE_CASE(Family.STRING),
    STRING_LIKE(Family.STRING),
    NUMERIC_EQUALS(Family.NUMERIC),
    NUMERIC_LESS_THAN(Family.NUMERIC),
    NUMERIC_LESS_THAN_EQUALS(Family.NUMERIC),
    NUMERIC_GREATER_THAN(Family.NUMERIC),
    NUMERIC_GREATER_THAN_EQUALS(Family.NUMERIC),
    DATE_EQUALS(Family.DATE),
    DATE_LESS_THAN(Family.DATE),
    DATE_LESS_THAN_EQUALS(Family.DATE),
    DATE_GREATER_THAN(Family.DATE),
    DATE_GREATER_THAN_EQUALS(Family.DATE),
    BOOL(Family.BOOL),
    BINARY_EQUALS(Family.BINARY),
    IP_ADDRESS(Family.IP),
    ARN_EQUALS(Family.ARN),
    ARN_LIKE(Family.ARN),
    NULL(Family.NULL);

    private final Family family;

    Base(Family family) {
      this.family = family;
    }

    public Family family() {
      return family;
    }
  }

  public enum SetQualifier {
    NONE(""),
    FOR_ALL_VALUES("ForAllValues:"),
    FOR_ANY_VALUE("ForAnyValue:");

    private final String prefix;

    SetQualifier(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }
  }

  private record Spec(String name, Base base, boolean negated) {}

  private static final Map<String, Spec> BY_NAME = new HashMap<>();

  static {
    spec("StringEquals", Base.STRING_EQUALS, false);
    spec("StringNotEquals", Base.STRING_EQUALS, true);
    spec("StringEqualsIgnoreCase", Base.STRING_EQUALS_IGNORE_CASE, false);
    spec("StringNotEqualsIgnoreCase", Base.STRING_EQUALS_IGNORE_CASE, true);
    spec("StringLike", Base.STRING_LIKE, false);
    spec("StringNotLike", Base.STRING_LIKE, true);
    spec("NumericEquals", Base.NUMERIC_EQUALS, false);
    spec("NumericNotEquals", Base.NUMERIC_EQUALS, true);
    spec("NumericLessThan", Base.NUMERIC_LESS_THAN, false);
    spec("NumericLessThanEquals", Base.NUMERIC_LESS_THAN_EQUALS, false);
    spec("NumericGreaterThan", Base.NUMERIC_GREATER_THAN, false);
    spec("NumericGreaterThanEquals", Base.NUMERIC_GREATER_THAN_EQUALS, false);
    spec("DateEquals", Base.DATE_EQUALS, false);
    spec("DateNotEquals", Base.DATE_EQUALS, true);
    spec("DateLessThan", Base.DATE_LESS_THAN, false);
    spec("DateLessThanEquals", Base.DATE_LESS_THAN_EQUALS, false);
    spec("DateGreaterThan", Base.DATE_GREATER_THAN, false);
    spec("DateGreaterThanEquals", Base.DATE_GREATER_THAN_EQUALS, false);
    spec("Bool", Base.BOOL, false);
    spec("BinaryEquals", Base.BINARY_EQUALS, false);
    spec("IpAddress", Base.IP_ADDRESS, false);
    spec("NotIpAddress", Base.IP_ADDRESS, true);
    spec("ArnEquals", Base.ARN_EQUALS, false);
    spec("ArnNotEquals", Base.ARN_EQUALS, true);
    spec("ArnLike", Base.ARN_LIKE, false);
    spec("ArnNotLike", Base.ARN_LIKE, true);
    spec("Null", Base.NULL, false);
  }

  private static void spec(String name, Base base, boolean negated) {
    BY_NAME.put(name.toLowerCase(Locale.ROOT), new Spec(name, base, negated));
  }

  /**
   * Parses an operator name such as {@code ForAnyValue:StringLikeIfExists}; null when it is not an
   * operator AWS knows. Names are matched without regard to case.
   */
  public static ConditionOperator parse(String text) {
    String rest = text;
    SetQualifier qualifier = SetQualifier.NONE;
    for (SetQualifier q :
        new SetQualifier[] {SetQualifier.FOR_ALL_VALUES, SetQualifier.FOR_ANY_VALUE}) {
      if (rest.regionMatches(true, 0, q.prefix(), 0, q.prefix().length())) {
        qualifier = q;
        rest = rest.substring(q.prefix().length());
        break;
      }
    }
    String lower = rest.toLowerCase(Locale.ROOT);
    boolean ifExists = false;
    Spec spec = BY_NAME.get(lower);
    if (spec == null && lower.endsWith("ifexists")) {
      spec = BY_NAME.get(lower.substring(0, lower.length() - "ifexists".length()));
      ifExists = true;
      if (spec != null && spec.base() == Base.NULL) {
        return null; // NullIfExists does not exist
      }
    }
    if (spec == null) {
      return null;
    }
    String name = qualifier.prefix() + spec.name() + (ifExists ? "IfExists" : "");
    return new ConditionOperator(name, spec.base(), spec.negated(), ifExists, qualifier);
  }

  /** Whether policy variables in this operator's values are substituted. */
  public boolean allowsVariables() {
    Family f = base.family();
    return f == Family.STRING || f == Family.ARN || f == Family.BOOL;
  }

  @Override
  public String toString() {
    return name;
  }
}
