package dev.rolegate.core.iam;

import static dev.rolegate.core.testing.AwsErrors.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolegate.core.AwsErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Page: Marker (the base64url offset) and MaxItems (1-1000, default 100) as IAM pages its lists.
 */
class PageTest {
  static final List<Integer> ITEMS = IntStream.range(0, 250).boxed().toList();

  static String marker(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Integer.toString(offset).getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void theDefaultPageIsAHundredItemsAndItsMarkerIsTheNextOffset() {
    Page<Integer> first = Page.of(ITEMS, null, null);
    assertThat(first.items()).hasSize(100).startsWith(0).endsWith(99);
    assertThat(first.truncated()).isTrue();
    assertThat(first.marker()).isEqualTo(marker(100)).isEqualTo("MTAw");
    Page<Integer> last = Page.of(ITEMS, marker(200), null);
    assertThat(last.items()).hasSize(50).startsWith(200).endsWith(249);
    assertThat(last.truncated()).isFalse();
    assertThat(last.marker()).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 100, 249, 250, 1000})
  void pagingThroughGivesEveryItemOnceInOrder(int maxItems) {
    List<Integer> seen = new ArrayList<>();
    String marker = null;
    int pages = 0;
    do {
      Page<Integer> p = Page.of(ITEMS, marker, maxItems);
      assertThat(p.items().size()).isLessThanOrEqualTo(maxItems);
      assertThat(p.truncated()).isEqualTo(p.marker() != null);
      seen.addAll(p.items());
      marker = p.marker();
      pages++;
    } while (marker != null);
    assertThat(seen).isEqualTo(ITEMS);
    assertThat(pages).isEqualTo((ITEMS.size() + maxItems - 1) / maxItems);
  }

  @Test
  void anEmptyListIsOneEmptyPage() {
    Page<Integer> p = Page.of(List.of(), null, 10);
    assertThat(p.items()).isEmpty();
    assertThat(p.truncated()).isFalse();
    assertThat(p.marker()).isNull();
    assertThat(Page.of(ITEMS, marker(250), null).items()).as("a marker at the end").isEmpty();
  }

  @Test
  void maxItemsIsOneToAThousand() {
    expect(
        () -> Page.of(ITEMS, null, 0),
        AwsErrorCode.VALIDATION_ERROR,
        "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1");
    expect(
        () -> Page.of(ITEMS, null, 1001),
        AwsErrorCode.VALIDATION_ERROR,
        "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000");
  }

  @Test
  void aMarkerThatIsNotOneOfOursIsInvalid() {
    for (String bad :
        List.of(
            "!!!",
            marker(-1),
            marker(251),
            Base64.getUrlEncoder().encodeToString("ten".getBytes(StandardCharsets.US_ASCII)))) {
      expect(() -> Page.of(ITEMS, bad, null), AwsErrorCode.VALIDATION_ERROR, "Invalid Marker.");
    }
    expect(() -> Page.of(ITEMS, "", null), AwsErrorCode.VALIDATION_ERROR);
    expect(() -> Page.of(ITEMS, "a".repeat(321), null), AwsErrorCode.VALIDATION_ERROR);
  }

  @Test
  void aPageTheStoreFetchedKnowsItIsTruncatedFromTheOneRowMore() {
    Page.Window w = Page.window(marker(10), 5);
    assertThat(w).isEqualTo(new Page.Window(10, 5));
    Page<Integer> full = Page.fetched(List.of(10, 11, 12, 13, 14, 15), w);
    assertThat(full.items()).containsExactly(10, 11, 12, 13, 14);
    assertThat(full.truncated()).isTrue();
    assertThat(full.marker()).isEqualTo(marker(15));
    Page<Integer> end = Page.fetched(List.of(10, 11), w);
    assertThat(end.truncated()).isFalse();
    assertThat(end.marker()).isNull();
    expect(() -> Page.fetched(List.of(), w), AwsErrorCode.VALIDATION_ERROR, "Invalid Marker.");
    assertThat(Page.fetched(List.of(), Page.window(null, null)).items()).isEmpty();
  }

  @Test
  void aPageIsACopy() {
    List<Integer> items = new ArrayList<>(List.of(1, 2));
    Page<Integer> p = new Page<>(items, false, null);
    items.add(3);
    assertThat(p.items()).containsExactly(1, 2);
  }
}
