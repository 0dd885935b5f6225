package dev.glasscart.replay;

import static dev.glasscart.replay.TranscriptParser.describe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a transcript turn's {@code expect} object into {@link Expectation}s, in key order. Throws
 * {@link IllegalArgumentException} naming the key and the bad value; unknown keys are refused.
 */
final class ExpectationParser {
  static final Set<String> KEYS = Set.of("minResults", "maxResults", "allResults", "topResult", "textIncludes",
      "textIncludesAny", "textExcludes", "noteIncludes", "textLanguage", "grounded", "explainer", "constraints",
      "resultsFromPrevious", "noResults");
  private static final Set<String> ALL_RESULTS_KEYS = Set.of("maxPrice", "minPrice", "brand", "brandNot", "category",
      "categoryAny", "titleIncludes", "titleExcludes", "inStock");
  private static final Set<String> TOP_KEYS = Set.of("id", "titleIncludes");

  private ExpectationParser() {}

  static List<Expectation> parse(JsonObject expect) {
    List<Expectation> out = new ArrayList<>();
    for (String key : expect.fieldNames()) {
      Object v = expect.getValue(key);
      switch (key) {
        case "minResults", "maxResults" -> out.add(new ResultCount(key, count(key, v)));
        case "textIncludes", "textIncludesAny", "textExcludes", "noteIncludes" -> out.add(new TextMatch(key, strings(key, v)));
        case "textLanguage" -> {
          if (!(v instanceof String s) || !TextLanguage.LANGUAGES.contains(s)) throw bad(key, v, "one of " + TextLanguage.LANGUAGES);
          out.add(new TextLanguage(s));
        }
        case "explainer" -> out.add(new ExplainerIs(string(key, v)));
        case "grounded" -> {
          if (flag(key, v)) out.add(new Grounded());
        }
        case "resultsFromPrevious" -> {
          if (flag(key, v)) out.add(new ResultsFromPrevious());
        }
        case "noResults" -> {
          if (flag(key, v)) out.add(new NoResults());
        }
        case "allResults" -> out.add(allResults(object(key, v, ALL_RESULTS_KEYS)));
        case "topResult" -> {
          JsonObject o = object(key, v, TOP_KEYS);
          out.add(new TopResult(optionalString("topResult.id", o.getValue("id")),
              optionalString("topResult.titleIncludes", o.getValue("titleIncludes"))));
        }
        case "constraints" -> out.add(constraints(v));
        default -> throw new IllegalArgumentException("unknown expectation '" + key + "', known: " + KEYS.stream().sorted().toList());
      }
    }
    int min = out.stream().filter(e -> e.key().equals("minResults")).mapToInt(e -> ((ResultCount) e).bound()).findFirst().orElse(0);
    int max = out.stream().filter(e -> e.key().equals("maxResults")).mapToInt(e -> ((ResultCount) e).bound()).findFirst().orElse(Integer.MAX_VALUE);
    if (min > max) throw new IllegalArgumentException("minResults " + min + " is above maxResults " + max);
    return out;
  }

  private static AllResults allResults(JsonObject o) {
    if (o.containsKey("category") && o.containsKey("categoryAny")) {
      throw new IllegalArgumentException("'allResults' has both 'category' and 'categoryAny' (the same condition): give one");
    }
    List<String> categories = o.containsKey("categoryAny") ? list(o, "categoryAny") : list(o, "category");
    boolean inStock = o.containsKey("inStock") && flag("allResults.inStock", o.getValue("inStock"));
    return new AllResults(price("allResults.maxPrice", o.getValue("maxPrice")), price("allResults.minPrice", o.getValue("minPrice")),
        list(o, "brand"), list(o, "brandNot"), categories, list(o, "titleIncludes"), list(o, "titleExcludes"), inStock);
  }

  /** A {@code true}/{@code false} key; false checks nothing. */
  private static boolean flag(String key, Object v) {
    if (!(v instanceof Boolean b)) throw bad(key, v, "true or false");
    return b;
  }

  private static List<String> list(JsonObject allResults, String key) {
    return allResults.containsKey(key) ? strings("allResults." + key, allResults.getValue(key)) : List.of();
  }

  private static ConstraintsPresent constraints(Object v) {
    if (!(v instanceof JsonArray a)) throw bad("constraints", v, "an array of {kind, value}");
    List<ConstraintsPresent.Wanted> wanted = new ArrayList<>();
    for (Object c : a) {
      JsonObject o = object("constraints[]", c, Set.of("kind", "value"));
      Object value = o.getValue("value");
      if (!(value instanceof String) && !(value instanceof Number)) throw bad("constraints[].value", value, "a string or number");
      wanted.add(new ConstraintsPresent.Wanted(string("constraints[].kind", o.getValue("kind")), String.valueOf(value)));
    }
    return new ConstraintsPresent(wanted);
  }

  private static int count(String key, Object v) {
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 0 && n.doubleValue() <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw bad(key, v, "a whole number of at least 0");
  }

  private static Double price(String key, Object v) {
    if (v == null) return null;
    if (v instanceof Number n && n.doubleValue() >= 0 && Double.isFinite(n.doubleValue())) return n.doubleValue();
    throw bad(key, v, "a number of at least 0");
  }

  private static String string(String key, Object v) {
    if (v instanceof String s && !s.isBlank()) return s;
    throw bad(key, v, "a non-blank string");
  }

  private static String optionalString(String key, Object v) {
    return v == null ? null : string(key, v);
  }

  private static List<String> strings(String key, Object v) {
    if (v instanceof String s && !s.isEmpty()) return List.of(s);
    if (v instanceof JsonArray a && !a.isEmpty() && a.stream().allMatch(x -> x instanceof String s && !s.isEmpty())) {
      return a.stream().map(String.class::cast).toList();
    }
    throw bad(key, v, "a non-empty string or a non-empty array of them");
  }

  private static JsonObject object(String key, Object v, Set<String> allowed) {
    if (!(v instanceof JsonObject o)) throw bad(key, v, "an object with " + allowed.stream().sorted().toList());
    for (String k : o.fieldNames()) {
      if (!allowed.contains(k)) throw new IllegalArgumentException("'" + key + "' has unknown key '" + k + "', allowed: " + allowed.stream().sorted().toList());
    }
    return o;
  }

  private static IllegalArgumentException bad(String key, Object v, String wanted) {
    return new IllegalArgumentException("'" + key + "' must be " + wanted + ", got " + describe(v));
  }
}
