package dev.rolegate.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The canonical-request parts (reference §7.2): URI, query string, headers, signed-header list. */
final class Canonical {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Canonical() {}

  /**
   * The path, optionally normalised, then URI-encoded once more with '/' kept: the wire path is
   * already percent-encoded, so this is the double encoding every service but S3 expects ({@code
   * %20} becomes {@code %2520}; a raw space becomes {@code %20}).
   */
  static String uri(String rawPath, boolean normalize) {
    String path = normalize ? removeDotSegments(rawPath) : rawPath;
    if (path.isEmpty()) {
      return "/";
    }
    return encode(path.getBytes(StandardCharsets.UTF_8), true);
  }

  /**
   * Drops {@code .} segments, resolves {@code ..} segments and collapses empty segments (so {@code
   * //} becomes {@code /}), keeping a leading and a trailing slash: botocore's {@code
   * remove_dot_segments}.
   */
  static String removeDotSegments(String path) {
    List<String> out = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
      } else {
        out.add(segment);
      }
    }
    String first = path.startsWith("/") ? "/" : "";
    String last = path.endsWith("/") && !out.isEmpty() ? "/" : "";
    String result = first + String.join("/", out) + last;
    return result.isEmpty() ? "/" : result;
  }

  /**
   * Every query parameter but the excluded names (compared after decoding), each name and value
   * decoded and re-encoded with the RFC 3986 unreserved set, sorted by encoded name then value,
   * joined with '&'. A '+' is a literal plus, not a space; a '%' not followed by two hex digits is
   * a literal '%'.
   */
  static String queryString(String rawQuery, Set<String> excludedNames) {
    List<String[]> pairs = new ArrayList<>();
    for (String[] raw : rawPairs(rawQuery)) {
      byte[] name = percentDecode(raw[0]);
      if (excludedNames.contains(new String(name, StandardCharsets.UTF_8))) {
        continue;
      }
      pairs.add(new String[] {encode(name, false), encode(percentDecode(raw[1]), false)});
    }
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(p[0]).append('=').append(p[1]);
    }
    return sb.toString();
  }

  /** The decoded value of the first query parameter with this exact name, or {@code null}. */
  static String queryParam(String rawQuery, String name) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    // one pass over the raw query; a name without '%' is compared as it is (presigned requests look
    // up six parameters: decoding every name for each was most of their verification time)
    int n = rawQuery.length();
    for (int i = 0; i < n; ) {
      int amp = rawQuery.indexOf('&', i);
      if (amp < 0) {
        amp = n;
      }
      if (amp > i) {
        int eq = rawQuery.indexOf('=', i);
        if (eq < 0 || eq > amp) {
          eq = amp;
        }
        String rawName = rawQuery.substring(i, eq);
        boolean match =
            rawName.indexOf('%') < 0
                ? rawName.equals(name)
                : new String(percentDecode(rawName), StandardCharsets.UTF_8).equals(name);
        if (match) {
          return eq == amp
              ? ""
              : new String(percentDecode(rawQuery.substring(eq + 1, amp)), StandardCharsets.UTF_8);
        }
      }
      i = amp + 1;
    }
    return null;
  }

  /** The raw name/value pairs; a parameter without '=' has the value "". */
  private static List<String[]> rawPairs(String rawQuery) {
    List<String[]> pairs = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return pairs;
    }
    for (String part : rawQuery.split("&", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq < 0) {
        pairs.add(new String[] {part, ""});
      } else {
        pairs.add(new String[] {part.substring(0, eq), part.substring(eq + 1)});
      }
    }
    return pairs;
  }

  /**
   * One line {@code name:value} per signed header (names lower-case, sorted); the value is every
   * header of that name in arrival order, each trimmed with inner whitespace runs collapsed to one
   * space, joined with ','. A signed header the request lacks gives {@code name:} (the verifier
   * rejects that earlier).
   */
  static String headers(List<Header> headers, List<String> signedHeaders) {
    StringBuilder sb = new StringBuilder();
    for (String name : signedHeaders) {
      sb.append(name).append(':');
      boolean first = true;
      for (Header h : headers) {
        if (h.hasName(name)) {
          if (!first) {
            sb.append(',');
          }
          sb.append(collapseWhitespace(h.value()));
          first = false;
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Lower-cased, without empty names, sorted and distinct. */
  static List<String> normalizeSignedHeaders(List<String> names) {
    Set<String> sorted = new TreeSet<>();
    for (String n : names) {
      String lower = n.trim().toLowerCase(Locale.ROOT);
      if (!lower.isEmpty()) {
        sorted.add(lower);
      }
    }
    return List.copyOf(sorted);
  }

  static String request(
      String method,
      String uri,
      String query,
      String headers,
      List<String> signedHeaders,
      String payloadHash) {
    return method
        + '\n'
        + uri
        + '\n'
        + query
        + '\n'
        + headers
        + '\n'
        + String.join(";", signedHeaders)
        + '\n'
        + payloadHash;
  }

  static String collapseWhitespace(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    boolean pendingSpace = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
        pendingSpace = sb.length() > 0;
      } else {
        if (pendingSpace) {
          sb.append(' ');
          pendingSpace = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Percent-encodes every byte outside A-Z a-z 0-9 - _ . ~ (and '/' when keepSlash), upper-case
   * hex.
   */
  static String encode(byte[] bytes, boolean keepSlash) {
    StringBuilder sb = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (isUnreserved(c) || (keepSlash && c == '/')) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  static byte[] percentDecode(String text) {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%'
          && i + 2 < in.length
          && hexValue(in[i + 1]) >= 0
          && hexValue(in[i + 2]) >= 0) {
        out.write(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2]));
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toByteArray();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~';
  }

  private static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return -1;
  }
}
