package dev.rolegate.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses a raw HTTP/1.1 request as the test-suite files spell it, standing in for the server's HTTP
 * layer: the request target is split at the first '?', header values are trimmed, folded
 * continuation lines are joined to the previous value with a space, and the body is every byte
 * after the first blank line.
 */
final class RawHttp {
  private RawHttp() {}

  static SignableRequest parse(byte[] raw) {
    int split = indexOf(raw, "\n\n".getBytes(StandardCharsets.US_ASCII));
    String head = new String(split < 0 ? raw : Arrays.copyOf(raw, split), StandardCharsets.UTF_8);
    byte[] body = split < 0 ? new byte[0] : Arrays.copyOfRange(raw, split + 2, raw.length);
    String[] lines = head.replace("\r\n", "\n").split("\n");

    String requestLine = lines[0];
    String method = requestLine.substring(0, requestLine.indexOf(' '));
    String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(' '));
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);

    List<String[]> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        String[] last = headers.get(headers.size() - 1);
        last[1] = last[1] + " " + line.trim();
      } else {
        int colon = line.indexOf(':');
        headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
      }
    }
    List<Header> list = new ArrayList<>();
    for (String[] h : headers) {
      list.add(new Header(h[0], h[1]));
    }
    return new SignableRequest(method, path, query, list, body);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
