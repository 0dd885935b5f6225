package dev.glasscart.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic demo catalog (1,300+ products in 18 categories) generated from the data tables
 * in {@code demo-catalog.json} next to this class: per category a title and description template,
 * option lists (colour, material, gender, waterproof, ...), size ranges, price surcharges, real
 * brands' models with a base price and quality, and review snippets. A fixed seed makes every run
 * produce the same list.
 *
 * <p>Templates: {@code {key}} is the attribute value, {@code {Key}} the same in title case,
 * {@code {?key:text}} inserts text when the attribute is "yes", {@code {Gender}} reads "Men's".
 * A review snippet prefixed {@code [key=value]} is used only for products with that attribute, so
 * snippets agree with the product's facts. Options listed twice are twice as likely.
 *
 * <p>Pure, blocking only to read its class path resource (milliseconds); thread-safe.
 */
public final class DemoCatalog {

  private static final String RESOURCE = "demo-catalog.json";

  private DemoCatalog() {}

  /** Generates the demo catalog; the same list on every call. */
  public static List<Product> generate() {
    return generate(1);
  }

  /**
   * The demo catalog with at least {@code products} products: every category's count is
   * multiplied by the same whole factor (so the category mix stays), each product drawing its
   * options, price, rating and reviews afresh. {@code generate(n)} for n up to the base size is
   * {@link #generate()}; the same list on every call. For load and scale benchmarks.
   */
  public static List<Product> generate(int products) {
    if (products < 1) throw new IllegalArgumentException("a demo catalog needs at least 1 product, got " + products);
    JsonNode spec = readSpec();
    int base = 0;
    for (JsonNode category : spec.path("categories")) base += category.path("count").asInt();
    return generate(spec, (products + base - 1) / base);
  }

  private static List<Product> generate(JsonNode spec, int factor) {
    Random random = new Random(spec.path("seed").asLong());
    Map<String, String> genderLabels = strings(spec.path("genderLabels"));
    List<Product> out = new ArrayList<>();
    for (JsonNode category : spec.path("categories")) {
      JsonNode models = category.path("models");
      int count = category.path("count").asInt() * factor;
      for (int i = 0; i < count; i++) {
        JsonNode model = models.get(i % models.size());
        out.add(product(String.format("gc-%05d", out.size() + 1), category, model, genderLabels, random));
      }
    }
    return out;
  }

  private static Product product(String id, JsonNode category, JsonNode model, Map<String, String> genderLabels,
      Random random) {
    Map<String, String> attrs = new LinkedHashMap<>();
    Map<String, JsonNode> options = new LinkedHashMap<>();
    category.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue()));
    model.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue()));
    options.forEach((key, values) -> attrs.put(key, values.get(random.nextInt(values.size())).asText()));
    JsonNode sizes = category.path("sizes").path(attrs.getOrDefault("gender", ""));
    if (sizes.isArray()) attrs.put("size", sizeRange(sizes, random));

    Map<String, String> vars = new LinkedHashMap<>(attrs);
    String brand = model.path("brand").asText();
    vars.put("brand", brand);
    vars.put("model", model.path("model").asText());
    vars.put("noun", model.path("noun").asText(category.path("noun").asText()));
    vars.put("Gender", genderLabels.getOrDefault(attrs.getOrDefault("gender", ""), ""));

    double price = model.path("price").asDouble() * (0.92 + 0.16 * random.nextDouble());
    for (Map.Entry<String, String> e : attrs.entrySet()) {
      price += category.path("surcharge").path(e.getKey() + "=" + e.getValue()).asDouble(0);
    }
    price = Math.max(1, Math.floor(price)) - 0.01;
    double rating = model.path("q").asDouble() + random.nextGaussian() * 0.25 - (random.nextInt(12) == 0 ? 1.2 : 0);
    rating = Math.round(Math.min(5.0, Math.max(1.0, rating)) * 10) / 10.0;
    int reviewCount = 3 + (int) Math.exp(random.nextDouble() * 8);
    int stock = random.nextInt(9) == 0 ? 0 : 1 + random.nextInt(150);

    Set<String> tags = new LinkedHashSet<>();
    category.path("tags").forEach(t -> tags.add(t.asText()));
    attrs.forEach((key, value) -> {
      if (value.equals("yes")) tags.add(key.replace('_', ' '));
    });
    if (attrs.containsKey("gender")) tags.add(attrs.get("gender"));

    return new Product(id, DemoTemplate.render(category.path("title").asText(), vars),
        DemoTemplate.render(category.path("description").asText(), vars), brand, category.path("name").asText(),
        price, "USD", rating, reviewCount, List.copyOf(tags), attrs, stock,
        reviews(category.path("reviews"), rating, attrs, vars, random), null);
  }

  /** A contiguous run of at least three sizes, e.g. "7, 8, 9, 10". */
  private static String sizeRange(JsonNode sizes, Random random) {
    int n = sizes.size();
    int from = random.nextInt(Math.max(1, n - 2));
    int to = from + 3 + random.nextInt(Math.max(1, n - from - 2));
    List<String> picked = new ArrayList<>();
    for (int i = from; i < Math.min(n, to); i++) picked.add(sizes.get(i).asText());
    return String.join(", ", picked);
  }

  /** Two or three snippets; the mix of praise and complaints follows the rating. */
  private static List<String> reviews(JsonNode reviews, double rating, Map<String, String> attrs,
      Map<String, String> vars, Random random) {
    List<String> good = DemoTemplate.applicable(reviews.path("good"), attrs);
    List<String> bad = DemoTemplate.applicable(reviews.path("bad"), attrs);
    int total = 2 + random.nextInt(2);
    int complaints = rating >= 4.3 ? 0 : rating >= 3.5 ? 1 : total - 1;
    List<String> out = new ArrayList<>();
    pick(bad, Math.min(complaints, bad.size()), random, out);
    pick(good, total - out.size(), random, out);
    return out.stream().map(t -> DemoTemplate.render(t, vars)).toList();
  }

  private static void pick(List<String> from, int n, Random random, List<String> out) {
    List<String> pool = new ArrayList<>(from);
    for (int i = 0; i < n && !pool.isEmpty(); i++) out.add(pool.remove(random.nextInt(pool.size())));
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static JsonNode readSpec() {
    try (InputStream in = DemoCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing class path resource " + RESOURCE + " next to DemoCatalog");
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read demo catalog tables " + RESOURCE, e);
    }
  }
}
