package dev.rolegate.sigv4;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The SigV4 timestamp {@code yyyyMMdd'T'HHmmss'Z'} (ISO 8601 basic, UTC) and the RFC 1123 Date
 * header.
 */
final class AmzDate {
  private static final Pattern BASIC = Pattern.compile("\\d{8}T\\d{6}Z");
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withResolverStyle(ResolverStyle.STRICT);

  private AmzDate() {}

  /** The instant, truncated to seconds, as {@code 20150830T123600Z}. */
  static String format(Instant instant) {
    return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
  }

  /** Parses {@code 20150830T123600Z}; {@code null} if the text is not exactly that format. */
  static Instant parseBasic(String text) {
    if (text == null || !BASIC.matcher(text).matches()) {
      return null;
    }
    try {
      return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Parses an RFC 1123 HTTP date ({@code Sun, 30 Aug 2015 12:36:00 GMT}); {@code null} if it is not
   * one.
   */
  static Instant parseHttpDate(String text) {
    if (text == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
