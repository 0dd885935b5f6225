package dev.glasscart.catalog.graph;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the product graph from the catalog itself (docs/graph.md):
 *
 * <ul>
 *   <li>{@code same_brand}: other products of the brand, other categories first, best rated first;
 *   <li>{@code similar}: products of the same category whose title embeddings are close (cosine
 *       at least {@link #MIN_COSINE}) or, before the embeddings exist, that share attribute
 *       values; closeness and shared attribute values together order them;
 *   <li>{@code cheaper_alternative}: of those, the ones at least {@link #CHEAPER_BY} cheaper in
 *       the same currency;
 *   <li>{@code complementary}: products whose category (or a tag) a {@link ComplementRules} target
 *       names, for products whose category (else a tag) a source of the same rule names, by words
 *       and, when given, by meaning; plus pairs of products shoppers liked in the same
 *       conversation ({@link #MIN_LIKED_TOGETHER} conversations or more).
 * </ul>
 *
 * <p>Each product keeps at most {@link #PER_RELATION} edges per relation (cheaper alternatives
 * {@link #CHEAPER_PER_PRODUCT}). Every edge carries its reason in words made of catalog facts.
 * CPU only, blocking for seconds on a large catalog: call it off the event loop. A category with
 * more than {@link #MAX_BLOCK} products compares each product with the first {@code MAX_BLOCK} of
 * it only.
 */
public final class GraphBuilder {
  public static final int PER_RELATION = 8;
  public static final int CHEAPER_PER_PRODUCT = 5;
  /** Least title cosine for {@code similar}; titles of one kind of product sit above it with the bundled encoder. */
  public static final double MIN_COSINE = 0.5;
  /** Least share of attribute keys with equal values for {@code similar} when there are no embeddings. */
  public static final double MIN_SHARED_ATTRIBUTES = 0.34;
  /** A cheaper alternative costs at most this share of the price. */
  public static final double CHEAPER_BY = 0.95;
  public static final int MIN_LIKED_TOGETHER = 2;
  static final int MAX_BLOCK = 4000;
  private static final int SIMILAR_POOL = 30;

  /**
   * What a build's output depends on besides this class's code: bump it when the same inputs would
   * give other edges, so a graph stored by an older version is not reused ({@link #source}).
   */
  static final int FORMAT = 1;

  /** Two products liked (thumbs up) in the same conversations, and in how many. */
  public record LikedPair(String a, String b, int conversations) {}

  /**
   * What a graph was built from, as two SHA-256 digests: {@code catalogKey} covers the products (by
   * the catalog's digest), the rules, the liked-together pairs and {@link #FORMAT};
   * {@code fingerprint} covers that and the title vectors and the rules' phrases by meaning too. Two
   * builds with equal fingerprints give the same edges, so a stored graph with this source can be
   * used instead of building it again.
   */
  public record Source(String catalogKey, String fingerprint) {
    public Source {
      Objects.requireNonNull(catalogKey, "catalogKey");
      Objects.requireNonNull(fingerprint, "fingerprint");
    }
  }

  private final List<Product> products;
  private final ComplementRules rules;
  private Function<String, float[]> titleVector = id -> null;
  private Function<String, Set<String>> categoriesByMeaning = phrase -> Set.of();
  private List<LikedPair> liked = List.of();
  /** The categories each rule phrase stands for by meaning, asked once per phrase (by {@link #source} and the build). */
  private final Map<String, Set<String>> meaning = new HashMap<>();

  public GraphBuilder(List<Product> products, ComplementRules rules) {
    this.products = List.copyOf(products);
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** Title vectors (normalized, so dot = cosine) for {@code similar}; null for none. */
  public GraphBuilder titleVectors(Function<String, float[]> vectors) {
    this.titleVector = vectors == null ? id -> null : vectors;
    return this;
  }

  /** The catalog categories a rule phrase stands for by meaning (the understanding's calibrated mapping). */
  public GraphBuilder meanings(Function<String, Set<String>> categoriesOf) {
    this.categoriesByMeaning = categoriesOf == null ? phrase -> Set.of() : categoriesOf;
    meaning.clear();
    return this;
  }

  public GraphBuilder likedTogether(List<LikedPair> pairs) {
    this.liked = List.copyOf(pairs);
    return this;
  }

  public ProductGraph build() {
    List<Edge> edges = new ArrayList<>();
    Map<String, List<Product>> byCategory = new LinkedHashMap<>();
    for (Product p : products) byCategory.computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p);
    sameBrand(edges);
    similarAndCheaper(byCategory, edges);
    complementary(byCategory, edges);
    return new ProductGraph(edges);
  }

  /**
   * The source of the graph {@link #build} would make, {@code catalogDigest} standing for the
   * products (their stored JSON in order, as {@code PgCatalogRepository.digest} makes it). Reads
   * every title vector and asks the meaning of every rule phrase (remembered for the build).
   * Blocking, CPU: about a tenth of a second for 10,000 products.
   */
  public Source source(String catalogDigest) {
    java.security.MessageDigest key = sha256();
    update(key, "glasscart product graph " + FORMAT);
    update(key, Objects.requireNonNull(catalogDigest, "catalogDigest"));
    update(key, products.size() + " products");
    List<String> phrases = new ArrayList<>();
    for (ComplementRules.Rule rule : rules.rules()) {
      update(key, "rule");
      for (ComplementRules.Phrase p : rule.sources()) {
        update(key, "source " + p.text() + " = " + String.join(" ", p.words()));
        phrases.add(p.text());
      }
      for (ComplementRules.Phrase p : rule.targets()) {
        update(key, "target " + p.text() + " = " + String.join(" ", p.words()));
        phrases.add(p.text());
      }
    }
    List<LikedPair> pairs = new ArrayList<>(liked);
    pairs.sort(Comparator.comparing(LikedPair::a).thenComparing(LikedPair::b).thenComparingInt(LikedPair::conversations));
    for (LikedPair p : pairs) update(key, "liked " + p.a() + " " + p.b() + " " + p.conversations());
    String catalogKey = java.util.HexFormat.of().formatHex(key.digest());

    java.security.MessageDigest all = sha256();
    update(all, catalogKey);
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4 * 1024);
    for (Product p : products) {
      float[] v = titleVector.apply(p.id());
      if (v == null) {
        update(all, "-");
        continue;
      }
      update(all, "v" + v.length);
      for (float f : v) {
        if (buffer.remaining() < 4) {
          all.update(buffer.flip());
          buffer.clear();
        }
        buffer.putInt(Float.floatToIntBits(f));
      }
      all.update(buffer.flip());
      buffer.clear();
    }
    for (String phrase : new java.util.TreeSet<>(phrases)) {
      update(all, "meaning " + phrase + " = " + String.join(", ", new java.util.TreeSet<>(meaning.computeIfAbsent(phrase, categoriesByMeaning))));
    }
    return new Source(catalogKey, java.util.HexFormat.of().formatHex(all.digest()));
  }

  private static java.security.MessageDigest sha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds {@code text} with its length, so no two sequences of texts digest alike. */
  private static void update(java.security.MessageDigest md, String text) {
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    md.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).flip());
    md.update(b);
  }

  // ---- same brand ----

  private static final Comparator<Product> BEST_RATED = Comparator.comparingDouble((Product p) -> p.rating() * Math.log1p(p.reviewCount()))
      .reversed().thenComparing(Product::id);

  private void sameBrand(List<Edge> out) {
    Map<String, Map<String, List<Product>>> brands = new LinkedHashMap<>();
    for (Product p : products) {
      if (p.brand().isBlank()) continue;
      brands.computeIfAbsent(p.brand().toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>())
          .computeIfAbsent(p.category(), k -> new ArrayList<>()).add(p);
    }
    for (Map<String, List<Product>> cats : brands.values()) {
      cats.values().forEach(l -> l.sort(BEST_RATED));
      for (List<Product> own : cats.values()) {
        for (Product p : own) {
          // other categories first (what else the brand makes), round robin, then its own
          List<List<Product>> lists = new ArrayList<>();
          cats.forEach((c, l) -> {
            if (!c.equals(p.category())) lists.add(l);
          });
          lists.add(own);
          List<Product> picked = roundRobin(lists, p, PER_RELATION);
          for (int i = 0; i < picked.size(); i++) {
            Product q = picked.get(i);
            String reason = "also by " + q.brand() + (q.category().equals(p.category()) || q.category().isBlank() ? "" : ", in " + q.category());
            out.add(new Edge(Relation.SAME_BRAND, p.id(), q.id(), reason, PER_RELATION - i));
          }
        }
      }
    }
  }

  private static List<Product> roundRobin(List<List<Product>> lists, Product skip, int limit) {
    List<Product> out = new ArrayList<>();
    int[] next = new int[lists.size()];
    boolean any = true;
    while (out.size() < limit && any) {
      any = false;
      for (int i = 0; i < lists.size() && out.size() < limit; i++) {
        List<Product> l = lists.get(i);
        while (next[i] < l.size() && l.get(next[i]).id().equals(skip.id())) next[i]++;
        if (next[i] < l.size()) {
          out.add(l.get(next[i]++));
          any = true;
        }
      }
    }
    return out;
  }

  // ---- similar and cheaper ----

  private record Scored(Product product, double score, double cosine, List<String> shared) {}

  private void similarAndCheaper(Map<String, List<Product>> byCategory, List<Edge> out) {
    for (Map.Entry<String, List<Product>> cat : byCategory.entrySet()) {
      List<Product> group = cat.getValue();
      List<Product> block = group.subList(0, Math.min(group.size(), MAX_BLOCK));
      List<float[]> vectors = new ArrayList<>(block.size());
      for (Product q : block) vectors.add(titleVector.apply(q.id()));
      for (Product p : group) {
        float[] pv = titleVector.apply(p.id());
        List<Scored> pool = new ArrayList<>();
        for (int j = 0; j < block.size(); j++) {
          Product q = block.get(j);
          if (q.id().equals(p.id())) continue;
          int sharedCount = sharedCount(p, q);
          double attr = sharedCount / (double) Math.max(1, Math.max(p.attributes().size(), q.attributes().size()));
          float[] qv = vectors.get(j);
          double score;
          double cos = Double.NaN;
          if (pv != null && qv != null) {
            cos = dot(pv, qv);
            if (cos < MIN_COSINE) continue;
            score = cos + 0.1 * attr;
          } else {
            if (sharedCount == 0 || attr < MIN_SHARED_ATTRIBUTES) continue;
            score = attr;
          }
          pool.add(new Scored(q, score, cos, null));
        }
        pool.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(s -> s.product().id()));
        if (pool.size() > SIMILAR_POOL) pool = pool.subList(0, SIMILAR_POOL);
        for (int i = 0; i < Math.min(PER_RELATION, pool.size()); i++) {
          Scored s = pool.get(i);
          out.add(new Edge(Relation.SIMILAR, p.id(), s.product().id(), similarReason(p, s), s.score()));
        }
        int cheaper = 0;
        for (Scored s : pool) {
          Product q = s.product();
          if (cheaper >= CHEAPER_PER_PRODUCT) break;
          if (!q.currency().equals(p.currency()) || !(q.price() > 0) || q.price() > p.price() * CHEAPER_BY) continue;
          String reason = Money.format(p.price() - q.price(), p.currency()) + " less; " + similarReason(p, s);
          out.add(new Edge(Relation.CHEAPER_ALTERNATIVE, p.id(), q.id(), reason, s.score()));
          cheaper++;
        }
      }
    }
  }

  private static String similarReason(Product p, Scored s) {
    StringBuilder r = new StringBuilder(p.category().isBlank() ? "similar" : "also " + p.category());
    List<String> shared = sharedAttributes(p, s.product());
    if (!shared.isEmpty()) r.append(", same ").append(String.join(", ", shared.subList(0, Math.min(2, shared.size()))));
    if (s.cosine() >= 0.8) r.append(", a close match by its title");
    return r.toString();
  }

  /** How many attribute keys both have with equal values (ignoring case). */
  private static int sharedCount(Product p, Product q) {
    int n = 0;
    for (Map.Entry<String, String> e : p.attributes().entrySet()) {
      String v = q.attributes().get(e.getKey());
      if (v != null && v.equalsIgnoreCase(e.getValue())) n++;
    }
    return n;
  }

  /** Attribute keys both have with equal values, as "material (leather)", in key order. */
  private static List<String> sharedAttributes(Product p, Product q) {
    List<String> out = new ArrayList<>();
    for (String key : sharedAttributeKeys(p, q)) out.add(AttributeNames.inWords(key) + " (" + q.attribute(key) + ")");
    return out;
  }

  /**
   * The attribute keys {@code p} and {@code q} have with equal values (ignoring case), in key order:
   * what an edge's "same ..." reason names, for anyone wording it again (in another language).
   */
  public static List<String> sharedAttributeKeys(Product p, Product q) {
    List<String> out = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(p.attributes().keySet())) {
      String v = q.attribute(key);
      if (v != null && v.equalsIgnoreCase(p.attribute(key))) out.add(key);
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    return s;
  }

  // ---- complementary ----

  private record Target(ComplementRules.Phrase phrase, ComplementRules.Phrase source, int order, Set<String> categories, boolean byTag) {}

  private void complementary(Map<String, List<Product>> byCategory, List<Edge> out) {
    Map<String, List<String>> categoryWords = new HashMap<>();
    for (String c : byCategory.keySet()) categoryWords.put(c, ComplementRules.words(c));
    Function<ComplementRules.Phrase, Set<String>> categoriesOf = phrase -> {
      Set<String> cats = new LinkedHashSet<>();
      categoryWords.forEach((c, words) -> {
        if (ComplementRules.contains(words, phrase)) cats.add(c);
      });
      if (cats.isEmpty()) cats.addAll(meaning.computeIfAbsent(phrase.text(), categoriesByMeaning));
      cats.retainAll(byCategory.keySet());
      return cats;
    };
    Map<String, Set<String>> tagIndex = new HashMap<>(); // tag words joined -> product ids
    for (Product p : products) {
      for (String t : p.tags()) tagIndex.computeIfAbsent(String.join(" ", ComplementRules.words(t)), k -> new LinkedHashSet<>()).add(p.id());
    }
    Map<String, Product> byId = new HashMap<>();
    for (Product p : products) byId.put(p.id(), p);

    // a category some rule's source names by words takes no other rule's source by meaning
    // ("consoles" must not make laptops a console just because no category is called that)
    Set<String> namedSources = new LinkedHashSet<>();
    for (ComplementRules.Rule rule : rules.rules()) {
      for (ComplementRules.Phrase src : rule.sources()) {
        categoryWords.forEach((c, words) -> {
          if (ComplementRules.contains(words, src)) namedSources.add(c);
        });
      }
    }
    // per category, the targets of every rule whose source names it
    Map<String, List<Target>> targetsOf = new HashMap<>();
    for (ComplementRules.Rule rule : rules.rules()) {
      for (ComplementRules.Phrase src : rule.sources()) {
        Set<String> sourceCats = new LinkedHashSet<>(categoriesOf.apply(src));
        boolean byWords = categoryWords.entrySet().stream().anyMatch(c -> ComplementRules.contains(c.getValue(), src));
        if (!byWords) sourceCats.removeAll(namedSources);
        if (sourceCats.isEmpty()) continue;
        // a category a target of this rule names by words is reached by that phrase, not by another's meaning
        Set<String> namedTargets = new LinkedHashSet<>();
        for (ComplementRules.Phrase tp : rule.targets()) {
          categoryWords.forEach((c, words) -> {
            if (ComplementRules.contains(words, tp)) namedTargets.add(c);
          });
        }
        for (int t = 0; t < rule.targets().size(); t++) {
          ComplementRules.Phrase tp = rule.targets().get(t);
          Set<String> targetCats = new LinkedHashSet<>(categoriesOf.apply(tp));
          ComplementRules.Phrase phrase = tp;
          if (categoryWords.values().stream().noneMatch(words -> ComplementRules.contains(words, phrase))) targetCats.removeAll(namedTargets);
          for (String c : sourceCats) {
            Set<String> cats = new LinkedHashSet<>(targetCats);
            cats.remove(c);
            targetsOf.computeIfAbsent(c, k -> new ArrayList<>()).add(new Target(tp, src, t, cats, false));
          }
        }
      }
    }
    Map<String, Map<String, Edge>> edges = new HashMap<>(); // from -> to -> edge
    Map<String, List<Product>> phraseProducts = new HashMap<>(); // source category | phrase -> candidates
    for (Product p : products) {
      List<Target> targets = targetsOf.getOrDefault(p.category(), List.of());
      if (targets.isEmpty()) continue;
      // per target phrase its best candidates for p; then round robin over the phrases
      Map<String, List<Scored>> perPhrase = new LinkedHashMap<>();
      Map<String, Target> phraseTarget = new HashMap<>();
      Set<String> seen = new LinkedHashSet<>();
      for (Target t : targets) {
        String key = t.phrase().text().toLowerCase(Locale.ROOT);
        if (perPhrase.containsKey(key)) continue;
        List<Product> pool = phraseProducts.computeIfAbsent(p.category() + "|" + key, k -> {
          Set<String> ids = new LinkedHashSet<>();
          for (String c : t.categories()) for (Product q : byCategory.get(c)) ids.add(q.id());
          ids.addAll(tagIndex.getOrDefault(String.join(" ", t.phrase().words()), Set.of()));
          List<Product> l = new ArrayList<>();
          for (String id : ids) if (!byId.get(id).category().equals(p.category())) l.add(byId.get(id));
          return l;
        });
        List<Scored> best = new ArrayList<>(); // the best few, kept sorted
        for (Product q : pool) {
          boolean inCategory = t.categories().contains(q.category());
          double score = (inCategory ? 1.0 : 0.6) / (1 + 0.1 * t.order()) + 0.05 * sharedCount(p, q)
              + (sameBrand(p, q) ? 0.1 : 0) + 0.02 * q.rating();
          keepBest(best, new Scored(q, score, Double.NaN, null), 2 * PER_RELATION);
        }
        perPhrase.put(key, best);
        phraseTarget.put(key, t);
      }
      List<String> keys = new ArrayList<>(perPhrase.keySet());
      int[] next = new int[keys.size()];
      int picked = 0;
      boolean any = true;
      while (picked < PER_RELATION && any) {
        any = false;
        for (int i = 0; i < keys.size() && picked < PER_RELATION; i++) {
          List<Scored> l = perPhrase.get(keys.get(i));
          while (next[i] < l.size() && seen.contains(l.get(next[i]).product().id())) next[i]++;
          if (next[i] >= l.size()) continue;
          Scored s = l.get(next[i]++);
          any = true;
          seen.add(s.product().id());
          Target t = phraseTarget.get(keys.get(i));
          StringBuilder reason = new StringBuilder(t.phrase().text()).append(" go with ").append(t.source().text());
          if (sameBrand(p, s.product())) reason.append(", also by ").append(s.product().brand());
          List<String> shared = sharedAttributes(p, s.product());
          if (!shared.isEmpty()) reason.append(", same ").append(shared.get(0));
          edges.computeIfAbsent(p.id(), k -> new LinkedHashMap<>())
              .put(s.product().id(), new Edge(Relation.COMPLEMENTARY, p.id(), s.product().id(), reason.toString(), s.score()));
          picked++;
        }
      }
    }
    // liked together: both directions, above the rules' weights
    for (LikedPair pair : liked) {
      if (pair.conversations() < MIN_LIKED_TOGETHER) continue;
      Product a = byId.get(pair.a());
      Product b = byId.get(pair.b());
      if (a == null || b == null || a.id().equals(b.id())) continue;
      String said = "liked together by shoppers in " + pair.conversations() + " conversations";
      for (Product[] ab : new Product[][] {{a, b}, {b, a}}) {
        Map<String, Edge> from = edges.computeIfAbsent(ab[0].id(), k -> new LinkedHashMap<>());
        Edge old = from.get(ab[1].id());
        String reason = old == null ? said : old.reason() + "; " + said;
        from.put(ab[1].id(), new Edge(Relation.COMPLEMENTARY, ab[0].id(), ab[1].id(), reason, 2.0 + pair.conversations()));
      }
    }
    edges.values().forEach(m -> out.addAll(m.values()));
  }

  private static final Comparator<Scored> BEST_FIRST = Comparator.comparingDouble(Scored::score).reversed()
      .thenComparing(x -> x.product().id());

  /** Adds {@code s} to {@code best} (sorted, best first) if it is among the {@code limit} best. */
  private static void keepBest(List<Scored> best, Scored s, int limit) {
    int at = java.util.Collections.binarySearch(best, s, BEST_FIRST);
    if (at < 0) at = -at - 1;
    if (at >= limit) return;
    best.add(at, s);
    if (best.size() > limit) best.removeLast();
  }

  private static boolean sameBrand(Product p, Product q) {
    return !p.brand().isBlank() && p.brand().equalsIgnoreCase(q.brand());
  }

}
