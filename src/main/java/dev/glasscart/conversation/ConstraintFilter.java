package dev.glasscart.conversation;

import dev.glasscart.catalog.Catalog;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Constraint.Kind;
import dev.glasscart.query.Language;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Keeps only the products that satisfy every hard constraint, sorts them by the SORT constraint
 * (stable, so the caller's ranking breaks ties), and when nothing fits says why in words backed
 * by catalog facts: it relaxes one constraint (group) at a time, first over the candidates, then
 * over the whole catalog, and reports the closest relaxation ("nothing under $20; the cheapest
 * is $24.99", "no Nike in brown; Nike has black and grey"). A constraint is never dropped
 * silently: an empty result stays empty, with the note and the relaxed alternative on the side.
 *
 * <p>Includes of one kind are alternatives: several BRAND constraints match a product of any of
 * those brands (likewise CATEGORY, and ATTRIBUTE per key); everything else must hold together.
 *
 * <p>Over the whole catalog ({@link #keepInCatalog}, {@link #fittingInCatalog}, the relaxations
 * tried on the catalog) each constraint's matching products are remembered as a set of catalog
 * rows, so a turn combines sets instead of testing every product again: a catalog-wide filter
 * (a constraint-only request, the search widened to everything that fits) was a pass over the
 * catalog per turn. The sets are a pure function of the catalog this filter was made for.
 *
 * <p>Immutable and thread-safe; CPU only, linear in the products scanned per relaxation tried.
 */
public final class ConstraintFilter {

  /** The products kept, in order; a note when none are; the closest relaxation, if any helps. */
  public record Result(List<Product> products, String note, Optional<Relaxation> relaxation) {
    public Result {
      products = List.copyOf(products);
      note = note == null ? "" : note;
    }
  }

  /** What relaxing {@code dropped} (one constraint, or one group of alternatives) would give. */
  public record Relaxation(List<Constraint> dropped, List<Product> products, String note) {
    public Relaxation {
      dropped = List.copyOf(dropped);
      products = List.copyOf(products);
    }
  }

  private final Catalog catalog;
  /** The catalog's currency, for amounts in notes that no product's price speaks for. */
  private final String currency;

  /** Constraints whose catalog rows are remembered at most; the memo starts afresh when full. */
  static final int MAX_REMEMBERED = 2_000;
  /** (kind, field, value) to the catalog rows that meet it; never changed once put. */
  private final Map<Key, BitSet> rows = new ConcurrentHashMap<>();

  /** What a constraint tests, without the turn that set it. */
  private record Key(Kind kind, String field, String value) {}

  /** Each of the catalog's products (the instances themselves) to its row. */
  private final IdentityHashMap<Product, Integer> rowOf;

  public ConstraintFilter(Catalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.currency = Money.dominantCurrency(catalog);
    List<Product> all = catalog.products();
    this.rowOf = new IdentityHashMap<>(all.size());
    for (int i = 0; i < all.size(); i++) rowOf.put(all.get(i), i);
  }

  /**
   * The products of {@code pool} (in its order) that meet every group: by the remembered rows for
   * the catalog's own products, by testing for any other (a product of an earlier snapshot).
   */
  private List<Product> among(List<Product> pool, List<Group> groups) {
    if (groups.isEmpty()) return List.copyOf(pool);
    BitSet fitting = rowsOf(groups);
    List<Product> out = new ArrayList<>();
    for (Product p : pool) {
      Integer row = rowOf.get(p);
      if (row != null ? fitting.get(row) : meetsAll(p, groups)) out.add(p);
    }
    return out;
  }

  /** {@link #keep} over the whole catalog: the fitting products, in catalog order, sorted by any SORT. */
  public List<Product> keepInCatalog(List<Constraint> constraints) {
    return sorted(fittingInCatalog(constraints), constraints);
  }

  /** The catalog's products that meet every hard constraint, in catalog order (no SORT applied). */
  public List<Product> fittingInCatalog(List<Constraint> constraints) {
    return productsAt(rowsOf(groups(constraints)));
  }

  private List<Product> productsAt(BitSet set) {
    List<Product> all = catalog.products();
    List<Product> out = new ArrayList<>(set.cardinality());
    for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) out.add(all.get(i));
    return out;
  }

  /** The rows meeting every group (any of a group's alternatives); a new set the caller may change. */
  private BitSet rowsOf(List<Group> groups) {
    int n = catalog.products().size();
    BitSet out = new BitSet(n);
    out.set(0, n);
    for (Group g : groups) {
      BitSet any = new BitSet(n);
      for (Constraint c : g.constraints()) any.or(rowsOf(c));
      out.and(any);
    }
    return out;
  }

  private BitSet rowsOf(Constraint c) {
    Key key = new Key(c.kind(), c.field(), c.value());
    BitSet known = rows.get(key);
    if (known != null) return known;
    Predicate<Product> test = c.predicate();
    List<Product> all = catalog.products();
    BitSet set = new BitSet(all.size());
    for (int i = 0; i < all.size(); i++) {
      if (test.test(all.get(i))) set.set(i);
    }
    if (rows.size() >= MAX_REMEMBERED) rows.clear();
    rows.put(key, set);
    return set;
  }

  /** Filters and sorts {@code candidates} (in the caller's ranked order) by {@code constraints}. */
  public Result apply(List<Product> candidates, List<Constraint> constraints) {
    List<Product> kept = keep(candidates, constraints);
    return kept.isEmpty() ? whyNone(candidates, constraints) : new Result(kept, "", Optional.empty());
  }

  /** {@link #apply}'s products alone: the fitting candidates, sorted, without a note. */
  public List<Product> keep(List<Product> candidates, List<Constraint> constraints) {
    return sorted(among(candidates, groups(constraints)), constraints);
  }

  /**
   * {@link #apply}'s result for candidates none of which fits: the note and the closest
   * relaxation, computed over {@code candidates}, then the whole catalog.
   */
  public Result whyNone(List<Product> candidates, List<Constraint> constraints) {
    return whyNone(candidates, constraints, Language.EN);
  }

  /** As {@link #whyNone(List, List)}, the note in the shopper's {@code language}. */
  public Result whyNone(List<Product> candidates, List<Constraint> constraints, Language language) {
    List<Group> groups = groups(constraints);
    if (groups.isEmpty()) return new Result(List.of(), "", Optional.empty());
    Optional<Relaxation> r = relax(others -> among(candidates, others), groups, constraints, language);
    if (r.isEmpty()) r = relax(others -> productsAt(rowsOf(others)), groups, constraints, language);
    List<Constraint> hard = constraints.stream().filter(c -> c.kind() != Kind.SORT).toList();
    String note = r.map(Relaxation::note).orElseGet(() -> language == Language.ZH
        ? "没有商品同时符合：" + String.join("、", hard.stream().map(c -> c.describe(currency, Language.ZH)).toList())
            + "；放宽其中任何一项也无济于事"
        : "nothing matches all of: " + String.join(", ", hard.stream().map(c -> c.describe(currency)).toList())
            + "; relaxing any single one of them does not help either");
    return new Result(List.of(), note, r);
  }

  /** Whether {@code p} satisfies every hard constraint (includes of one kind being alternatives). */
  public static boolean satisfies(Product p, List<Constraint> constraints) {
    return fits(constraints).test(p);
  }

  /** {@link #satisfies} for many products: the constraints are prepared once. */
  public static Predicate<Product> fits(List<Constraint> constraints) {
    List<Group> groups = groups(constraints);
    return p -> meetsAll(p, groups);
  }

  private static boolean meetsAll(Product p, List<Group> groups) {
    for (Group g : groups) {
      if (!g.test().test(p)) return false;
    }
    return true;
  }

  /** A group of alternatives and whether a product meets any of them. */
  private record Group(List<Constraint> constraints, Predicate<Product> test) {}

  /** Hard constraints grouped: includes of one kind (and attribute key) together, others alone. */
  private static List<Group> groups(List<Constraint> constraints) {
    Map<String, List<Constraint>> groups = new LinkedHashMap<>();
    int i = 0;
    for (Constraint c : constraints) {
      if (c.kind() == Kind.SORT) continue;
      String key = c.kind().include() ? c.kind() + "/" + c.field() : "#" + i++;
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
    }
    List<Group> out = new ArrayList<>(groups.size());
    for (List<Constraint> g : groups.values()) out.add(new Group(List.copyOf(g), anyOf(g)));
    return out;
  }

  private static Predicate<Product> anyOf(List<Constraint> alternatives) {
    if (alternatives.size() == 1) return alternatives.getFirst().predicate();
    List<Predicate<Product>> tests = alternatives.stream().map(Constraint::predicate).toList();
    return p -> {
      for (Predicate<Product> t : tests) {
        if (t.test(p)) return true;
      }
      return false;
    };
  }

  static List<Product> sorted(List<Product> products, List<Constraint> constraints) {
    Optional<Constraint> sort = constraints.stream().filter(c -> c.kind() == Kind.SORT).reduce((a, b) -> b);
    if (sort.isEmpty()) return products;
    Comparator<Product> order = switch (Constraint.Sort.valueOf(sort.get().value())) {
      case CHEAPEST -> Comparator.comparingDouble(Product::price);
      case PRICIEST -> Comparator.comparingDouble(Product::price).reversed();
      case BEST_RATED -> Comparator.comparingDouble(Product::rating).reversed().thenComparing(Comparator.comparingInt(Product::reviewCount).reversed());
      case MOST_REVIEWED -> Comparator.comparingInt(Product::reviewCount).reversed();
    };
    List<Product> out = new ArrayList<>(products);
    out.sort(order);
    return out;
  }

  /** {@code fitting}: the products of the pool tried (candidates or catalog, in order) that meet the groups. */
  private Optional<Relaxation> relax(java.util.function.Function<List<Group>, List<Product>> fitting, List<Group> groups,
      List<Constraint> all, Language language) {
    Relaxation best = null;
    double bestCost = Double.MAX_VALUE;
    for (Group g : groups) {
      List<Group> others = groups.stream().filter(x -> x != g).toList();
      List<Product> fits = fitting.apply(others);
      if (fits.isEmpty()) continue;
      double cost = RelaxationNotes.cost(g.constraints(), fits);
      if (cost < bestCost) {
        bestCost = cost;
        List<Constraint> kept = all.stream().filter(c -> !g.constraints().contains(c)).toList();
        best = new Relaxation(g.constraints(), sorted(fits, kept),
            RelaxationNotes.note(g.constraints(), others.stream().map(Group::constraints).toList(), fits, language));
      }
    }
    return Optional.ofNullable(best);
  }
}
