package dev.glasscart.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glasscart.catalog.ProductMapper.InvalidRowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * schema.org {@code Product} JSON-LD, as shops embed it in product pages: one object, an array,
 * or an {@code @graph}; a {@code ProductGroup}'s {@code hasVariant} products (sharing the group's
 * name, brand, description, category and image where they state none, and its {@code
 * productGroupID} as {@code item_group_id}); an {@code ItemList}'s {@code itemListElement} items.
 * Other nodes of a graph (a WebPage, an Organization) are not rows and are passed over; a
 * top-level element that is no Product is a row error.
 *
 * <p>Mapping: the id is {@code sku}, else {@code productID}, a {@code gtin*}, {@code mpn}, then
 * {@code @id}; {@code name} the title; {@code brand} a name or a Brand's name; {@code image} a
 * URL, a list or an ImageObject; {@code offers} an Offer, a list of them (the lowest price) or an
 * AggregateOffer ({@code lowPrice}): {@code price} and {@code priceCurrency} (or a {@code
 * priceSpecification}), {@code availability} ("https://schema.org/InStock") in words,
 * {@code itemCondition} as {@code condition}, {@code shippingDetails} as {@code shipping};
 * {@code aggregateRating} scaled to 0..5 from its {@code bestRating}, with {@code reviewCount} or
 * {@code ratingCount}; {@code review} bodies as review snippets; {@code keywords} as tags;
 * {@code color}, {@code material}, {@code size}, {@code pattern}, {@code gtin*}, {@code mpn},
 * {@code model} and each {@code additionalProperty} name/value as attributes. Validation is
 * {@link ProductMapper}'s. Stateless and thread-safe.
 */
