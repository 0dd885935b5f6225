package dev.glasscart.storage;

import dev.glasscart.conversation.TrustStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The four trust measures (docs/trust.md) computed from stored turns and feedback, each overall,
 * broken down, and over time by UTC day, explainer and prompt version:
 *
 * <ul>
 *   <li><b>usefulness</b>: helpful rate of the thumbs on explanations, per reason type (the
 *       ranking features with a positive contribution on the judged cards), and the rate of "this
 *       reason is wrong" flags per time a reason type was shown;
 *   <li><b>reliability</b>: the grounding guard's supported-claim rate and withheld sentences over
 *       the turns it checked, and fallbacks to the built-in explainer;
 *   <li><b>safety</b>: instructions in shopper messages detected and set aside (neutralised at the
 *       input, or caught by the guard at the output), prompt leaks the guard blocked, off-topic
 *       and hostile refusals;
 *   <li><b>fairness</b>: per brand and price band, its exposure in shown results against its
 *       share of the relevant (fitting) candidates of the same turns, a disparity ratio flagged
 *       outside [{@link #UNDER}, {@link #OVER}] with enough support; and how often ranking
 *       features named {@code profile_*} decided an order alone.
 * </ul>
 *
 * Pure and stateless: {@link TrustRepository} reads the rows.
 */
public final class TrustMeasures {
  /** A disparity at or above this is over-exposure (the four-fifths rule, either way). */
  public static final double OVER = 1.25;
  public static final double UNDER = 0.8;
  /** Least expected exposure (cards) and turns before a disparity is flagged as systematic. */
  public static final double MIN_EXPECTED = 5;
  public static final int MIN_TURNS = 3;
  static final String WRONG_REASON = "wrong reason: ";
  static final String PROFILE_PREFIX = "profile_";

  /** One stored turn, the columns the measures read. */
  public record TurnRow(String conversationId, int turn, LocalDate day, String explainer, String promptVersion,
      String intent, String chat, JsonObject grounding, String fallback, boolean promptAsked, JsonObject safety,
      JsonObject exposure, JsonArray results) {}

  /** One stored feedback, with its turn's explainer and prompt version. */
  public record FeedbackRow(LocalDate day, String explainer, String promptVersion, String productId, boolean helpful,
      String reason, JsonObject features) {}

  private record Key(String day, String explainer, String promptVersion) {
    static Key of(LocalDate day, String explainer, String promptVersion) {
      return new Key(day.toString(), explainer, promptVersion);
    }

    JsonObject json() {
      return new JsonObject().put("day", day).put("explainer", explainer).put("promptVersion", promptVersion);
    }
  }

  private TrustMeasures() {}

  /** All four measures: {@code {usefulness, reliability, safety, fairness}}. */
  public static JsonObject compute(List<TurnRow> turns, List<FeedbackRow> feedback) {
    return new JsonObject()
        .put("usefulness", usefulness(turns, feedback))
        .put("reliability", reliability(turns))
        .put("safety", safety(turns))
        .put("fairness", fairness(turns));
  }

  static Double rate(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  // ---- usefulness ----

  private static final class Use {
    long feedback, helpful, wrong, shown;
  }

  /** The ranking feature a "this reason is wrong" flag names ({@code wrong reason: <feature> (<label>)}), or null. */
  static String wrongReasonFeature(String reason) {
    if (reason == null || !reason.startsWith(WRONG_REASON)) return null;
    String rest = reason.substring(WRONG_REASON.length()).strip();
    int paren = rest.indexOf(" (");
    String feature = (paren >= 0 ? rest.substring(0, paren) : rest).strip();
    return feature.isEmpty() ? "unknown" : feature;
  }

  /** The reason types of a card: features with a positive contribution. */
  private static Set<String> reasonTypes(JsonArray contributions) {
    Set<String> out = new LinkedHashSet<>();
    if (contributions == null) return out;
    for (Object o : contributions) {
      if (o instanceof JsonObject c && c.getValue("value") instanceof Number v && v.doubleValue() > 0 && c.getString("feature") != null) {
        out.add(c.getString("feature"));
      }
    }
    return out;
  }

  static JsonObject usefulness(List<TurnRow> turns, List<FeedbackRow> feedback) {
    Map<String, Use> byReason = new TreeMap<>();
    Map<Key, Use> series = new TreeMap<>(java.util.Comparator.comparing(Key::day).thenComparing(Key::explainer).thenComparing(Key::promptVersion));
    Use all = new Use();
    for (TurnRow t : turns) {
      if (t.results() == null) continue;
      for (Object o : t.results()) {
        if (!(o instanceof JsonObject item)) continue;
        for (String f : reasonTypes(item.getJsonArray("contributions"))) byReason.computeIfAbsent(f, k -> new Use()).shown++;
      }
    }
    for (FeedbackRow f : feedback) {
      Use s = series.computeIfAbsent(Key.of(f.day(), f.explainer(), f.promptVersion()), k -> new Use());
      String wrong = wrongReasonFeature(f.reason());
      if (wrong != null) {
        all.wrong++;
        s.wrong++;
        byReason.computeIfAbsent(wrong, k -> new Use()).wrong++;
        continue;
      }
      all.feedback++;
      s.feedback++;
      if (f.helpful()) {
        all.helpful++;
        s.helpful++;
      }
      // the reasons the judged card (or every card of the turn, for a thumb on the whole answer) gave
      Set<String> types = new LinkedHashSet<>();
      if (f.features() != null) {
        for (String key : f.features().fieldNames()) {
          if (f.features().getValue(key) instanceof JsonObject card && (f.productId() == null || f.productId().equals(key))) {
            types.addAll(reasonTypes(card.getJsonArray("contributions")));
          }
        }
      }
      for (String type : types) {
        Use u = byReason.computeIfAbsent(type, k -> new Use());
        u.feedback++;
        if (f.helpful()) u.helpful++;
      }
    }
    JsonArray reasons = new JsonArray();
    byReason.forEach((type, u) -> reasons.add(new JsonObject().put("reason", type).put("shown", u.shown)
        .put("feedback", u.feedback).put("helpful", u.helpful).put("helpfulRate", rate(u.helpful, u.feedback))
        .put("wrongFlags", u.wrong).put("wrongRate", rate(u.wrong, u.shown))));
    JsonArray over = new JsonArray();
    series.forEach((k, u) -> over.add(k.json().put("feedback", u.feedback).put("helpful", u.helpful)
        .put("helpfulRate", rate(u.helpful, u.feedback)).put("wrongFlags", u.wrong)));
    return new JsonObject().put("feedback", all.feedback).put("helpful", all.helpful).put("helpfulRate", rate(all.helpful, all.feedback))
        .put("wrongFlags", all.wrong).put("wrongShare", rate(all.wrong, all.feedback + all.wrong))
        .put("byReason", reasons).put("series", over);
  }

  // ---- reliability ----

  private static final class Rel {
    long turns, guarded, claims, supported, sentences, withheld, unfinished, asked, fallbacks;
  }

  static JsonObject reliability(List<TurnRow> turns) {
    Rel all = new Rel();
    Map<Key, Rel> series = new TreeMap<>(java.util.Comparator.comparing(Key::day).thenComparing(Key::explainer).thenComparing(Key::promptVersion));
    Map<String, Long> reasons = new TreeMap<>();
    for (TurnRow t : turns) {
      Rel s = series.computeIfAbsent(Key.of(t.day(), t.explainer(), t.promptVersion()), k -> new Rel());
      for (Rel r : List.of(all, s)) {
        r.turns++;
        if (t.promptAsked() || t.fallback() != null) r.asked++;
        if (t.fallback() != null) r.fallbacks++;
        JsonObject g = t.grounding();
        if (g == null) continue;
        r.guarded++;
        r.claims += g.getLong("claims", 0L);
        r.supported += g.getLong("supported", 0L);
        r.sentences += g.getLong("sentencesChecked", 0L);
        r.withheld += g.getLong("sentencesDropped", 0L);
        JsonArray dropped = g.getJsonArray("dropped", new JsonArray());
        for (Object d : dropped) if (String.valueOf(d).startsWith("unfinished")) r.unfinished++;
      }
      if (t.fallback() != null) reasons.merge(fallbackCode(t.fallback()), 1L, Long::sum);
    }
    JsonArray over = new JsonArray();
    series.forEach((k, r) -> over.add(k.json().mergeIn(reliabilityJson(r))));
    JsonObject byReason = new JsonObject();
    reasons.forEach(byReason::put);
    return reliabilityJson(all).put("fallbackReasons", byReason).put("series", over);
  }

  private static JsonObject reliabilityJson(Rel r) {
    return new JsonObject().put("turns", r.turns).put("guardedTurns", r.guarded).put("claims", r.claims)
        .put("supported", r.supported).put("supportedRate", rate(r.supported, r.claims))
        .put("sentencesChecked", r.sentences).put("sentencesWithheld", r.withheld)
        .put("withheldRate", rate(r.withheld, r.sentences)).put("unfinishedWithheld", r.unfinished)
        .put("modelTurns", r.asked).put("fallbacks", r.fallbacks).put("fallbackRate", rate(r.fallbacks, r.asked));
  }

  /** The code a fallback reason starts with ({@code first_token_timeout}, {@code error}...). */
  static String fallbackCode(String reason) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[a-z_]+").matcher(reason);
    return m.find() ? m.group() : "error";
  }

  // ---- safety ----

  private static final class Safe {
    long turns, attempts, neutralised, caughtAtOutput, leaks, offTopic, hostile;
  }

  /** Whether a withheld sentence was the assistant's instructions, repeated or talked about. */
  static boolean isLeak(String dropped) {
    return dropped.startsWith("repeats the assistant's instructions") || dropped.startsWith("talks about the assistant's instructions");
  }

  static JsonObject safety(List<TurnRow> turns) {
    Safe all = new Safe();
    Map<Key, Safe> series = new TreeMap<>(java.util.Comparator.comparing(Key::day).thenComparing(Key::explainer).thenComparing(Key::promptVersion));
    for (TurnRow t : turns) {
      Safe s = series.computeIfAbsent(Key.of(t.day(), t.explainer(), t.promptVersion()), k -> new Safe());
      long leaks = 0;
      if (t.grounding() != null) {
        for (Object d : t.grounding().getJsonArray("dropped", new JsonArray())) if (isLeak(String.valueOf(d))) leaks++;
      }
      boolean attempt = t.safety() != null && t.safety().getBoolean("instructionsSetAside", false);
      for (Safe x : List.of(all, s)) {
        x.turns++;
        x.leaks += leaks;
        if (attempt) {
          x.attempts++;
          if (leaks == 0) x.neutralised++;
          else x.caughtAtOutput++;
        }
        if ("off_topic".equals(t.chat())) x.offTopic++;
        if ("hostile".equals(t.chat())) x.hostile++;
      }
    }
    JsonArray over = new JsonArray();
    series.forEach((k, x) -> over.add(k.json().mergeIn(safetyJson(x))));
    return safetyJson(all).put("series", over);
  }

  private static JsonObject safetyJson(Safe x) {
    return new JsonObject().put("turns", x.turns).put("injectionAttempts", x.attempts).put("neutralised", x.neutralised)
        .put("caughtAtOutput", x.caughtAtOutput).put("neutralisedRate", rate(x.neutralised, x.attempts))
        .put("promptLeaksBlocked", x.leaks).put("offTopicRefusals", x.offTopic).put("hostileRefusals", x.hostile);
  }

  // ---- fairness ----

  private static final class Exposure {
    double shown, expected;
    final Set<String> turns = new LinkedHashSet<>();
  }

  /** The price band of {@code price} by the turn's stored candidate thirds {@code limits}. */
  static String band(double price, JsonArray limits) {
    if (limits == null || limits.size() < 2) return "unknown";
    return dev.glasscart.conversation.Exposure.band(price, List.of(limits.getDouble(0), limits.getDouble(1)));
  }

  static JsonObject fairness(List<TurnRow> turns) {
    Map<String, Exposure> brands = new TreeMap<>();
    Map<String, Exposure> bands = new TreeMap<>();
    Map<Key, Map<String, Exposure>> seriesBrands = new LinkedHashMap<>();
    Map<Key, Map<String, Exposure>> seriesBands = new LinkedHashMap<>();
    long measured = 0;
    long profileTurns = 0;
    long profilePairs = 0;
    long decidedAlone = 0;
    long pairs = 0;
    for (TurnRow t : turns) {
      JsonArray results = t.results() == null ? new JsonArray() : t.results();
      // profile features deciding alone: adjacent shown pairs whose order the rest of the score reverses
      boolean profile = false;
      for (int i = 0; i + 1 < results.size(); i++) {
        JsonObject a = results.getJsonObject(i);
        JsonObject b = results.getJsonObject(i + 1);
        double pa = profileShare(a);
        double pb = profileShare(b);
        pairs++;
        if (pa != 0 || pb != 0) {
          profile = true;
          profilePairs++;
          double sa = a.getDouble("score", 0.0);
          double sb = b.getDouble("score", 0.0);
          if (sa >= sb && sa - pa < sb - pb) decidedAlone++;
        }
      }
      if (profile) profileTurns++;
      JsonObject x = t.exposure();
      if (x == null || x.getInteger("candidates", 0) == 0 || results.isEmpty()) continue;
      measured++;
      Key key = Key.of(t.day(), t.explainer(), t.promptVersion());
      String turnId = t.conversationId() + "#" + t.turn();
      int candidates = x.getInteger("candidates");
      int shown = results.size();
      JsonArray limits = x.getJsonArray("bandLimits");
      accumulate(x.getJsonObject("brands", new JsonObject()), candidates, shown, results,
          item -> item.getString("brand", ""), turnId, brands, seriesBrands.computeIfAbsent(key, k -> new TreeMap<>()));
      accumulate(x.getJsonObject("priceBands", new JsonObject()), candidates, shown, results,
          item -> band(item.getDouble("price", 0.0), limits), turnId, bands, seriesBands.computeIfAbsent(key, k -> new TreeMap<>()));
    }
    JsonArray flagged = new JsonArray();
    JsonArray brandRows = exposureRows("brand", brands, flagged);
    JsonArray bandRows = exposureRows("priceBand", bands, flagged);
    JsonArray over = new JsonArray();
    for (Key k : seriesBrands.keySet()) {
      JsonObject row = k.json();
      row.put("brands", exposureRows("brand", seriesBrands.get(k), null));
      row.put("priceBands", exposureRows("priceBand", seriesBands.get(k), null));
      over.add(row);
    }
    JsonObject profile = new JsonObject().put("status", profileTurns == 0 ? "not_applicable" : "measured")
        .put("turnsWithProfileFeatures", profileTurns).put("pairsWithProfileFeatures", profilePairs)
        .put("decidedAlone", decidedAlone).put("decidedAloneRate", profileTurns == 0 ? 0.0 : rate(decidedAlone, profilePairs))
        .put("pairs", pairs);
    return new JsonObject().put("turns", measured).put("over", OVER).put("under", UNDER)
        .put("brands", brandRows).put("priceBands", bandRows).put("flagged", flagged)
        .put("profileFeatures", profile).put("series", over);
  }

  /** The sum of a card's {@code profile_*} contributions. */
  private static double profileShare(JsonObject item) {
    double s = 0;
    JsonArray cs = item == null ? null : item.getJsonArray("contributions");
    if (cs == null) return 0;
    for (Object o : cs) {
      if (o instanceof JsonObject c && String.valueOf(c.getString("feature")).startsWith(PROFILE_PREFIX)
          && c.getValue("value") instanceof Number v) s += v.doubleValue();
    }
    return s;
  }

  private static void accumulate(JsonObject candidateCounts, int candidates, int shown, JsonArray results,
      Function<JsonObject, String> groupOf, String turnId, Map<String, Exposure> total, Map<String, Exposure> day) {
    for (String g : candidateCounts.fieldNames()) {
      double expected = shown * candidateCounts.getInteger(g) / (double) candidates;
      for (Map<String, Exposure> m : List.of(total, day)) {
        Exposure e = m.computeIfAbsent(g, k -> new Exposure());
        e.expected += expected;
        e.turns.add(turnId);
      }
    }
    for (Object o : results) {
      if (!(o instanceof JsonObject item)) continue;
      String g = groupOf.apply(item);
      for (Map<String, Exposure> m : List.of(total, day)) m.computeIfAbsent(g, k -> new Exposure()).shown++;
    }
  }

  private static JsonArray exposureRows(String dimension, Map<String, Exposure> groups, JsonArray flagged) {
    double shownAll = 0;
    for (Exposure e : groups.values()) shownAll += e.shown;
    JsonArray out = new JsonArray();
    for (Map.Entry<String, Exposure> g : groups.entrySet()) {
      Exposure e = g.getValue();
      Double disparity = e.expected == 0 ? null : e.shown / e.expected;
      String flag = null;
      if (disparity != null && e.expected >= MIN_EXPECTED && e.turns.size() >= MIN_TURNS) {
        if (disparity >= OVER) flag = "over";
        else if (disparity <= UNDER) flag = "under";
      }
      JsonObject row = new JsonObject().put("dimension", dimension).put("value", g.getKey()).put("shown", (long) e.shown)
          .put("expected", Math.round(e.expected * 1000) / 1000.0)
          .put("exposureShare", shownAll == 0 ? null : e.shown / shownAll)
          .put("candidateShare", shownAll == 0 ? null : e.expected / shownAll)
          .put("disparity", disparity).put("turns", e.turns.size()).put("flag", flag);
      out.add(row);
      if (flag != null && flagged != null) flagged.add(row);
    }
    return out;
  }

  // ---- CSV ----

  /** The measures' names, in the order of the answer. */
  public static final List<String> MEASURES = TrustStore.MEASURES;

  /**
   * One measure as CSV: its rows over time (day, explainer, prompt version), then, for
   * usefulness, one row per reason type and, for fairness, one per brand and price band, with
   * {@code all} in the time columns.
   */
  public static String csv(String measure, JsonObject measures) {
    JsonObject m = Objects.requireNonNull(measures.getJsonObject(measure), () -> "unknown measure " + measure);
    List<JsonObject> rows = new ArrayList<>();
    switch (measure) {
      case "usefulness" -> {
        for (Object o : m.getJsonArray("series")) rows.add(((JsonObject) o).copy().put("reason", "all"));
        for (Object o : m.getJsonArray("byReason")) rows.add(new JsonObject().put("day", "all").put("explainer", "all").put("promptVersion", "all").mergeIn((JsonObject) o));
        return table(rows, List.of("day", "explainer", "promptVersion", "reason", "feedback", "helpful", "helpfulRate", "shown", "wrongFlags", "wrongRate"));
      }
      case "reliability", "safety" -> {
        for (Object o : m.getJsonArray("series")) rows.add((JsonObject) o);
        List<String> cols = new ArrayList<>(List.of("day", "explainer", "promptVersion"));
        JsonObject sample = measure.equals("reliability") ? reliabilityJson(new Rel()) : safetyJson(new Safe());
        cols.addAll(sample.fieldNames());
        return table(rows, cols);
      }
      case "fairness" -> {
        for (Object o : m.getJsonArray("series")) {
          JsonObject s = (JsonObject) o;
          for (String dim : List.of("brands", "priceBands")) {
            for (Object r : s.getJsonArray(dim)) rows.add(((JsonObject) r).copy().put("day", s.getString("day"))
                .put("explainer", s.getString("explainer")).put("promptVersion", s.getString("promptVersion")));
          }
        }
        for (String dim : List.of("brands", "priceBands")) {
          for (Object r : m.getJsonArray(dim)) rows.add(((JsonObject) r).copy().put("day", "all").put("explainer", "all").put("promptVersion", "all"));
        }
        return table(rows, List.of("day", "explainer", "promptVersion", "dimension", "value", "shown", "expected", "exposureShare",
            "candidateShare", "disparity", "turns", "flag"));
      }
      default -> throw new IllegalArgumentException("unknown measure " + measure);
    }
  }

  private static String table(List<JsonObject> rows, List<String> columns) {
    StringBuilder out = new StringBuilder(String.join(",", columns)).append("\r\n");
    for (JsonObject r : rows) {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) out.append(',');
        Object v = r.getValue(columns.get(i));
        out.append(v == null ? "" : cell(String.valueOf(v)));
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  /** A CSV cell (RFC 4180), with a leading formula character defused for spreadsheets. */
  static String cell(String v) {
    String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d.*") ? "'" + v : v;
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return "\"" + s.replace("\"", "\"\"") + "\"";
    return s;
  }
}
