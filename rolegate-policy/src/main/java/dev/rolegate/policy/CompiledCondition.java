package dev.rolegate.policy;

import dev.rolegate.policy.ConditionOperator.Base;
import dev.rolegate.policy.ConditionOperator.SetQualifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One compiled condition clause (operator, key, values), evaluated as AWS documents:
 *
 * <ul>
 *   <li>several values for the key: any may match (OR); a negated operator is the negation of its
 *       positive form, so none may match;
 *   <li>key absent: {@code ...IfExists} is true, {@code ForAllValues:} true, {@code ForAnyValue:}
 *       false, a negated operator true, any other false; {@code Null} tests presence;
 *   <li>{@code ForAllValues:} every request value must match; {@code ForAnyValue:} at least one;
 *       without a qualifier a multivalued key matches when any of its values does;
 *   <li>a policy variable without a value (and no default) makes that policy value match nothing.
 * </ul>
 */
final class CompiledCondition {
  private final ConditionOperator op;
  private final String key;
  private final String keyLower;
  private final PolicyValue[] values;
  private final boolean[] nullValues; // for Null: true = "key must be absent"

  CompiledCondition(ConditionClause clause, boolean variables) {
    this.op = clause.operator();
    this.key = clause.key().value();
    this.keyLower = key.toLowerCase(Locale.ROOT);
    List<Text> texts = clause.values();
    this.values = new PolicyValue[texts.size()];
    this.nullValues = new boolean[texts.size()];
    boolean vars = variables && op.allowsVariables();
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i).value();
      values[i] = PolicyValue.compile(op.base(), t, vars);
      nullValues[i] = t.equalsIgnoreCase("true");
    }
  }

  ConditionOperator operator() {
    return op;
  }

  String key() {
    return key;
  }

  boolean test(RequestContext ctx) {
    ContextValue cv = ctx.get(keyLower);
    if (op.base() == Base.NULL) {
      boolean present = cv != null && cv.size() > 0;
      for (boolean mustBeAbsent : nullValues) {
        if (mustBeAbsent != present) {
          return true;
        }
      }
      return false;
    }
    if (cv == null || cv.size() == 0) {
      if (op.ifExists()) {
        return true;
      }
      switch (op.qualifier()) {
        case FOR_ALL_VALUES:
          return true;
        case FOR_ANY_VALUE:
          return false;
        default:
          return op.negated();
      }
    }
    int n = cv.size();
    if (op.qualifier() == SetQualifier.FOR_ALL_VALUES) {
      for (int i = 0; i < n; i++) {
        if (anyValueMatches(cv, i, ctx) == op.negated()) {
          return false;
        }
      }
      return true;
    }
    if (op.qualifier() == SetQualifier.FOR_ANY_VALUE) {
      for (int i = 0; i < n; i++) {
        if (anyValueMatches(cv, i, ctx) != op.negated()) {
          return true;
        }
      }
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (anyValueMatches(cv, i, ctx)) {
        return !op.negated();
      }
    }
    return op.negated();
  }

  private boolean anyValueMatches(ContextValue cv, int i, RequestContext ctx) {
    for (PolicyValue v : values) {
      if (v.matches(cv, i, ctx)) {
        return true;
      }
    }
    return false;
  }

  /**
   * What the explanation shows: the request's values (null when absent) and the resolved policy
   * values.
   */
  Explanation.ConditionTrace trace(RequestContext ctx) {
    ContextValue cv = ctx.get(keyLower);
    List<String> policyValues = new ArrayList<>();
    for (PolicyValue v : values) {
      policyValues.add(v.describe(ctx));
    }
    return new Explanation.ConditionTrace(
        op.name(), key, cv == null ? null : cv.values(), policyValues, test(ctx));
  }

  /** A policy value prepared for one operator base. */
  abstract static class PolicyValue {
    abstract boolean matches(ContextValue cv, int i, RequestContext ctx);

    abstract String describe(RequestContext ctx);

    static PolicyValue compile(Base base, String text, boolean variables) {
      Template template = variables ? Template.parse(text) : null;
      switch (base.family()) {
        case STRING:
          if (base == Base.STRING_LIKE) {
            return new LikeValue(text, template);
          }
          return new EqualsValue(text, template, base == Base.STRING_EQUALS_IGNORE_CASE);
        case BOOL:
          return new EqualsValue(text, template, true);
        case NUMERIC:
          return new NumericValue(text, base);
        case DATE:
          return new DateValue(text, base);
        case BINARY:
          return new BinaryValue(text);
        case IP:
          return new IpValue(text);
        case ARN:
          return new ArnValue(text, template);
        default:
          return new NeverValue(text);
      }
    }
  }

  private static final class EqualsValue extends PolicyValue {
    private final String literal;
    private final Template template;
    private final boolean ignoreCase;

    EqualsValue(String text, Template template, boolean ignoreCase) {
      this.literal = text;
      this.template = template;
      this.ignoreCase = ignoreCase;
    }

    @Override
    boolean matches(ContextValue cv, int i, RequestContext ctx) {
      String actual = cv.get(i);
      if (template != null) {
        return template.equalsText(ctx, actual, ignoreCase);
      }
      return ignoreCase ? literal.equalsIgnoreCase(actual) : literal.equals(actual);
    }

    @Override
    String describe(RequestContext ctx) {
      return template == null ? literal : String.valueOf(template.resolveText(ctx));
    }
  }

  private static final class LikeValue extends PolicyValue {
    private final String text;
    private final Glob glob;
    private final Template template;

    LikeValue(String text, Template template) {
      this.text = text;
      this.template = template;
      this.glob = template == null ? Glob.compile(text) : null;
    }

    @Override
    boolean matches(ContextValue cv, int i, RequestContext ctx) {
      String actual = cv.get(i);
      return glob != null
          ? glob.matches(actual)
          : template.matches(ctx, actual, 0, actual.length());
    }

    @Override
    String describe(RequestContext ctx) {
      if (template == null) {
        return text;
      }
      String v = template.resolveText(ctx);
      return v == null ? "null" : v;
    }
  }

  private static final class NumericValue extends PolicyValue {
    private final String text;
    private final BigDecimal value;
    private final Base base;

    NumericValue(String text, Base base) {
      this.text = text;
      this.value = Values.parseNumber(text);
      this.base = base;
    }

    @Override
    boolean matches(ContextValue cv, int i, RequestContext ctx) {
      BigDecimal actual = cv.number(i);
      if (actual == null || value == null) {
        return false;
      }
      int c = actual.compareTo(value);
      switch (base) {
        case NUMERIC_EQUALS:
          return c == 0;
        case NUMERIC_LESS_THAN:
          return c < 0;
        case NUMERIC_LESS_THAN_EQUALS:
          return c <= 0;
        case NUMERIC_GREATER_THAN:
          return c > 0;
        case NUMERIC_GREATER_THAN_EQUALS:
          return c >= 0;
        default:
          return false;
      }
    }

    @Override
    String describe(RequestContext ctx) {
      return text;
    }
  }

  private static final class DateValue extends PolicyValue {
    private final String text;
    private final Long millis;
    private final Base base;

    DateValue(String text, Base base) {
      this.text = text;
      this.millis = Values.parseDate(text);
      this.base = base;
    }

    @Override
    boolean matches(ContextValue cv, int i, RequestContext ctx) {
      long actual = cv.date(i);
      if (actual == Long.MIN_VALUE || millis == null) {
        return false;
      }
      long expected = millis;
      switch (base) {
        case DATE_EQUALS:
          return actual == expected;
        case DATE_LESS_THAN:
          return actual < expected;
        case DATE_LESS_THAN_EQUALS:
          return actual <= expected;
        case DATE_GREATER_THAN:
          return actual > expected;
        case DATE_GREATER_THAN_EQUALS:
          return actual >= expected;
        default:
          return false;
      }
    }

    @Override
    String describe(RequestContext ctx) {
      return text;
    }
  }

  private static final class BinaryValue extends PolicyValue {
    private final String text;
    private final byte[] bytes;

    BinaryValue(String text) {
      this.text = text;
      this.bytes = Values.parseBase64(text);
    }

    @Override
    boolean matches(ContextValue cv, int i, RequestContext ctx) {
      if (bytes == null) {
        return false;
      }
      byte[] actual = Values.parseBase64(cv.get(i));
      return actual != null && Arrays.equals(bytes, actual);
    }

    @Override
    String describe(RequestContext ctx) {
      return text;
    }
  }

  private static final class IpValue extends PolicyValue {
    private final String text;
    private final Values.Cidr cidr;

    IpValue(String text) {
      this.text = text;
      this.cidr = Values.Cidr.parse(text);
    }

    @Override
    boolean matches(ContextValue cv, int i, RequestContext ctx) {
      return cidr != null && cidr.contains(cv.address(i));
    }

    @Override
    String describe(RequestContext ctx) {
      return text;
    }
  }

  /** ArnEquals and ArnLike are the same operator: each of the six parts is matched on its own. */
  private static final class ArnValue extends PolicyValue {
    private final String text;
    private final ArnPattern pattern;
    private final Template template;

    ArnValue(String text, Template template) {
      this.text = text;
      this.template = template;
      this.pattern = new ArnPattern(text, template != null);
    }

    @Override
    boolean matches(ContextValue cv, int i, RequestContext ctx) {
      return pattern.matches(cv.get(i), cv.arn(i), ctx, false);
    }

    @Override
    String describe(RequestContext ctx) {
      if (template == null) {
        return text;
      }
      String v = template.resolveText(ctx);
      return v == null ? "null" : v;
    }
  }

  private static final class NeverValue extends PolicyValue {
    private final String text;

    NeverValue(String text) {
      this.text = text;
    }

    @Override
    boolean matches(ContextValue cv, int i, RequestContext ctx) {
      return false;
    }

    @Override
    String describe(RequestContext ctx) {
      return text;
    }
  }
}
