package dev.glasscart.server;

import dev.glasscart.catalog.Product;
import dev.glasscart.conversation.ConversationService;
import dev.glasscart.explanation.BuiltinExplainer;
import dev.glasscart.explanation.Claim;
import dev.glasscart.explanation.Fact;
import dev.glasscart.query.Constraint;
import dev.glasscart.ranking.RankedProduct;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The MCP tools agents call (docs/protocol.md, "MCP"): their definitions with JSON Schemas for
 * the arguments, and the calls, which answer with the same JSON shapes the widget and the HTTP API
 * get ({@link Protocol}) from the same search, ranking and explanation code
 * ({@link ConversationService}, {@link BuiltinExplainer}). Every tool only reads.
 *
 * <p>{@link #call} blocks (retrieval and ranking): run it on the retrieval workers. A bad argument
 * is a {@link ToolException}, reported to the agent as a tool error it can correct. Thread-safe.
 */
final class McpTools {
  /** Most results one search returns, as for {@code POST /api/search}. */
  static final int MAX_LIMIT = 100;
  static final int DEFAULT_LIMIT = 10;
  /** Most products one comparison takes. */
  static final int MAX_COMPARED = 10;

  /** A call the agent can fix: an argument that is missing or wrong, a product that does not exist. */
  static final class ToolException extends RuntimeException {
    ToolException(String message) {
      super(message);
    }
  }

  private final ConversationService conversations;
  private final BuiltinExplainer explainer = new BuiltinExplainer();
  private final JsonArray definitions;

  /** Tools over the conversations' catalog as it is at each call (live changes included). */
  McpTools(ConversationService conversations) {
    this.conversations = conversations;
    this.definitions = build();
  }

  /** The tools as {@code tools/list} lists them. */
  JsonArray definitions() {
    return definitions.copy();
  }

  private static JsonArray build() {
    JsonObject filters = new JsonObject().put("type", "object")
        .put("description", "hard filters, all of which a product must meet")
        .put("properties", new JsonObject()
            .put("minPrice", number("lowest price, in the catalog's currency", 0, null))
            .put("maxPrice", number("highest price, in the catalog's currency", 0, null))
            .put("brand", oneOrMany("brand name as the catalog spells it (case does not matter); several are alternatives"))
            .put("category", oneOrMany("category as the catalog names it (case does not matter); several are alternatives"))
            .put("minRating", number("least average rating, 0 to 5 stars", 0, 5.0))
            .put("inStock", new JsonObject().put("type", "boolean").put("description", "true: only products in stock")))
        .put("additionalProperties", false);
    JsonObject query = new JsonObject().put("type", "string").put("maxLength", Protocol.MAX_TEXT_CHARS);
    JsonObject limit = new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", MAX_LIMIT).put("default", DEFAULT_LIMIT);
    JsonObject id = new JsonObject().put("type", "string").put("minLength", 1).put("description", "a product id, as search_products returns it");
    JsonArray tools = new JsonArray();
    tools.add(tool("search_products", "Search products",
        "Ranks catalog products for a shopper's request, as the shop's assistant does. Each item has its rank, catalog"
            + " facts and score; its contributions (one per ranking feature, labelled in words) add up to the score exactly.",
        schema(new JsonObject()
            .put("query", query.copy().put("description", "what the shopper wants, in their words; may be empty when filters are given"))
            .put("filters", filters)
            .put("limit", limit.copy().put("description", "how many ranked items to return")), "query")));
    tools.add(tool("get_product", "Get a product",
        "A product's catalog record: title, description, brand, category, price and currency, rating, reviews, tags,"
            + " attributes, stock and image.",
        schema(new JsonObject().put("id", id), "id")));
    tools.add(tool("compare_products", "Compare products",
        "Compares products side by side: one row per fact (price, brand, rating, reviews, stock, score, each attribute),"
            + " the data the shop's widget shows for a comparison, and each product ranked against the query when one is given.",
        schema(new JsonObject()
            .put("ids", new JsonObject().put("type", "array").put("items", id).put("minItems", 2).put("maxItems", MAX_COMPARED)
                .put("uniqueItems", true).put("description", "the products to compare, in the order to show them"))
            .put("query", query.copy().put("description", "rank them against this request (optional)"))
            .put("filters", filters), "ids")));
    tools.add(tool("explain_ranking", "Explain a ranking",
        "Why a product ranks where it does for a query (and filters): its rank, score and the contributions that make it"
            + " up, or why search_products with that limit does not show it (a filter it breaks, retrieval not finding it,"
            + " a lower score than the shown ones), with sentences each resting on the facts listed under them.",
        schema(new JsonObject()
            .put("query", query.copy().put("description", "the request, as given to search_products"))
            .put("productId", id)
            .put("filters", filters)
            .put("limit", limit.copy().put("description", "how many results count as shown, as for search_products")),
            "query", "productId")));
    return tools;
  }

  private static JsonObject tool(String name, String title, String description, JsonObject inputSchema) {
    return new JsonObject().put("name", name).put("title", title).put("description", description)
        .put("inputSchema", inputSchema)
        .put("annotations", new JsonObject().put("readOnlyHint", true).put("destructiveHint", false)
            .put("idempotentHint", true).put("openWorldHint", false));
  }

  private static JsonObject schema(JsonObject properties, String... required) {
    return new JsonObject().put("type", "object").put("properties", properties)
        .put("required", new JsonArray(List.of(required))).put("additionalProperties", false);
  }

  private static JsonObject number(String description, double min, Double max) {
    JsonObject n = new JsonObject().put("type", "number").put("minimum", min).put("description", description);
    if (max != null) n.put("maximum", max);
    return n;
  }

  private static JsonObject oneOrMany(String description) {
    JsonObject s = new JsonObject().put("type", "string").put("minLength", 1);
    return new JsonObject().put("description", description).put("anyOf", new JsonArray()
        .add(s).add(new JsonObject().put("type", "array").put("items", s.copy()).put("minItems", 1)));
  }

  boolean exists(String name) {
    return switch (name) {
      case "search_products", "get_product", "compare_products", "explain_ranking" -> true;
      default -> false;
    };
  }

  /** Runs tool {@code name} (one {@link #exists}) with {@code args}; the structured result. Blocking. */
  JsonObject call(String name, JsonObject args) {
    return switch (name) {
      case "search_products" -> search(args);
      case "get_product" -> product(args);
      case "compare_products" -> compare(args);
      case "explain_ranking" -> explain(args);
      default -> throw new ToolException("unknown tool '" + name + "'");
    };
  }

  private JsonObject search(JsonObject args) {
    allowOnly(args, "query", "filters", "limit");
    String query = text(args, "query", true);
    List<Constraint> constraints = filters(args);
    if (query.isBlank() && constraints.isEmpty()) throw new ToolException("'query' is empty and no filters are given: give one or both");
    int limit = limit(args);
    List<RankedProduct> ranked = conversations.search(query, constraints, limit);
    return new JsonObject().put("query", query).put("filters", describe(constraints))
        .put("items", Protocol.items(ranked)).put("notes", notes(constraints, ranked));
  }

  private JsonObject product(JsonObject args) {
    allowOnly(args, "id");
    return Protocol.product(known(text(args, "id", true), "id"));
  }

  private JsonObject compare(JsonObject args) {
    allowOnly(args, "ids", "query", "filters");
    if (!(args.getValue("ids") instanceof JsonArray ids)) throw new ToolException("'ids' must be an array of product ids");
    if (ids.size() < 2 || ids.size() > MAX_COMPARED) {
      throw new ToolException("'ids' must hold 2 to " + MAX_COMPARED + " product ids, got " + ids.size());
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!(ids.getValue(i) instanceof String id) || id.isBlank()) throw new ToolException("'ids[" + i + "]' must be a product id (a string)");
      known(id, "ids[" + i + "]");
      if (!wanted.add(id)) throw new ToolException("'ids' names '" + id + "' twice");
    }
    String query = args.containsKey("query") ? text(args, "query", false) : "";
    List<Constraint> constraints = filters(args);
    List<RankedProduct> ranked = conversations.compare(query, constraints, List.copyOf(wanted));
    return Protocol.comparison(ranked).put("query", query).put("filters", describe(constraints)).put("items", Protocol.items(ranked));
  }

  private JsonObject explain(JsonObject args) {
    allowOnly(args, "query", "productId", "filters", "limit");
    String query = text(args, "query", true);
    String id = text(args, "productId", true);
    known(id, "productId");
    List<Constraint> constraints = filters(args);
    if (query.isBlank() && constraints.isEmpty()) throw new ToolException("'query' is empty and no filters are given: give one or both");
    int limit = limit(args);
    ConversationService.Placement p = conversations.place(query, constraints, id, limit).orElseThrow(
        () -> new ToolException("no product with id '" + id + "'"));
    boolean shown = p.rank() >= 1 && p.rank() <= limit;
    String status = shown ? "shown" : !p.unmet().isEmpty() ? "filtered_out" : p.rank() > 0 ? "below_limit" : "not_retrieved";
    JsonObject out = Protocol.item(p.product());
    out.put("rank", p.rank() == 0 ? null : p.rank());
    JsonArray claims = new JsonArray();
    for (Claim c : explainer.claims(p.evidence())) {
      JsonArray basis = new JsonArray();
      for (Fact f : c.basis()) basis.add(new JsonObject().put("productId", f.productId()).put("name", f.name()).put("value", f.value()));
      claims.add(new JsonObject().put("sentence", c.sentence()).put("basis", basis));
    }
    return out.put("query", query).put("filters", describe(constraints)).put("limit", limit)
        .put("status", status).put("shown", shown).put("wouldRank", p.wouldRank()).put("total", p.total())
        .put("retrieved", p.retrieved()).put("unmetFilters", describe(p.unmet()))
        .put("reasons", reasons(status, p, limit))
        .put("shownScores", new JsonObject().put("first", p.top().isEmpty() ? null : p.top().getFirst().score())
            .put("last", p.top().isEmpty() ? null : p.top().getLast().score()))
        .put("explanation", claims);
  }

  /** The plain reasons for a status, each from the placement's data. */
  private JsonArray reasons(String status, ConversationService.Placement p, int limit) {
    JsonArray out = new JsonArray();
    String currency = conversations.currency();
    switch (status) {
      case "shown" -> out.add("it ranks #" + p.rank() + " of " + p.total() + ", within the first " + limit);
      case "below_limit" -> out.add("it ranks #" + p.rank() + " of " + p.total() + ", below the first " + limit
          + " (the last of them scores " + fmt(p.top().getLast().score()) + ", it " + fmt(p.product().score()) + ")");
      case "filtered_out" -> {
        for (Constraint c : p.unmet()) out.add("it does not meet the filter '" + c.describe(currency) + "'");
      }
      default -> { }
    }
    if (!p.retrieved()) {
      out.add("retrieval did not find it for this query: no query word matches its text and its meaning is not among the closest");
    }
    if (p.rank() == 0) out.add("scored with the listed products it would stand at #" + p.wouldRank() + " of " + (p.total() + 1));
    return out;
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.4f", d);
  }

  /** What the agent should know about an answer: filters no product could meet, an empty or short list. */
  private JsonArray notes(List<Constraint> constraints, List<RankedProduct> ranked) {
    JsonArray notes = new JsonArray();
    for (Constraint c : constraints) {
      if ((c.kind() == Constraint.Kind.BRAND || c.kind() == Constraint.Kind.CATEGORY)
          && conversations.catalog().products().stream().noneMatch(c.predicate())) {
        notes.add("no product in the catalog has the " + c.kind().name().toLowerCase(Locale.ROOT) + " '" + c.value() + "'");
      }
    }
    if (ranked.isEmpty()) notes.add("nothing in the catalog matches this query and these filters");
    return notes;
  }

  private JsonArray describe(List<Constraint> constraints) {
    JsonArray a = new JsonArray();
    for (Constraint c : constraints) a.add(Protocol.constraint(c, conversations.currency()));
    return a;
  }

  private Product known(String id, String name) {
    Optional<Product> p = conversations.catalog().get(id);
    if (p.isEmpty()) throw new ToolException("'" + name + "': no product with id '" + id + "'");
    return p.get();
  }

  private static void allowOnly(JsonObject args, String... names) {
    Set<String> allowed = Set.of(names);
    for (String k : args.fieldNames()) {
      if (!allowed.contains(k)) throw new ToolException("unknown argument '" + k + "' (known: " + String.join(", ", names) + ")");
    }
  }

  private static String text(JsonObject args, String name, boolean required) {
    Object v = args.getValue(name);
    if (v == null) {
      if (required) throw new ToolException("'" + name + "' is required");
      return "";
    }
    if (!(v instanceof String s)) throw new ToolException("'" + name + "' must be a string");
    if (s.length() > Protocol.MAX_TEXT_CHARS) {
      throw new ToolException("'" + name + "' has " + s.length() + " characters; the limit is " + Protocol.MAX_TEXT_CHARS);
    }
    int at = Protocol.controlCharacter(s);
    if (at >= 0) throw new ToolException(Protocol.controlCharacterError(name, s, at).getString("message"));
    return s.strip();
  }

  private static int limit(JsonObject args) {
    Object l = args.getValue("limit", DEFAULT_LIMIT);
    // compared as a double: intValue() of 4294967297 wraps to 1
    if (!(l instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1 || n.doubleValue() > MAX_LIMIT) {
      throw new ToolException("'limit' must be a whole number between 1 and " + MAX_LIMIT);
    }
    return n.intValue();
  }

  /** The {@code filters} argument as constraints, each kind once (several brands or categories are alternatives). */
  static List<Constraint> filters(JsonObject args) {
    Object f = args.getValue("filters");
    if (f == null) return List.of();
    if (!(f instanceof JsonObject filters)) throw new ToolException("'filters' must be an object");
    List<Constraint> out = new ArrayList<>();
    for (String key : filters.fieldNames()) {
      Object v = filters.getValue(key);
      switch (key) {
        case "minPrice" -> out.add(Constraint.of(Constraint.Kind.PRICE_MIN, amount(key, v, Double.MAX_VALUE), 0));
        case "maxPrice" -> out.add(Constraint.of(Constraint.Kind.PRICE_MAX, amount(key, v, Double.MAX_VALUE), 0));
        case "minRating" -> out.add(Constraint.of(Constraint.Kind.RATING_MIN, amount(key, v, 5), 0));
        case "brand" -> names(key, v).forEach(b -> out.add(Constraint.of(Constraint.Kind.BRAND, b, 0)));
        case "category" -> names(key, v).forEach(c -> out.add(Constraint.of(Constraint.Kind.CATEGORY, c, 0)));
        case "inStock" -> {
          if (!(v instanceof Boolean b)) throw new ToolException("'filters.inStock' must be true or false");
          if (b) out.add(Constraint.of(Constraint.Kind.IN_STOCK, "", 0));
        }
        default -> throw new ToolException("unknown filter '" + key + "' (known: minPrice, maxPrice, brand, category, minRating, inStock)");
      }
    }
    Predicate<Constraint> min = c -> c.kind() == Constraint.Kind.PRICE_MIN;
    Predicate<Constraint> max = c -> c.kind() == Constraint.Kind.PRICE_MAX;
    Optional<Constraint> lo = out.stream().filter(min).findFirst();
    Optional<Constraint> hi = out.stream().filter(max).findFirst();
    if (lo.isPresent() && hi.isPresent() && lo.get().number() > hi.get().number()) {
      throw new ToolException("'filters.minPrice' (" + lo.get().value() + ") is above 'filters.maxPrice' (" + hi.get().value() + ")");
    }
    return out;
  }

  private static String amount(String key, Object v, double max) {
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0 || n.doubleValue() > max) {
      throw new ToolException("'filters." + key + "' must be a number from 0" + (max < Double.MAX_VALUE ? " to " + fmtPlain(max) : ""));
    }
    return Double.toString(n.doubleValue());
  }

  private static String fmtPlain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static List<String> names(String key, Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof String s && !s.isBlank()) {
      out.add(s.strip());
    } else if (v instanceof JsonArray a && !a.isEmpty()) {
      for (int i = 0; i < a.size(); i++) {
        if (!(a.getValue(i) instanceof String s) || s.isBlank()) throw new ToolException("'filters." + key + "[" + i + "]' must be a non-empty string");
        out.add(s.strip());
      }
    } else {
      throw new ToolException("'filters." + key + "' must be a non-empty string or an array of them");
    }
    return out;
  }
}
