package dev.rolegate.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Parsing of typed condition values: numbers, dates, IP addresses, ARNs, base64. No exceptions
 * escape.
 */
final class Values {
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,9})?");
  private static final Pattern EPOCH = Pattern.compile("-?\\d{1,18}(\\.\\d+)?");

  static BigDecimal parseNumber(String s) {
    if (s == null || s.length() > 100 || !NUMBER.matcher(s).matches()) {
      return null;
    }
    return new BigDecimal(s);
  }

  /** Epoch milliseconds of an ISO 8601 date/time or epoch seconds; null when neither. */
  static Long parseDate(String s) {
    if (s == null || s.isEmpty() || s.length() > 64) {
      return null;
    }
    long fast = fastIsoUtc(s);
    if (fast != Long.MIN_VALUE) {
      return fast;
    }
    if (EPOCH.matcher(s).matches()) {
      BigDecimal seconds = new BigDecimal(s);
      if (seconds.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1000)) > 0) {
        return null;
      }
      return seconds.movePointRight(3).longValue();
    }
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ssZ} or {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (what AWS sends in
   * aws:CurrentTime and the usual policy form) without a formatter; {@link Long#MIN_VALUE} for
   * anything else.
   */
  private static long fastIsoUtc(String s) {
    int n = s.length();
    if ((n != 20 && n != 24)
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int millis = 0;
    if (n == 24) {
      if (s.charAt(19) != '.') {
        return Long.MIN_VALUE;
      }
      millis = digits(s, 20, 3);
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || millis < 0) {
      return Long.MIN_VALUE;
    }
    long days = daysFromCivil(year, month, day);
    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
  private static long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  static byte[] parseBase64(String s) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Splits an ARN into its six parts (the last keeps any further colons); null when it has fewer.
   */
  static String[] splitArn(String s) {
    String[] parts = new String[6];
    int start = 0;
    for (int part = 0; part < 5; part++) {
      int colon = s.indexOf(':', start);
      if (colon < 0) {
        return null;
      }
      parts[part] = s.substring(start, colon);
      start = colon + 1;
    }
    parts[5] = s.substring(start);
    return parts;
  }

  /**
   * An IPv4 (4 bytes) or IPv6 (16 bytes) address; null when the text is neither. Never resolves
   * names.
   */
  static byte[] parseIp(String s) {
    if (s == null || s.isEmpty() || s.length() > 45) {
      return null;
    }
    return s.indexOf(':') >= 0 ? parseIpv6(s) : parseIpv4(s);
  }

  private static byte[] parseIpv4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    int digits = 0;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (++digits > 3 || value > 255) {
          return null;
        }
      } else if (c == '.') {
        if (value < 0 || part >= 4) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
        digits = 0;
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  private static byte[] parseIpv6(String s) {
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
    String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
    int[] headGroups = groups(head);
    int[] tailGroups = groups(tail);
    if (headGroups == null || tailGroups == null) {
      return null;
    }
    int total = headGroups.length + tailGroups.length;
    if (doubleColon < 0 ? total != 8 : total > 7) {
      return null;
    }
    byte[] out = new byte[16];
    int pos = 0;
    for (int g : headGroups) {
      out[pos++] = (byte) (g >> 8);
      out[pos++] = (byte) g;
    }
    pos = 16 - tailGroups.length * 2;
    for (int g : tailGroups) {
      out[pos++] = (byte) (g >> 8);
      out[pos++] = (byte) g;
    }
    return out;
  }

  /** 16-bit groups separated by colons; a trailing dotted IPv4 counts as two groups. */
  private static int[] groups(String s) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] texts = s.split(":", -1);
    int last = texts.length - 1;
    boolean v4 = texts[last].indexOf('.') >= 0;
    int[] out = new int[texts.length + (v4 ? 1 : 0)];
    for (int i = 0; i < texts.length; i++) {
      String t = texts[i];
      if (i == last && v4) {
        byte[] b = parseIpv4(t);
        if (b == null) {
          return null;
        }
        out[i] = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        out[i + 1] = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        continue;
      }
      if (t.isEmpty() || t.length() > 4) {
        return null;
      }
      int v = 0;
      for (int j = 0; j < t.length(); j++) {
        int d = Character.digit(t.charAt(j), 16);
        if (d < 0) {
          return null;
        }
        v = v * 16 + d;
      }
      out[i] = v;
    }
    return out;
  }

  /** A CIDR block (bare addresses are /32 or /128); null when malformed. */
  record Cidr(byte[] network, int prefix) {
    static Cidr parse(String s) {
      String text = s.trim();
      int slash = text.indexOf('/');
      byte[] address = parseIp(slash < 0 ? text : text.substring(0, slash));
      if (address == null) {
        return null;
      }
      int bits = address.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        String p = text.substring(slash + 1);
        if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
          return null;
        }
        prefix = Integer.parseInt(p);
        if (prefix > bits) {
          return null;
        }
      }
      return new Cidr(address, prefix);
    }

    boolean contains(byte[] address) {
      if (address == null || address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private Values() {}
}
