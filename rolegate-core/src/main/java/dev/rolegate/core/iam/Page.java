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

  /** Where a page starts and how long it is, from Marker and MaxItems (1-1000, default 100). */
  public record Window(int from, int max) {}

  public static Window window(String marker, Integer maxItems) {
    Validation.range("maxItems", maxItems, 1, 1000);
    int max = maxItems == null ? 100 : maxItems;
    int from = 0;
    if (marker != null) {
      Validation.length("marker", marker, 1, 320);
      try {
        from =
            Integer.parseInt(
                new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        throw AwsServiceException.validation("Invalid Marker.");
      }
      if (from < 0) {
        throw AwsServiceException.validation("Invalid Marker.");
      }
    }
    return new Window(from, max);
  }

  /**
   * Cuts a page out of a full, ordered list (Marker / MaxItems as IAM does, MaxItems 1-1000,
   * default 100).
   */
  public static <T> Page<T> of(List<T> all, String marker, Integer maxItems) {
    Window w = window(marker, maxItems);
    if (w.from() > all.size()) {
      throw AwsServiceException.validation("Invalid Marker.");
    }
    int to = Math.min(all.size(), w.from() + w.max());
    return new Page<>(
        all.subList(w.from(), to), to < all.size(), to < all.size() ? marker(to) : null);
  }

  /**
   * A page from the store's rows {@code from .. from + max} (at most {@code max + 1} of them: one
   * more than the page tells whether it is truncated), for lists the store pages itself.
   */
  public static <T> Page<T> fetched(List<T> rows, Window w) {
    if (rows.isEmpty() && w.from() > 0) {
      throw AwsServiceException.validation("Invalid Marker.");
    }
    boolean truncated = rows.size() > w.max();
    return new Page<>(
        truncated ? rows.subList(0, w.max()) : rows,
        truncated,
        truncated ? marker(w.from() + w.max()) : null);
  }

  private static String marker(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Integer.toString(offset).getBytes(StandardCharsets.US_ASCII));
  }
}
