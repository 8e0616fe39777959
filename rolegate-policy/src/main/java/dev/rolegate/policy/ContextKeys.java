package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The context keys a policy document refers to, as IAM's GetContextKeysFor*Policy return them: the
 * keys of its conditions and of the policy variables in its Resource/NotResource elements and
 * condition values (variables only under Version 2012-10-17, where they are substituted), in text
 * order, as first written, each once (case-insensitively).
 */
public final class ContextKeys {
  private ContextKeys() {}

  private record Found(SourcePosition at, String key) {}

  public static List<String> of(PolicyDocument document) {
    List<Found> found = new ArrayList<>();
    boolean variables = document.variablesEnabled();
    for (Statement s : document.statements()) {
      if (variables && s.resources() != null) {
        for (Text r : s.resources()) {
          variableKeys(r, found);
        }
      }
      for (ConditionClause c : s.conditions()) {
        found.add(new Found(c.key().position(), c.key().value()));
        if (variables && c.operator().allowsVariables()) {
          for (Text v : c.values()) {
            variableKeys(v, found);
          }
        }
      }
    }
    found.sort(
        Comparator.comparingInt((Found f) -> f.at().line()).thenComparingInt(f -> f.at().column()));
    Map<String, String> distinct = new LinkedHashMap<>();
    for (Found f : found) {
      distinct.putIfAbsent(f.key().toLowerCase(Locale.ROOT), f.key());
    }
    return List.copyOf(distinct.values());
  }

  private static void variableKeys(Text text, List<Found> out) {
    Template t = Template.parse(text.value());
    if (t != null) {
      for (String key : t.variableKeys()) {
        out.add(new Found(text.position(), key));
      }
    }
  }

  /**
   * Whether a request value is of a context key type (the base of IAM's ContextKeyType: string,
   * numeric, boolean, ip, binary, date) as the condition operators read it.
   */
  public static boolean isValid(String baseType, String value) {
    switch (baseType) {
      case "string":
        return true;
      case "numeric":
        return Values.parseNumber(value) != null;
      case "boolean":
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
      case "ip":
        return Values.Cidr.parse(value) != null;
      case "binary":
        return Values.parseBase64(value) != null;
      case "date":
        return Values.parseDate(value) != null;
      default:
        throw new IllegalArgumentException("not a context key type: " + baseType);
    }
  }
}
