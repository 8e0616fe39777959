package dev.rolegate.core.iam;

import dev.rolegate.core.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** One page of an IAM list: the items, and a marker for the next page when truncated. */
public record Page<T>(List<T> items, boolean truncated, String marker) {
  public Page {
    items = List.copyOf(items);
  }

  /** Cuts a page out of a full, ordered list (Marker / MaxItems as IAM does, MaxItems 1-1000, default 100). */
  public static <T> Page<T> of(List<T> all, String marker, Integer maxItems) {
    Validation.range("maxItems", maxItems, 1, 1000);
    int max = maxItems == null ? 100 : maxItems;
    int from = 0;
    if (marker != null) {
      Validation.length("marker", marker, 1, 320);
      try {
        from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw AwsServiceException.validation("Invalid Marker.");
      }
      if (from < 0 || from > all.size()) {
        throw AwsServiceException.validation("Invalid Marker.");
      }
    }
    int to = Math.min(all.size(), from + max);
    boolean truncated = to < all.size();
    String next = truncated ? Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(to).getBytes(StandardCharsets.US_ASCII)) : null;
    return new Page<>(all.subList(from, to), truncated, next);
  }
}
