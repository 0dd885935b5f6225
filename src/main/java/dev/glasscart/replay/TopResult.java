package dev.glasscart.replay;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code topResult}: the first item of the turn's {@code results} has the given product id
 * (exact) and/or a title containing the given phrase (case-insensitive).
 *
 * @param id expected {@code productId}, or null
 * @param titleIncludes phrase the title must contain, or null
 */
public record TopResult(String id, String titleIncludes) implements Expectation {
  public TopResult {
    if ((id == null || id.isBlank()) && (titleIncludes == null || titleIncludes.isBlank())) {
      throw new IllegalArgumentException("illegal topResult: needs a non-blank id or titleIncludes");
    }
  }

  @Override
  public String key() {
    return "topResult";
  }

  @Override
  public List<String> check(TurnEvents turn) {
    List<JsonObject> items = turn.items();
    if (items.isEmpty()) return List.of("no top result: the turn returned no results");
    JsonObject top = items.getFirst();
    String title = top.getString("title", "");
    List<String> reasons = new ArrayList<>();
    if (id != null && !id.equals(top.getString("productId"))) {
      reasons.add("top result is " + top.getString("productId") + " \"" + title + "\", expected " + id);
    }
    if (titleIncludes != null && !title.toLowerCase(Locale.ROOT).contains(titleIncludes.toLowerCase(Locale.ROOT))) {
      reasons.add("top result \"" + title + "\" does not include \"" + titleIncludes + "\"");
    }
    return reasons;
  }
}
