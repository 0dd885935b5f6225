package dev.glasscart.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps one JSON product object to a {@link Product}, validating as it goes; the texts products share come from the read's {@link StringPool}. Understands our own
 * field names and dummyjson's (numeric id, review objects, thumbnail/images, shipping facts), and
 * the text cells CSV produces ({@code "19.99"}, {@code "a|b"}). Stateless and thread-safe.
 *
 * <p>JSON booleans in {@code attributes} become "yes"/"no", the demo catalog's convention.
 * Defaults: currency USD, rating 0, stock 0, review count = number of review snippets.
 */
final class ProductMapper {

  /** dummyjson facts kept as attributes: JSON field -> attribute key. */
  private static final Map<String, String> DUMMYJSON_FACTS = Map.of(
      "warrantyInformation", "warranty",
      "shippingInformation", "shipping",
      "availabilityStatus", "availability",
      "returnPolicy", "return_policy",
      "weight", "weight",
      "sku", "sku",
      "minimumOrderQuantity", "minimum_order_quantity");

  /** Thrown for a row that cannot become a product; the message says why, {@code field} where (null: the row). */
  static final class InvalidRowException extends Exception {
    private final String field;

    InvalidRowException(String field, String message) {
      super(message);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  /** The product of {@code node}; its shared fields (brand, category, ...) from {@code pool}. */
  Product map(JsonNode node, StringPool pool) throws InvalidRowException {
    if (node == null || !node.isObject()) {
      throw new InvalidRowException(null, "expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType()));
    }
    String id = text(node, "id");
    if (id == null || id.isBlank()) throw new InvalidRowException("id", "missing id");
    String title = text(node, "title");
    if (title == null || title.isBlank()) throw new InvalidRowException("title", "missing title for id '" + id + "'");
    double price = number(node, "price", Double.NaN);
    if (Double.isNaN(price)) throw new InvalidRowException("price", "missing price for id '" + id + "'");
    if (price < 0 || Double.isInfinite(price)) {
      throw new InvalidRowException("price", "bad price " + price + " for id '" + id + "', must be >= 0");
    }
    double rating = number(node, "rating", 0);
    if (!(rating >= 0 && rating <= 5)) {
      throw new InvalidRowException("rating", "rating " + rating + " out of range for id '" + id + "', must be between 0 and 5");
    }
    List<String> reviews = reviews(node.get("reviews"));
    double reviewCount = number(node, "reviewCount", reviews.size());
    if (reviewCount < 0 || reviewCount != Math.rint(reviewCount)) {
      throw new InvalidRowException("reviewCount", "bad reviewCount " + reviewCount + " for id '" + id + "', must be a whole number >= 0");
    }
    double stock = number(node, "stock", 0);
    if (stock != Math.rint(stock)) {
      throw new InvalidRowException("stock", "bad stock " + stock + " for id '" + id + "', must be a whole number");
    }
    return new Product(id.strip(), title.strip(), text(node, "description"), pool.of(text(node, "brand")),
        pool.of(text(node, "category")), price, pool.of(text(node, "currency")), rating, (int) reviewCount,
        pool.of(list(node.get("tags"))), pool.of(attributes(node)), (int) stock, reviews, imageUrl(node));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isMissingNode()) return null;
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static double number(JsonNode node, String field, double fallback) throws InvalidRowException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return fallback;
    if (v.isNumber()) return v.asDouble();
    String s = v.asText().strip();
    if (s.isEmpty()) return fallback;
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new InvalidRowException(field, "bad " + field + " '" + s + "': not a number");
    }
  }

  /** An array of strings, or one '|'-separated string (CSV). */
  private static List<String> list(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) return out;
    if (v.isArray()) {
      v.forEach(e -> addIfPresent(out, e.isValueNode() ? e.asText() : null));
    } else {
      for (String part : v.asText().split("\\|")) addIfPresent(out, part);
    }
    return out;
  }

  /** Review snippets: strings, '|'-separated text, or dummyjson objects with a comment. */
  private static List<String> reviews(JsonNode v) {
    if (v == null || !v.isArray()) return list(v);
    List<String> out = new ArrayList<>();
    v.forEach(e -> addIfPresent(out, e.isObject() ? e.path("comment").asText(null) : e.asText(null)));
    return out;
  }

  private static void addIfPresent(List<String> out, String s) {
    if (s != null && !s.isBlank()) out.add(s.strip());
  }

  private static Map<String, String> attributes(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode attrs = node.get("attributes");
    if (attrs != null && attrs.isObject()) {
      for (Map.Entry<String, JsonNode> e : attrs.properties()) {
        JsonNode v = e.getValue();
        putAttribute(out, e.getKey(), v.isBoolean() ? (v.asBoolean() ? "yes" : "no") : v.isValueNode() ? v.asText() : v.toString());
      }
    }
    DUMMYJSON_FACTS.forEach((field, key) -> putAttribute(out, key, text(node, field)));
    JsonNode d = node.get("dimensions");
    if (d != null && d.isObject()) {
      putAttribute(out, "dimensions", "%s x %s x %s".formatted(
          d.path("width").asText("?"), d.path("height").asText("?"), d.path("depth").asText("?")));
    }
    return out;
  }

  /** Keys are lower-case; "color" becomes the canonical "colour"; blank values are dropped. */
  static void putAttribute(Map<String, String> out, String key, String value) {
    if (key == null || value == null || value.isBlank()) return;
    String k = key.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    if (k.equals("color")) k = "colour";
    out.putIfAbsent(k, value.strip());
  }

  private static String imageUrl(JsonNode node) {
    String url = text(node, "imageUrl");
    if (url == null) url = text(node, "thumbnail");
    JsonNode images = node.get("images");
    if (url == null && images != null && images.isArray() && !images.isEmpty()) url = images.get(0).asText();
    return url == null || url.isBlank() ? null : url;
  }
}
