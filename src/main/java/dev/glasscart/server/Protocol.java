package dev.glasscart.server;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Product;
import dev.glasscart.catalog.graph.RelationStore;
import dev.glasscart.conversation.ConversationRepository;
import dev.glasscart.conversation.Exposure;
import dev.glasscart.conversation.Feedback;
import dev.glasscart.conversation.TurnRecord;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Language;
import dev.glasscart.query.Understanding;
import dev.glasscart.ranking.Contribution;
import dev.glasscart.ranking.RankedProduct;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The JSON shapes of docs/protocol.md, in one place: every event and item the server sends is
 * built here so the WebSocket, the HTTP API and the stored transcripts agree.
 */
public final class Protocol {
  /** Frames above this size are refused with {@code frame_too_large}. */
  public static final int MAX_FRAME_BYTES = 16 * 1024;
  /** Longest shopper message, in characters. */
  public static final int MAX_TEXT_CHARS = 2000;

  private Protocol() {}

  public static JsonObject event(String type) {
    return new JsonObject().put("type", type);
  }

  /**
   * The text of an event of {@code type} for turn {@code turn} whose other fields are those of
   * {@code body}, a JSON object's encoded text: what {@code event(type).put("turn", turn).mergeIn(body)}
   * encodes to, without decoding a body that is already text.
   */
  static String eventText(String type, int turn, String body) {
    String head = "{\"type\":" + io.vertx.core.json.Json.encode(type) + ",\"turn\":" + turn;
    String rest = body.strip();
    if (!rest.startsWith("{") || !rest.endsWith("}")) throw new IllegalArgumentException("not a JSON object: " + body);
    String fields = rest.substring(1, rest.length() - 1).strip();
    return fields.isEmpty() ? head + "}" : head + "," + fields + "}";
  }

  /**
   * What a shopper's {@code done.fallback} says about why the built-in explainer took over: the
   * reason's code alone ({@code first_token_timeout}, {@code stall_timeout}, {@code answer_timeout},
   * {@code empty_answer}, {@code error}), never the upstream URL or error body that follow it; those
   * stay in the stored turn's details for agents.
   */
  public static String publicFallback(String reason) {
    if (reason == null) return null;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[a-z_]+").matcher(reason);
    return m.find() ? m.group() : "error";
  }

  /**
   * Every error code the server sends, on the socket ({@code {"type":"error","code"}}) and over
   * HTTP ({@code {"error":{"code"}}}); docs/protocol.md says when each is sent. The wire form is
   * the constant's name in lower case.
   */
  public enum ErrorCode {
    // chat socket: the frame
    BAD_JSON, UNKNOWN_TYPE, EMPTY_TEXT, TEXT_TOO_LONG, CONTROL_CHARACTERS, FRAME_TOO_LARGE, BINARY_NOT_SUPPORTED,
    // chat socket: the conversation and its turns
    BUSY, UNKNOWN_CONVERSATION, NOT_YOUR_CONVERSATION, UNAVAILABLE, NOTHING_TO_CANCEL, BAD_CONSTRAINT,
    NO_CONVERSATION, BAD_FEEDBACK, BAD_OPENED, NOT_SAVED, TURN_TAKEN, DELETED, INTERNAL,
    // HTTP only
    BAD_REQUEST, UNAUTHORIZED, NOT_FOUND, METHOD_NOT_ALLOWED, TOO_LARGE, ERROR;

    /** The code as it goes on the wire: {@code not_saved}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP error code for a response status. */
    public static ErrorCode forStatus(int status) {
      return switch (status) {
        case 400 -> BAD_REQUEST;
        case 401 -> UNAUTHORIZED;
        case 404 -> NOT_FOUND;
        case 405 -> METHOD_NOT_ALLOWED;
        case 413 -> TOO_LARGE;
        case 503 -> UNAVAILABLE;
        default -> status >= 500 ? INTERNAL : ERROR;
      };
    }
  }

  /**
   * An error event. {@code message} is written for the shopper: never an exception's message,
   * which may carry internals (SQL, hosts, paths); those go to the log (see {@link #incident}).
   */
  public static JsonObject error(ErrorCode code, String message) {
    return event("error").put("code", code.wire()).put("message", message);
  }

  /** The body of an HTTP error response. */
  public static JsonObject httpError(ErrorCode code, String message) {
    return new JsonObject().put("error", new JsonObject().put("code", code.wire()).put("message", message));
  }

  /**
   * A short id for a server fault: logged with the exception and sent to the shopper in its place
   * (in an {@code internal} error's message), so support can find the log line without the shopper
   * seeing internals.
   */
  public static String incident() {
    return "e-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 16);
  }

