package dev.glasscart.explanation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.ranking.Contribution;
import dev.glasscart.ranking.RankedProduct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One turn's evidence as the structured data a model sees: each shown product's catalog facts, its
 * contributions and the constraints it meets or fails; the constraints, intent, notes. Nothing from
 * earlier turns. Thread-safe.
 */
final class EvidenceJson {
  static final int MAX_DESCRIPTION = 300;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvidenceJson() {}

  static String render(Evidence e) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("intent", e.understanding().intent().name());
    root.put("query", e.understanding().query());
    root.put("referenced_product_ids", e.understanding().referencedProductIds());
    List<Map<String, Object>> constraints = new ArrayList<>();
    for (Constraint c : e.understanding().constraints()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", c.kind().name());
      if (!c.field().isEmpty()) m.put("field", c.field());
      m.put("value", c.value());
      m.put("label", Wording.wish(c, e));
      constraints.add(m);
    }
    root.put("constraints", constraints);
    root.put("notes", e.notes());
    List<Map<String, Object>> products = new ArrayList<>();
    for (RankedProduct r : e.shown()) products.add(product(r, e.understanding().constraints()));
    root.put("products", products);
    e.answered().ifPresent(a -> root.put("answer", answer(a)));
    if (!e.categories().isEmpty()) root.put("shop_categories", e.categories());
    if (!e.profile().isEmpty()) root.put("shopper_profile", e.profile().toMap());
    if (!e.related().isEmpty()) {
      // product-graph edges: the shown product, how it relates to the anchor, and why
      List<Map<String, Object>> related = new ArrayList<>();
      for (dev.glasscart.catalog.graph.Edge edge : e.related()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("product_id", edge.to());
        m.put("relation", edge.relation().wire());
        m.put("to_product_id", edge.from());
        e.anchor(edge.from()).ifPresent(a -> m.put("to_product_title", a.title()));
        m.put("reason", edge.reason());
        related.add(m);
      }
      root.put("related", related);
    }
    try {
      return neutralise(JSON.writeValueAsString(root));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot write evidence of query '" + e.understanding().query() + "' as JSON", ex);
    }
  }

  /** The question and, per product, the catalog fact that answers it (what the answer may say). */
  private static Map<String, Object> answer(Answer a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("question", a.question().kind().name().toLowerCase(java.util.Locale.ROOT) + " "
        + a.question().aspect().name().toLowerCase(java.util.Locale.ROOT)
        + (a.question().attribute().isEmpty() ? "" : " " + a.question().attribute())
        + (a.question().kind() == dev.glasscart.query.Question.Kind.SUPERLATIVE ? (a.question().highest() ? " highest" : " lowest") : ""));
    m.put("asked_words", a.question().words());
    m.put("catalog_does_not_state_it", a.unstated());
    List<Map<String, Object>> findings = new ArrayList<>();
    for (Answer.Finding f : a.findings()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("product_id", f.productId());
      x.put("found", f.found());
      if (f.found()) {
        x.put("field", f.fact());
        x.put("value", f.value());
      }
      findings.add(x);
    }
    m.put("findings", findings);
    return m;
  }

  private static Map<String, Object> product(RankedProduct r, List<Constraint> constraints) {
    Product p = r.product();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rank", r.rank());
    m.put("id", p.id());
    m.put("title", p.title());
    m.put("brand", p.brand());
    m.put("category", p.category());
    m.put("price", Wording.price(p));
    m.put("rating", Wording.rating(p.rating()));
    m.put("review_count", p.reviewCount());
    m.put("in_stock", p.inStock());
    m.put("stock", p.stock());
    m.put("attributes", new TreeMap<>(p.attributes()));
    m.put("tags", p.tags());
    String d = p.description();
    m.put("description", d.length() > MAX_DESCRIPTION ? d.substring(0, MAX_DESCRIPTION) + "..." : d);
    m.put("score", Math.round(r.score() * 1000) / 1000.0);
    List<Map<String, Object>> cs = new ArrayList<>();
    for (Contribution c : r.contributions()) {
      cs.add(Map.of("feature", c.feature(), "label", c.label(), "value", Math.round(c.value() * 1000) / 1000.0));
    }
    m.put("contributions", cs);
    m.put("matched_terms", new TreeMap<>(r.matchedTerms()));
    List<String> met = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Constraint c : constraints) {
      if (c.kind() == Constraint.Kind.SORT) continue;
      (c.test(p) ? met : failed).add(c.describe(p.currency()));
    }
    m.put("constraints_met", met);
    m.put("constraints_failed", failed);
    return m;
  }

  /**
   * Data must not be able to close its block or open a turn of its own: the block markers and the
   * control tokens of common chat templates ({@code <|im_start|>}, {@code [INST]}, {@code <<SYS>>})
   * are defused wherever they occur.
   */
  static String neutralise(String data) {
    return CHAT_TOKENS.matcher(data.replace("<<<", "< < <").replace(">>>", "> > >"))
        .replaceAll(m -> Matcher.quoteReplacement(String.join(" ", m.group().split(""))));
  }

  private static final Pattern CHAT_TOKENS = Pattern.compile("(?i)<\\|[^|\\s]{0,32}\\|>|\\[/?inst]|<</?sys>>");
}