final class JsonLdProducts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ID_FIELDS = List.of("sku", "productID", "gtin", "gtin13", "gtin14", "gtin12", "gtin8", "mpn", "@id");
  private static final List<String> FACT_FIELDS = List.of("color", "material", "size", "pattern", "gtin", "gtin13", "gtin14",
      "gtin12", "gtin8", "mpn", "model", "width", "height", "depth", "weight");
  /** schema.org ItemAvailability and OfferItemCondition members in the words the other formats use. */
  private static final Map<String, String> ENUMERATIONS = Map.ofEntries(
      Map.entry("InStock", "in stock"), Map.entry("OutOfStock", "out of stock"), Map.entry("SoldOut", "out of stock"),
      Map.entry("PreOrder", "preorder"), Map.entry("PreSale", "preorder"), Map.entry("BackOrder", "backorder"),
      Map.entry("LimitedAvailability", "limited availability"), Map.entry("InStoreOnly", "in store only"),
      Map.entry("OnlineOnly", "in stock"), Map.entry("Discontinued", "discontinued"),
      Map.entry("NewCondition", "new"), Map.entry("UsedCondition", "used"),
      Map.entry("RefurbishedCondition", "refurbished"), Map.entry("DamagedCondition", "damaged"));

  private JsonLdProducts() {}

  /** Whether {@code node} reads as JSON-LD: an object (or an array's first object) with {@code @context}, {@code @type} or {@code @graph}. */
  static boolean looksLike(JsonNode node) {
    JsonNode first = node != null && node.isArray() && !node.isEmpty() ? node.get(0) : node;
    return first != null && first.isObject() && (first.has("@context") || first.has("@type") || first.has("@graph"));
  }

  static void read(JsonNode document, CatalogImporter.Rows rows) {
    if (document.isArray()) {
      for (int i = 0; i < document.size(); i++) top(document.get(i), "index " + i, rows);
    } else if (document.has("@graph")) {
      JsonNode graph = document.get("@graph");
      for (int i = 0; i < graph.size(); i++) nested(graph.get(i), "@graph[" + i + "]", rows);
    } else {
      top(document, "the document", rows);
    }
  }

  /** A top-level element: must be a product (or a group or list of them). */
  private static void top(JsonNode node, String location, CatalogImporter.Rows rows) {
    if (node != null && node.isObject() && node.has("@graph")) {
      JsonNode graph = node.get("@graph");
      for (int i = 0; i < graph.size(); i++) nested(graph.get(i), location + " @graph[" + i + "]", rows);
    } else if (!nested(node, location, rows)) {
      rows.reject(location, "@type", "not a schema.org Product: @type " + (node == null ? "missing" : node.path("@type")));
    }
  }

  /** Reads a product, group or list; false when {@code node} is none of them. */
  private static boolean nested(JsonNode node, String location, CatalogImporter.Rows rows) {
    if (node == null || !node.isObject()) return false;
    if (isA(node, "ProductGroup")) {
      JsonNode variants = node.path("hasVariant");
      List<JsonNode> list = variants.isArray() ? toList(variants) : variants.isObject() ? List.of(variants) : List.of();
      for (int i = 0; i < list.size(); i++) product(inherit(list.get(i), node), location + " hasVariant[" + i + "]", rows);
      return true;
    }
    if (isA(node, "Product") || isA(node, "IndividualProduct") || isA(node, "ProductModel")) {
      product(node, location, rows);
      return true;
    }
    if (isA(node, "ItemList")) {
      JsonNode elements = node.path("itemListElement");
      for (int i = 0; i < elements.size(); i++) {
        JsonNode e = elements.get(i);
        nested(e.has("item") ? e.get("item") : e, location + " itemListElement[" + i + "]", rows);
      }
      return true;
    }
    return false;
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static boolean isA(JsonNode node, String type) {
    JsonNode t = node.get("@type");
    if (t == null) return false;
    if (t.isArray()) {
      for (JsonNode e : t) if (typeName(e.asText()).equals(type)) return true;
      return false;
    }
    return typeName(t.asText()).equals(type);
  }

  /** "https://schema.org/Product", "schema:Product" and "Product" alike. */
  private static String typeName(String t) {
    int cut = Math.max(t.lastIndexOf('/'), t.lastIndexOf(':'));
    return t.substring(cut + 1);
  }

  /** A variant with the group's own facts where it states none. */
  private static JsonNode inherit(JsonNode variant, JsonNode group) {
    if (!variant.isObject()) return variant;
    ObjectNode v = ((ObjectNode) variant).deepCopy();
    for (String f : List.of("name", "description", "brand", "category", "image", "aggregateRating", "material", "pattern")) {
      if (!v.has(f) && group.has(f)) v.set(f, group.get(f));
    }
    JsonNode gid = group.has("productGroupID") ? group.get("productGroupID") : group.get("@id");
    if (gid != null && !v.has("inProductGroupWithID")) v.set("inProductGroupWithID", gid);
    return v;
  }

  private static void product(JsonNode node, String location, CatalogImporter.Rows rows) {
    try {
      rows.add(location, record(node));
    } catch (InvalidRowException e) {
      rows.reject(location, e.field(), e.getMessage());
    }
  }

  /** The product node as {@link ProductMapper}'s JSON object. */
  static ObjectNode record(JsonNode p) throws InvalidRowException {
    ObjectNode out = JSON.createObjectNode();
    for (String f : ID_FIELDS) {
      String id = text(p.get(f));
      if (id != null) {
        out.put("id", id);
        break;
      }
    }
    put(out, "title", text(p.get("name")));
    put(out, "description", text(p.get("description")));
    put(out, "brand", name(p.get("brand")));
    put(out, "category", text(p.get("category")));
    put(out, "imageUrl", image(p.get("image")));
    ObjectNode attributes = out.putObject("attributes");
    ArrayNode tags = out.putArray("tags");

    JsonNode offer = offer(p.get("offers"));
    if (offer != null) {
      JsonNode spec = offer.path("priceSpecification");
      if (spec.isArray()) spec = spec.path(0);
      JsonNode price = firstPresent(offer.get("price"), offer.get("lowPrice"), spec.get("price"));
      if (price != null) out.set("price", price);
      put(out, "currency", text(firstPresent(offer.get("priceCurrency"), spec.get("priceCurrency"))));
      putAttribute(attributes, "availability", enumeration(offer.get("availability")));
      putAttribute(attributes, "condition", enumeration(offer.get("itemCondition")));
      putAttribute(attributes, "shipping", shipping(offer.get("shippingDetails")));
    }
    if (!attributes.has("condition")) putAttribute(attributes, "condition", enumeration(p.get("itemCondition")));

    JsonNode rating = p.get("aggregateRating");
    if (rating != null && rating.isObject()) {
      Double value = number(rating.get("ratingValue"), "aggregateRating.ratingValue");
      Double best = number(rating.get("bestRating"), "aggregateRating.bestRating");
      if (value != null) {
        double scale = best == null || best <= 0 ? 5 : best;
        out.put("rating", Math.round(value / scale * 5 * 100) / 100.0);
      }
      JsonNode count = firstPresent(rating.get("reviewCount"), rating.get("ratingCount"));
      if (count != null) out.set("reviewCount", count);
    }
    JsonNode reviews = p.get("review");
    if (reviews != null) {
      ArrayNode snippets = out.putArray("reviews");
      for (JsonNode r : reviews.isArray() ? toList(reviews) : List.of(reviews)) {
        String body = text(firstPresent(r.get("reviewBody"), r.get("description")));
        if (body != null) snippets.add(body);
      }
    }
    JsonNode keywords = p.get("keywords");
    if (keywords != null) {
      if (keywords.isArray()) keywords.forEach(k -> tags.add(k.asText()));
      else for (String k : keywords.asText().split(",")) if (!k.isBlank()) tags.add(k.strip());
    }
    for (String f : FACT_FIELDS) putAttribute(attributes, f, name(p.get(f)));
    putAttribute(attributes, "item_group_id", text(p.get("inProductGroupWithID")));
    JsonNode audience = p.path("audience");
    putAttribute(attributes, "gender", text(audience.get("suggestedGender")));
    JsonNode properties = p.get("additionalProperty");
    if (properties != null) {
      for (JsonNode prop : properties.isArray() ? toList(properties) : List.of(properties)) {
        String key = text(prop.get("name"));
        if (key != null) putAttribute(attributes, key, name(prop.get("value")));
      }
    }
    return out;
  }

  /** The offer that prices the product: the one Offer, the cheapest of a list, or an AggregateOffer. */
  private static JsonNode offer(JsonNode offers) throws InvalidRowException {
    if (offers == null || offers.isNull()) return null;
    if (!offers.isArray()) return offers.isObject() ? offers : null;
    JsonNode best = null;
    Double lowest = null;
    for (JsonNode o : offers) {
      Double price = number(firstPresent(o.get("price"), o.path("priceSpecification").get("price")), "offers.price");
      if (best == null || price != null && (lowest == null || price < lowest)) {
        best = o;
        lowest = price;
      }
    }
    return best;
  }

  private static Double number(JsonNode v, String field) throws InvalidRowException {
    if (v == null || v.isNull()) return null;
    if (v.isNumber()) return v.asDouble();
    try {
      return Double.parseDouble(v.asText().strip());
    } catch (NumberFormatException e) {
      throw new InvalidRowException(field, "bad " + field + " '" + v.asText() + "': not a number");
    }
  }

  private static JsonNode firstPresent(JsonNode... nodes) {
    for (JsonNode n : nodes) if (n != null && !n.isNull() && !n.isMissingNode()) return n;
    return null;
  }

  private static String text(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode() || v.isContainerNode()) return null;
    String s = v.asText();
    return s.isBlank() ? null : s.strip();
  }

  /** A plain value, or a Thing's {@code name} (a Brand, a SizeSpecification, a QuantitativeValue's value and unit). */
  private static String name(JsonNode v) {
    if (v == null || v.isNull()) return null;
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode e : v) {
        String s = name(e);
        if (s != null) parts.add(s);
      }
      return parts.isEmpty() ? null : String.join(", ", parts);
    }
    if (v.isObject()) {
      String n = text(v.get("name"));
      if (n != null) return n;
      String value = text(v.get("value"));
      String unit = text(v.get("unitText"));
      return value == null ? null : unit == null ? value : value + " " + unit;
    }
    return text(v);
  }

  private static String image(JsonNode v) {
    if (v == null) return null;
    if (v.isArray()) return v.isEmpty() ? null : image(v.get(0));
    if (v.isObject()) return text(firstPresent(v.get("url"), v.get("contentUrl")));
    return text(v);
  }

  /** "https://schema.org/InStock" -> "in stock"; an unknown member in words ("SomethingNew" -> "something new"). */
  private static String enumeration(JsonNode v) {
    String s = text(v);
    if (s == null) return null;
    String member = typeName(s);
    String known = ENUMERATIONS.get(member);
    return known != null ? known : member.replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ").toLowerCase(Locale.ROOT);
  }

  /** OfferShippingDetails in words: "$4.95 (US)", "free (US, CA)". */
  private static String shipping(JsonNode details) {
    if (details == null || details.isNull()) return null;
    List<String> out = new ArrayList<>();
    for (JsonNode d : details.isArray() ? toList(details) : List.of(details)) {
      JsonNode rate = d.path("shippingRate");
      String value = text(rate.get("value"));
      if (value == null) continue;
      double amount;
      try {
        amount = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        continue;
      }
      String cost = amount == 0 ? "free" : Money.format(amount, text(rate.get("currency")));
      JsonNode dest = d.path("shippingDestination");
      List<String> where = new ArrayList<>();
      for (JsonNode x : dest.isArray() ? toList(dest) : List.of(dest)) {
        String country = text(x.get("addressCountry"));
        if (country != null) where.add(country);
      }
      out.add(where.isEmpty() ? cost : cost + " (" + String.join(", ", where) + ")");
    }
    return out.isEmpty() ? null : String.join("; ", out);
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null) node.put(field, value);
  }

  private static void putAttribute(ObjectNode attributes, String key, String value) {
    if (value != null && !value.isBlank() && !attributes.has(key) && !value.startsWith("http")) attributes.put(key, value);
  }
}
