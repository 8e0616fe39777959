package dev.rolegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link Glob} against a reference: a regular expression built from the pattern ({@code *} is
 * {@code .*}, {@code ?} is {@code .}, everything else quoted), over a small alphabet so that
 * matches are frequent.
 */
class GlobPropertiesTest {
  private static final char[] PATTERN_ALPHABET = {'a', 'b', ':', '/', '*', '?'};
  private static final char[] SUBJECT_ALPHABET = {'a', 'b', ':', '/', '*', '?', '\n'};

  /**
   * The reference: {@code *} any run (also across newlines), {@code ?} one char, the rest literal.
   */
  static Pattern reference(String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  static Arbitrary<String> patterns() {
    return Arbitraries.strings().withChars(PATTERN_ALPHABET).ofMinLength(0).ofMaxLength(9);
  }

  static Arbitrary<String> subjects() {
    return Arbitraries.strings().withChars(SUBJECT_ALPHABET).ofMinLength(0).ofMaxLength(12);
  }

  /**
   * A string the pattern matches by construction: each star filled with a run, each ? with a char.
   */
  static Arbitrary<String> instanceOf(String pattern) {
    List<Arbitrary<String>> pieces =
        pattern
            .chars()
            .mapToObj(
                c ->
                    c == '*'
                        ? Arbitraries.strings().withChars(SUBJECT_ALPHABET).ofMaxLength(4)
                        : c == '?'
                            ? Arbitraries.of(SUBJECT_ALPHABET).map(String::valueOf)
                            : Arbitraries.just(String.valueOf((char) c)))
            .toList();
    if (pieces.isEmpty()) {
      return Arbitraries.just("");
    }
    return Combinators.combine(pieces).as(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<Tuple2<String, String>> patternAndSubject() {
    return patterns()
        .flatMap(
            p ->
                Arbitraries.frequencyOf(
                        Tuple.of(1, subjects()),
                        Tuple.of(1, instanceOf(p)),
                        // an instance with one character changed: near misses
                        Tuple.of(1, instanceOf(p).flatMap(GlobPropertiesTest::mutate)))
                    .map(s -> Tuple.of(p, s)));
  }

  static Arbitrary<String> mutate(String s) {
    if (s.isEmpty()) {
      return Arbitraries.of(SUBJECT_ALPHABET).map(String::valueOf);
    }
    return Combinators.combine(
            Arbitraries.integers().between(0, s.length() - 1),
            Arbitraries.of(SUBJECT_ALPHABET),
            Arbitraries.integers().between(0, 2))
        .as(
            (at, c, how) ->
                switch (how) {
                  case 0 -> s.substring(0, at) + c + s.substring(at + 1); // replace
                  case 1 -> s.substring(0, at) + s.substring(at + 1); // delete
                  default -> s.substring(0, at) + c + s.substring(at); // insert
                });
  }

  @Property(tries = 3000)
  void compiledPatternAgreesWithTheReferenceRegex(
      @ForAll("patternAndSubject") Tuple2<String, String> t) {
    String pattern = t.get1();
    String subject = t.get2();
    boolean expected = reference(pattern).matcher(subject).matches();
    Statistics.label("matches").collect(expected);
    assertThat(Glob.compile(pattern).matches(subject))
        .as("Glob.compile(\"%s\").matches(\"%s\")", pattern, subject)
        .isEqualTo(expected);
  }

  @Property(tries = 2000)
  void regionMatchingAgreesWithMatchingTheSubstring(
      @ForAll("patternAndSubject") Tuple2<String, String> t,
      @ForAll("prefixes") String before,
      @ForAll("prefixes") String after) {
    String pattern = t.get1();
    String subject = before + t.get2() + after;
    int from = before.length();
    int to = from + t.get2().length();
    Glob g = Glob.compile(pattern);
    assertThat(g.matches(subject, from, to))
        .as("Glob.compile(\"%s\").matches(\"%s\", %d, %d)", pattern, subject, from, to)
        .isEqualTo(reference(pattern).matcher(t.get2()).matches());
  }

  @Provide
  Arbitrary<String> prefixes() {
    return Arbitraries.strings().withChars(SUBJECT_ALPHABET).ofMaxLength(3);
  }

  @Property(tries = 2000)
  void literalGlobMatchesExactlyItsText(@ForAll("literalPair") Tuple2<String, String> t) {
    String s = t.get1();
    String other = t.get2();
    Statistics.label("equal").collect(s.equals(other));
    assertThat(Glob.literal(s).matches(other))
        .as("Glob.literal(\"%s\").matches(\"%s\")", s, other)
        .isEqualTo(s.equals(other));
    assertThat(Glob.literal(s).matches(s)).isTrue();
    assertThat(Glob.literal(s).isLiteral()).isTrue();
  }

  @Provide
  Arbitrary<Tuple2<String, String>> literalPair() {
    Arbitrary<String> text = Arbitraries.strings().withChars(PATTERN_ALPHABET).ofMaxLength(8);
    return text.flatMap(
        s ->
            Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.just(s)), Tuple.of(1, text), Tuple.of(2, mutate(s)))
                .map(o -> Tuple.of(s, o)));
  }

  /** Builder: pattern parts keep their wildcards, literal parts (variable values) never do. */
  @Property(tries = 2000)
  void builderTreatsLiteralPartsLiterally(
      @ForAll("builderCase") Tuple2<List<Tuple2<Boolean, String>>, String> t) {
    List<Tuple2<Boolean, String>> parts = t.get1();
    String subject = t.get2();
    Glob.Builder b = new Glob.Builder();
    StringBuilder re = new StringBuilder();
    for (Tuple2<Boolean, String> part : parts) {
      if (part.get1()) {
        b.appendLiteral(part.get2());
        for (char c : part.get2().toCharArray()) {
          re.append(Pattern.quote(String.valueOf(c)));
        }
      } else {
        b.appendPattern(part.get2());
        re.append(reference(part.get2()).pattern());
      }
    }
    boolean expected = Pattern.compile(re.toString(), Pattern.DOTALL).matcher(subject).matches();
    Statistics.label("matches").collect(expected);
    assertThat(b.build().matches(subject))
        .as("parts %s, subject \"%s\"", parts, subject)
        .isEqualTo(expected);
  }

  @Provide
  Arbitrary<Tuple2<List<Tuple2<Boolean, String>>, String>> builderCase() {
    Arbitrary<List<Tuple2<Boolean, String>>> parts =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.strings().withChars(PATTERN_ALPHABET).ofMaxLength(3))
            .as(Tuple::of)
            .list()
            .ofMaxSize(4);
    return parts.flatMap(
        ps -> {
          // an instance: literal parts as written (their '*' and '?' included), pattern parts
          // filled in
          List<Arbitrary<String>> pieces =
              ps.stream()
                  .map(p -> p.get1() ? Arbitraries.just(p.get2()) : instanceOf(p.get2()))
                  .toList();
          Arbitrary<String> instance =
              pieces.isEmpty()
                  ? Arbitraries.just("")
                  : Combinators.combine(pieces).as(xs -> String.join("", xs));
          return Arbitraries.frequencyOf(
                  Tuple.of(2, instance),
                  Tuple.of(1, instance.flatMap(GlobPropertiesTest::mutate)),
                  Tuple.of(1, Arbitraries.strings().withChars('a', '*', '?', '/').ofMaxLength(8)))
              .map(s -> Tuple.of(ps, s));
        });
  }

  /** Matching is case-sensitive: callers lower-case both sides themselves. */
  @Property(tries = 500)
  void matchingIsCaseSensitive(@ForAll("lowerPatterns") String pattern) {
    String upper = pattern.toUpperCase(java.util.Locale.ROOT);
    boolean hasLetter = !upper.equals(pattern);
    Glob g = Glob.compile(pattern);
    if (hasLetter) {
      assertThat(reference(pattern).matcher(upper).matches()).isFalse();
      assertThat(g.matches(upper)).as("\"%s\" matches \"%s\"", pattern, upper).isFalse();
    }
  }

  @Provide
  Arbitrary<String> lowerPatterns() {
    return Arbitraries.strings().withChars('a', 'b', ':', '/').ofMinLength(1).ofMaxLength(6);
  }
}