  /**
   * Index of the first control character of {@code text} (U+0000 to U+001F other than tab, line
   * feed and carriage return, U+007F to U+009F), or -1. Shopper text holding one is refused: it
   * means nothing to a shopper and U+0000 cannot be stored.
   */
  public static int controlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) return i;
    }
    return -1;
  }

  /** The {@code control_characters} error for {@code field}, whose character at {@code at} is one. */
  public static JsonObject controlCharacterError(String field, String text, int at) {
    return error(ErrorCode.CONTROL_CHARACTERS, String.format(Locale.ROOT,
        "'%s' contains the control character U+%04X at position %d; send it without control characters",
        field, (int) text.charAt(at), at));
  }

  public static JsonObject item(RankedProduct r) {
    return item(r, Language.EN);
  }

  /** As {@link #item(RankedProduct)}, the contributions' labels in the shopper's {@code language}. */
  public static JsonObject item(RankedProduct r, Language language) {
    Product p = r.product();
    JsonArray contributions = new JsonArray();
    for (Contribution c : r.contributions()) {
      contributions.add(new JsonObject()
          .put("feature", c.feature())
          .put("label", c.label(language))
          .put("value", c.value())
          .put("raw", c.raw()));
    }
    return new JsonObject()
        .put("rank", r.rank())
        .put("productId", p.id())
        .put("title", p.title())
        .put("price", p.price())
        .put("currency", p.currency())
        .put("brand", p.brand())
        .put("category", p.category())
        .put("rating", p.rating())
        .put("reviewCount", p.reviewCount())
        .put("inStock", p.inStock())
        .put("imageUrl", p.imageUrl())
        .put("score", r.score())
        .put("contributions", contributions);
  }

  public static JsonArray items(List<RankedProduct> ranked) {
    return items(ranked, Language.EN);
  }

  /** As {@link #items(List)}, labels in the shopper's {@code language}. */
  public static JsonArray items(List<RankedProduct> ranked, Language language) {
    JsonArray a = new JsonArray();
    ranked.forEach(r -> a.add(item(r, language)));
    return a;
  }

  public static JsonObject constraint(Constraint c, String currency) {
    return constraint(c, currency, Language.EN);
  }

  /** As {@link #constraint(Constraint, String)}, the label in the shopper's {@code language}. */
  public static JsonObject constraint(Constraint c, String currency, Language language) {
    return new JsonObject()
        .put("kind", c.kind().name().toLowerCase(Locale.ROOT))
        .put("field", c.field())
        .put("value", c.value())
        .put("turn", c.turn())
        .put("label", c.describe(currency, language));
  }

  /** The body of an {@code understanding} event (without type and turn); amounts in {@code currency}. */
  public static JsonObject understanding(Understanding u, String currency) {
    return understanding(u, currency, Language.EN);
  }

  /** As {@link #understanding(Understanding, String)}, chip labels in the shopper's {@code language}. */
  public static JsonObject understanding(Understanding u, String currency, Language language) {
    JsonArray cs = new JsonArray();
    u.constraints().forEach(c -> cs.add(constraint(c, currency, language)));
    JsonObject out = new JsonObject()
        .put("query", u.query())
        .put("intent", u.intent().name().toLowerCase(Locale.ROOT))
        .put("constraints", cs)
        .put("referencedProductIds", new JsonArray(u.referencedProductIds()))
        .put("page", u.page());
    if (u.chat() != null) out.put("chat", u.chat().name().toLowerCase(Locale.ROOT));
    if (u.related() != null) out.put("relation", u.related().wire());
    return out;
  }

  /** A search turn's candidate counts as stored in its details for the fairness measure. */
  public static JsonObject exposure(Exposure x) {
    return new JsonObject().put("candidates", x.candidates())
        .put("brands", new JsonObject(new LinkedHashMap<>(x.brands())))
        .put("priceBands", new JsonObject(new LinkedHashMap<>(x.priceBands())))
        .put("bandLimits", new JsonArray(x.bandLimits()));
  }

  /** The graph's edges from one product, as {@code GET /api/products/{id}/related} answers. */
  public static JsonObject related(String productId, List<RelationStore.Related> edges) {
    JsonArray out = new JsonArray();
    for (RelationStore.Related e : edges) {
      out.add(new JsonObject().put("relation", e.relation().wire()).put("productId", e.productId())
          .put("title", e.title()).put("reason", e.reason()).put("weight", e.weight()));
    }
    return new JsonObject().put("productId", productId).put("edges", out);
  }

  /** Parses a constraint sent by a client in {@code remove_constraint}; null if malformed. */
  public static Constraint parseConstraint(Object o) {
    if (!(o instanceof JsonObject j)) return null;
    String kind = j.getValue("kind") instanceof String s ? s : null;
    if (kind == null) return null;
    try {
      Constraint.Kind k = Constraint.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
      String field = j.getValue("field") instanceof String f ? f : "";
      Object v = j.getValue("value");
      String value = v == null ? "" : v.toString();
      return new Constraint(k, field, value, 0);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A stored turn as the agent API shows it; its payloads are the JSON that was sent. */
  public static JsonObject turn(TurnRecord t) {
    return new JsonObject()
        .put("conversationId", t.conversationId())
        .put("turn", t.turn())
        // the turn's id in the logs (ConversationRepository.turnId), so the console and the logs meet
        .put("turnId", ConversationRepository.turnId(t.conversationId(), t.turn()))
        .put("userText", t.userText())
        .put("understanding", t.understanding() == null ? null : new JsonObject(t.understanding()))
        .put("results", t.results() == null ? null : new JsonArray(t.results()))
        .put("explanation", t.explanation())
        .put("explainer", t.explainer())
        .put("timings", t.timings() == null ? null : new JsonObject(t.timings()))
        .put("details", new JsonObject(t.details()))
        .put("createdAt", t.createdAt().toString());
  }

  /** A stored verdict as the agent API shows it. */
  public static JsonObject feedback(Feedback f) {
    return new JsonObject().put("turn", f.turn()).put("productId", f.productId())
        .put("helpful", f.helpful()).put("reason", f.reason())
        .put("features", f.features() == null ? null : new JsonObject(f.features()))
        .put("createdAt", f.createdAt() == null ? null : f.createdAt().toString());
  }

  public static JsonObject product(Product p) {
    return new JsonObject()
        .put("id", p.id())
        .put("title", p.title())
        .put("description", p.description())
        .put("brand", p.brand())
        .put("category", p.category())
        .put("price", p.price())
        .put("currency", p.currency())
        .put("rating", p.rating())
        .put("reviewCount", p.reviewCount())
        .put("tags", new JsonArray(p.tags()))
        .put("attributes", new JsonObject(new LinkedHashMap<>(p.attributes())))
        .put("stock", p.stock())
        .put("inStock", p.inStock())
        .put("reviews", new JsonArray(p.reviews()))
        .put("imageUrl", p.imageUrl());
  }

  /**
   * The body of a {@code comparison} event: the compared products' facts side by side, one row per
   * fact (price, brand, rating, reviews, stock, score, then each attribute any of them has).
   */
  public static JsonObject comparison(List<RankedProduct> compared) {
    return comparison(compared, Language.EN);
  }

  /** The comparison table's own row names in Chinese; attribute rows keep the catalog's key in words. */
  private static final Map<String, String> ZH_ROWS = Map.of("price", "价格", "currency", "货币", "brand", "品牌",
      "category", "类别", "rating", "评分", "reviewCount", "评价数", "inStock", "库存", "score", "得分");

  /** As {@link #comparison(List)}, the rows named in the shopper's {@code language}. */
  public static JsonObject comparison(List<RankedProduct> compared, Language language) {
    JsonObject table = comparisonTable(compared);
    if (language == Language.ZH) {
      for (Object row : table.getJsonArray("rows")) {
        JsonObject r = (JsonObject) row;
        String zh = ZH_ROWS.get(r.getString("field"));
        if (zh != null) r.put("label", zh);
      }
    }
    return table;
  }

  private static JsonObject comparisonTable(List<RankedProduct> compared) {
    JsonArray products = new JsonArray();
    java.util.LinkedHashSet<String> attributeKeys = new java.util.LinkedHashSet<>();
    for (RankedProduct r : compared) {
      products.add(new JsonObject().put("productId", r.product().id()).put("title", r.product().title()).put("rank", r.rank()));
      attributeKeys.addAll(new java.util.TreeSet<>(r.product().attributes().keySet()));
    }
    JsonArray rows = new JsonArray();
    rows.add(row("price", compared, r -> r.product().price()));
    rows.add(row("currency", compared, r -> r.product().currency()));
    rows.add(row("brand", compared, r -> r.product().brand()));
    rows.add(row("category", compared, r -> r.product().category()));
    rows.add(row("rating", compared, r -> r.product().rating()));
    rows.add(row("reviewCount", compared, r -> r.product().reviewCount()));
    rows.add(row("inStock", compared, r -> r.product().inStock()));
    rows.add(row("score", compared, RankedProduct::score));
    for (String key : attributeKeys) rows.add(row(key, compared, r -> r.product().attribute(key)));
    return new JsonObject().put("products", products).put("rows", rows);
  }

  private static JsonObject row(String field, List<RankedProduct> compared, java.util.function.Function<RankedProduct, Object> value) {
    JsonArray values = new JsonArray();
    for (RankedProduct r : compared) values.add(value.apply(r));
    return new JsonObject().put("field", field).put("label", AttributeNames.inWords(field)).put("values", values);
  }
}
