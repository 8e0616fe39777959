package dev.rolegate.policy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * The value of one request context key: one string (single-valued) or a set of strings
 * (multivalued; possibly empty). Typed forms (numbers, dates, IP addresses, ARN parts) are parsed
 * at most once per value and kept, so conditions over the same key do not parse again.
 */
public final class ContextValue {
  private final String[] values;
  private final boolean multivalued;

  // Lazily computed typed views. Each holder has final fields, so publishing it through a plain
  // field is safe; a race only computes the same thing twice.
  private Numbers numbers;
  private Dates dates;
  private Addresses addresses;
  private ArnParts arns;

  private record Numbers(BigDecimal[] values) {}

  private record Dates(long[] millis, boolean[] valid) {}

  private record Addresses(byte[][] values) {}

  private record ArnParts(String[][] values) {}

  private ContextValue(String[] values, boolean multivalued) {
    this.values = values;
    this.multivalued = multivalued;
  }

  public static ContextValue single(String value) {
    return new ContextValue(new String[] {value}, false);
  }

  public static ContextValue multi(List<String> values) {
    return new ContextValue(values.toArray(new String[0]), true);
  }

  public boolean isMultivalued() {
    return multivalued;
  }

  public int size() {
    return values.length;
  }

  public String get(int i) {
    return values[i];
  }

  public List<String> values() {
    return List.of(values);
  }

  BigDecimal number(int i) {
    Numbers n = numbers;
    if (n == null) {
      BigDecimal[] parsed = new BigDecimal[values.length];
      for (int j = 0; j < values.length; j++) {
        parsed[j] = Values.parseNumber(values[j]);
      }
      n = new Numbers(parsed);
      numbers = n;
    }
    return n.values()[i];
  }

  /** Epoch milliseconds, or {@link Long#MIN_VALUE} when the value is not a date. */
  long date(int i) {
    Dates d = dates;
    if (d == null) {
      long[] millis = new long[values.length];
      boolean[] valid = new boolean[values.length];
      for (int j = 0; j < values.length; j++) {
        Long m = Values.parseDate(values[j]);
        valid[j] = m != null;
        millis[j] = m == null ? 0 : m;
      }
      d = new Dates(millis, valid);
      dates = d;
    }
    return d.valid()[i] ? d.millis()[i] : Long.MIN_VALUE;
  }

  byte[] address(int i) {
    Addresses a = addresses;
    if (a == null) {
      byte[][] parsed = new byte[values.length][];
      for (int j = 0; j < values.length; j++) {
        parsed[j] = Values.parseIp(values[j]);
      }
      a = new Addresses(parsed);
      addresses = a;
    }
    return a.values()[i];
  }

  /** The six parts of an ARN value, or null when it has fewer. */
  String[] arn(int i) {
    ArnParts a = arns;
    if (a == null) {
      String[][] parsed = new String[values.length][];
      for (int j = 0; j < values.length; j++) {
        parsed[j] = Values.splitArn(values[j]);
      }
      a = new ArnParts(parsed);
      arns = a;
    }
    return a.values()[i];
  }

  @Override
  public String toString() {
    return multivalued ? Arrays.toString(values) : values[0];
  }
}
