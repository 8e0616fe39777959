package dev.rolegate.sigv4;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parts of an HTTP request that SigV4 covers, exactly as received.
 *
 * @param method the request method, e.g. {@code POST}
 * @param rawPath the request-target path as on the wire (percent-encoded, not decoded), e.g. {@code
 *     /}
 * @param rawQuery the query as on the wire, without the {@code ?}; {@code null} or empty when there
 *     is none
 * @param headers every header in arrival order; repeated names allowed
 * @param body the request body; {@code null} means empty. The array is not copied: do not change
 *     it.
 */
public record SignableRequest(
    String method, String rawPath, String rawQuery, List<Header> headers, byte[] body) {

  private static final byte[] EMPTY = new byte[0];

  public SignableRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
    if (method.isEmpty()) {
      throw new IllegalArgumentException("method must not be empty");
    }
    body = body == null ? EMPTY : body;
    rawQuery = rawQuery == null ? "" : rawQuery;
  }

  /** The values of every header with this name (case-insensitive), in arrival order. */
  public List<String> headerValues(String name) {
    List<String> values = new ArrayList<>();
    for (Header h : headers) {
      if (h.hasName(name)) {
        values.add(h.value());
      }
    }
    return values;
  }

  /** The value of the first header with this name (case-insensitive), or {@code null}. */
  public String firstHeader(String name) {
    for (Header h : headers) {
      if (h.hasName(name)) {
        return h.value();
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignableRequest r
        && method.equals(r.method)
        && rawPath.equals(r.rawPath)
        && rawQuery.equals(r.rawQuery)
        && headers.equals(r.headers)
        && java.util.Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, rawPath, rawQuery, headers, java.util.Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    // The query and header values may carry a session token: not printed.
    return "SignableRequest["
        + method
        + " "
        + rawPath
        + ", "
        + rawQuery.length()
        + " query chars, "
        + headers.size()
        + " headers, "
        + body.length
        + " body bytes]";
  }
}
