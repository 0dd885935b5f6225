package dev.glasscart.replay;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code grounded: true}: the explanation says nothing the turn's data does not back. Two checks:
 * <ol>
 *   <li>when {@code done.grounding} is present (a guarded model explainer), its
 *       {@code sentencesDropped} is 0: the guard withheld no sentence;
 *   <li>when {@code done.explainer} is {@code builtin} (which has no guard), every number written in
 *       the text is a <em>source number</em> of the turn: of an item in {@code results}, its price,
 *       rating, review count, rank, a number in its title, or a contribution's {@code raw} value
 *       (similarity, coverage); a number in the {@code results} note (the server computes it from the
 *       catalog, e.g. the cheapest price when nothing fits); or a number inside a constraint value
 *       of the {@code understanding}.
 *       A written number matches a source number when they are equal once the source is rounded
 *       half-up to the decimals written ({@code 4.5} matches a rating of 4.46; {@code $1,299}
 *       matches 1299.0); a number followed by {@code %} may also match a source fraction
 *       ({@code 50%} matches 0.5). Thousands separators are ignored.
 * </ol>
 * A turn without {@code done} fails. Pure and thread-safe.
 */
public record Grounded() implements Expectation {
  private static final Pattern NUMBER = Pattern.compile("(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(%?)");

  @Override
  public String key() {
    return "grounded";
  }

  @Override
  public List<String> check(TurnEvents turn) {
    if (turn.done().isEmpty()) return List.of("not grounded: no done event");
    JsonObject done = turn.done().get();
    List<String> reasons = new ArrayList<>();
    JsonObject grounding = done.getJsonObject("grounding");
    if (grounding != null && grounding.getInteger("sentencesDropped", 0) > 0) {
      reasons.add("grounding guard dropped " + grounding.getInteger("sentencesDropped") + " sentence(s): "
          + grounding.getJsonArray("dropped", new JsonArray()).encode());
    }
    if ("builtin".equals(done.getString("explainer"))) {
      Set<BigDecimal> sources = sourceNumbers(turn);
      Matcher m = NUMBER.matcher(turn.text());
      while (m.find()) {
        BigDecimal written = new BigDecimal(m.group(1).replace(",", ""));
        boolean percent = !m.group(2).isEmpty();
        if (!matches(sources, written) && !(percent && matches(sources, written.movePointLeft(2)))) {
          reasons.add("number " + m.group() + " in the text is not among the turn's result or constraint numbers");
        }
      }
    }
    return reasons;
  }

  private static boolean matches(Set<BigDecimal> sources, BigDecimal written) {
    return sources.stream().anyMatch(s -> s.setScale(written.scale(), RoundingMode.HALF_UP).compareTo(written) == 0);
  }

  /** The numbers written in {@code text}, in order, with their written scale (decimals). */
  static List<BigDecimal> numbers(String text) {
    List<BigDecimal> out = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) out.add(new BigDecimal(m.group(1).replace(",", "")));
    return out;
  }

  static Set<BigDecimal> sourceNumbers(TurnEvents turn) {
    Set<BigDecimal> out = new LinkedHashSet<>();
    for (JsonObject item : turn.items()) {
      for (String field : List.of("price", "rating", "reviewCount", "rank")) {
        if (item.getValue(field) instanceof Number n) out.add(new BigDecimal(n.toString()));
      }
      out.addAll(numbers(item.getString("title", "")));
      for (Object c : item.getJsonArray("contributions", new JsonArray())) {
        if (c instanceof JsonObject contribution && contribution.getValue("raw") instanceof Number n && Double.isFinite(n.doubleValue())) {
          out.add(new BigDecimal(n.toString()));
        }
      }
    }
    out.addAll(numbers(turn.note()));
    for (JsonObject c : turn.constraints()) {
      Object v = c.getValue("value");
      if (v != null) out.addAll(numbers(String.valueOf(v)));
    }
    return out;
  }
}
