package dev.glasscart.replay;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The server events of one turn, in arrival order, from its {@code understanding} up to and
 * including {@code done} (or up to the error or timeout that ended it). Accessors answer from the
 * first event of each type; a missing event reads as empty.
 *
 * @param events the events as received (JSON objects with a {@code type})
 * @param previousItems the {@code results} items of the transcript's previous turn (empty when it
 *     showed none), or null when this is the first turn; {@code resultsFromPrevious} checks against it
 */
public record TurnEvents(List<JsonObject> events, List<JsonObject> previousItems) {
  public TurnEvents {
    events = List.copyOf(events);
    previousItems = previousItems == null ? null : List.copyOf(previousItems);
  }

  /** A turn with no previous turn (the first of its transcript). */
  public TurnEvents(List<JsonObject> events) {
    this(events, null);
  }

  /** These events as the turn that follows {@code previous} (whose result items it remembers). */
  public TurnEvents after(TurnEvents previous) {
    return new TurnEvents(events, previous.items());
  }

  /** The first event of {@code type}, if any. */
  public Optional<JsonObject> first(String type) {
    return events.stream().filter(e -> type.equals(e.getString("type"))).findFirst();
  }

  public Optional<JsonObject> understanding() {
    return first("understanding");
  }

  public Optional<JsonObject> done() {
    return first("done");
  }

  /** The {@code results} items, or an empty list when no results event came. */
  public List<JsonObject> items() {
    JsonArray items = first("results").map(r -> r.getJsonArray("items", new JsonArray())).orElseGet(JsonArray::new);
    return items.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
  }

  /** The {@code results} note (empty when absent). */
  public String note() {
    return first("results").map(r -> r.getString("note", "")).orElse("");
  }

  /** The explanation: all {@code token} texts concatenated. */
  public String text() {
    return events.stream().filter(e -> "token".equals(e.getString("type")))
        .map(e -> e.getString("text", "")).collect(Collectors.joining());
  }

  /** The understanding's constraints, or an empty list. */
  public List<JsonObject> constraints() {
    JsonArray cs = understanding().map(u -> u.getJsonArray("constraints", new JsonArray())).orElseGet(JsonArray::new);
    return cs.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
  }
}
