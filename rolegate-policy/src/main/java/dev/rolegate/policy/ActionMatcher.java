package dev.rolegate.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A statement's Action / NotAction list, compiled: lower-cased patterns (actions are
 * case-insensitive). Short lists are scanned; long ones (ReadOnlyAccess has thousands) are indexed:
 * exact actions in a hash set, wildcard patterns by service prefix. Matching allocates nothing.
 */
final class ActionMatcher {
  private static final int INDEX_THRESHOLD = 8;

  private final Glob[] patterns; // scanned when the list is short
  private final boolean any;
  private final Set<String> exact;
  private final Map<String, Glob[]> byService;
  private final Glob[] anyService; // patterns whose service part has a wildcard

  private ActionMatcher(
      Glob[] patterns,
      boolean any,
      Set<String> exact,
      Map<String, Glob[]> byService,
      Glob[] anyService) {
    this.patterns = patterns;
    this.any = any;
    this.exact = exact;
    this.byService = byService;
    this.anyService = anyService;
  }

  static ActionMatcher compile(List<Text> actions) {
    List<String> lower = new ArrayList<>();
    boolean any = false;
    for (Text t : actions) {
      String a = t.value().toLowerCase(Locale.ROOT);
      lower.add(a);
      any |= a.equals("*");
    }
    if (lower.size() <= INDEX_THRESHOLD) {
      Glob[] globs = new Glob[lower.size()];
      for (int i = 0; i < globs.length; i++) {
        globs[i] = Glob.compile(lower.get(i));
      }
      return new ActionMatcher(globs, any, null, null, null);
    }
    Set<String> exact = new HashSet<>();
    Map<String, List<Glob>> byService = new HashMap<>();
    List<Glob> anyService = new ArrayList<>();
    for (String a : lower) {
      int colon = a.indexOf(':');
      String service = colon < 0 ? null : a.substring(0, colon);
      boolean wildService =
          service == null || service.indexOf('*') >= 0 || service.indexOf('?') >= 0;
      if (wildService) {
        anyService.add(Glob.compile(a));
      } else if (a.indexOf('*', colon) < 0 && a.indexOf('?', colon) < 0) {
        exact.add(a);
      } else {
        byService.computeIfAbsent(service, s -> new ArrayList<>()).add(Glob.compile(a));
      }
    }
    Map<String, Glob[]> index = new HashMap<>();
    byService.forEach((s, list) -> index.put(s, list.toArray(new Glob[0])));
    return new ActionMatcher(null, any, exact, index, anyService.toArray(new Glob[0]));
  }

  boolean matches(RequestContext ctx) {
    if (any) {
      return true;
    }
    String action = ctx.actionLower();
    if (patterns != null) {
      for (Glob g : patterns) {
        if (g.matches(action)) {
          return true;
        }
      }
      return false;
    }
    if (exact.contains(action)) {
      return true;
    }
    Glob[] service = byService.get(ctx.actionService());
    if (service != null) {
      for (Glob g : service) {
        if (g.matches(action)) {
          return true;
        }
      }
    }
    for (Glob g : anyService) {
      if (g.matches(action)) {
        return true;
      }
    }
    return false;
  }
}
