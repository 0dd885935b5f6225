package dev.glasscart.ranking;

import dev.glasscart.catalog.AttributeNames;
import dev.glasscart.catalog.Money;
import dev.glasscart.catalog.Product;
import dev.glasscart.profile.ShopperProfile;
import dev.glasscart.profile.ShopperProfile.Preference;
import dev.glasscart.query.Constraint;
import dev.glasscart.query.Language;
import dev.glasscart.query.Constraint.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The {@code profile_...} features of one ranking call: the shopper's profile prepared once (each
 * preference as the catalog test of its constraint kind, {@link Constraint#predicate}, with its
 * decayed weight squashed by {@code tanh}), then per product the natural values and their words
 * in the shopper's terms ("you liked Nike before", "in your usual price range ($40–$90)").
 *
 * <p>A facet the query itself constrains is left to the stated wish: with a brand asked for,
 * {@code profile_brand} is 0; likewise category, an attribute key, and price. Immutable,
 * thread-safe, never blocks.
 */
final class ProfileFeatures {
  static final ProfileFeatures NONE = new ProfileFeatures(List.of(), List.of(), List.of(), Double.NaN, Double.NaN, 0, "");

  /** One preference ready to test products. */
  private record Prepared(Preference preference, Predicate<Product> test, double strength) {}

  private final List<Prepared> brands;
  private final List<Prepared> categories;
  private final List<Prepared> attributes;
  private final double low;
  private final double high;
  private final double priceStrength;
  private final String currency;

  private ProfileFeatures(List<Prepared> brands, List<Prepared> categories, List<Prepared> attributes, double low,
      double high, double priceStrength, String currency) {
    this.brands = brands;
    this.categories = categories;
    this.attributes = attributes;
    this.low = low;
    this.high = high;
    this.priceStrength = priceStrength;
    this.currency = currency;
  }

  /** The profile's features for query {@code q} as of {@code now}. */
  static ProfileFeatures of(ShopperProfile profile, RankingQuery q, Instant now) {
    if (profile == null || profile.isEmpty()) return NONE;
    Set<String> askedFields = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (Constraint c : q.attribute()) askedFields.add(c.field());
    List<Prepared> brands = new ArrayList<>();
    List<Prepared> categories = new ArrayList<>();
    List<Prepared> attributes = new ArrayList<>();
    for (Preference p : profile.current(now)) {
      double strength = Math.tanh(p.weightAt(now));
      switch (p.kind()) {
        case BRAND -> {
          if (q.brand().isEmpty()) brands.add(new Prepared(p, Constraint.of(Kind.BRAND, p.value(), 0).predicate(), strength));
        }
        case CATEGORY -> {
          if (q.category().isEmpty()) {
            categories.add(new Prepared(p, Constraint.of(Kind.CATEGORY, p.value(), 0).predicate(), strength));
          }
        }
        case ATTRIBUTE -> {
          if (!askedFields.contains(p.field())) {
            attributes.add(new Prepared(p, new Constraint(Kind.ATTRIBUTE, p.field(), p.value(), 0).predicate(), strength));
          }
        }
      }
    }
    double lo = Double.NaN;
    double hi = Double.NaN;
    double strength = 0;
    String cur = "";
    var band = profile.currentPrice(now);
    if (band.isPresent() && q.price().isEmpty()) {
      lo = band.get().low();
      hi = band.get().high();
      strength = Math.tanh(band.get().weightAt(now));
      cur = band.get().currency();
    }
    if (brands.isEmpty() && categories.isEmpty() && attributes.isEmpty() && strength == 0) return NONE;
    return new ProfileFeatures(List.copyOf(brands), List.copyOf(categories), List.copyOf(attributes), lo, hi, strength, cur);
  }

  boolean isEmpty() {
    return this == NONE;
  }

  /** Writes the profile features' natural values of {@code p} into {@code natural} ({@link Feature#ALL} order). */
  void fill(double[] natural, Product p) {
    if (isEmpty()) return;
    natural[Feature.PROFILE_BRAND.ordinal()] = sum(brands, p);
    natural[Feature.PROFILE_CATEGORY.ordinal()] = sum(categories, p);
    natural[Feature.PROFILE_ATTRIBUTE.ordinal()] = sum(attributes, p);
    natural[Feature.PROFILE_PRICE.ordinal()] = price(p.price());
  }

  /** Sum of the matching preferences' strengths, clipped to -1..1. */
  private static double sum(List<Prepared> prefs, Product p) {
    double s = 0;
    for (Prepared x : prefs) if (x.test().test(p)) s += x.strength();
    return Math.max(-1, Math.min(1, s));
  }

  /** +strength inside the band; outside, -strength times the relative distance to the band (at most 1). */
  private double price(double price) {
    if (priceStrength == 0 || !(price > 0)) return 0;
    if (Double.isFinite(high) && price > high) return -priceStrength * Math.min(1, (price - high) / high);
    if (Double.isFinite(low) && price < low) return -priceStrength * Math.min(1, (low - price) / low);
    return priceStrength;
  }

  /** Words for a profile feature's value of {@code p}, in the shopper's terms. */
  String label(Feature f, double natural, Product p) {
    return label(f, natural, p, Language.EN);
  }

  /** As {@link #label(Feature, double, Product)}, in {@code language}. */
  String label(Feature f, double natural, Product p, Language language) {
    if (language == Language.ZH) {
      return switch (f) {
        case PROFILE_BRAND -> saidZh(brands, p, natural);
        case PROFILE_CATEGORY -> saidZh(categories, p, natural);
        case PROFILE_ATTRIBUTE -> saidZh(attributes, p, natural);
        case PROFILE_PRICE -> priceLabelZh(p);
        default -> throw new IllegalArgumentException(f.featureName() + " is not a profile feature");
      };
    }
    return switch (f) {
      case PROFILE_BRAND -> said(brands, p, natural);
      case PROFILE_CATEGORY -> said(categories, p, natural);
      case PROFILE_ATTRIBUTE -> said(attributes, p, natural);
      case PROFILE_PRICE -> priceLabel(p);
      default -> throw new IllegalArgumentException(f.featureName() + " is not a profile feature");
    };
  }

  /** "you liked Nike before", "you ruled out grey (colour) before". */
  private static String said(List<Prepared> prefs, Product p, double natural) {
    List<String> liked = new ArrayList<>();
    List<String> disliked = new ArrayList<>();
    sort(prefs, p, liked, disliked);
    List<String> parts = new ArrayList<>();
    if (!liked.isEmpty()) parts.add("you liked " + String.join(", ", liked) + " before");
    if (!disliked.isEmpty()) parts.add("you ruled out " + String.join(", ", disliked) + " before");
    return parts.isEmpty() ? (natural >= 0 ? "fits what you liked before" : "unlike what you liked before") : String.join("; ", parts);
  }

  /** "您之前喜欢Nike", "您之前排除了灰色（colour）". */
  private static String saidZh(List<Prepared> prefs, Product p, double natural) {
    List<String> liked = new ArrayList<>();
    List<String> disliked = new ArrayList<>();
    sort(prefs, p, liked, disliked);
    List<String> parts = new ArrayList<>();
    if (!liked.isEmpty()) parts.add("您之前喜欢" + String.join("、", liked));
    if (!disliked.isEmpty()) parts.add("您之前排除了" + String.join("、", disliked));
    return parts.isEmpty() ? (natural >= 0 ? "符合您之前的喜好" : "不同于您之前的喜好") : String.join("；", parts);
  }

  /** The preferences {@code p} meets, as words, into those liked and those ruled out. */
  private static void sort(List<Prepared> prefs, Product p, List<String> liked, List<String> disliked) {
    for (Prepared x : prefs) {
      if (!x.test().test(p)) continue;
      Preference pref = x.preference();
      // brands and categories as the catalog spells them; attribute values as the shopper said them
      String what = switch (pref.kind()) {
        case BRAND -> p.brand();
        case CATEGORY -> p.category();
        case ATTRIBUTE -> pref.value() + (pref.field().isEmpty() || pref.field().equals(Constraint.TITLE) ? ""
            : " (" + AttributeNames.inWords(pref.field()) + ")");
      };
      (x.strength() > 0 ? liked : disliked).add(what);
    }
  }

  /** "在您常买的价格范围内（200元到500元）". */
  private String priceLabelZh(Product p) {
    String c = currency.isEmpty() ? p.currency() : currency;
    String band = Double.isFinite(low) && Double.isFinite(high) ? Money.formatChinese(low, c) + "到" + Money.formatChinese(high, c)
        : Double.isFinite(high) ? Money.formatChinese(high, c) + "以内" : Money.formatChinese(low, c) + "以上";
    double price = p.price();
    if (Double.isFinite(high) && price > high) return "高于您常买的价格范围（" + band + "）";
    if (Double.isFinite(low) && price < low) return "低于您常买的价格范围（" + band + "）";
    return "在您常买的价格范围内（" + band + "）";
  }

  private String priceLabel(Product p) {
    String c = currency.isEmpty() ? p.currency() : currency;
    String band = Double.isFinite(low) && Double.isFinite(high) ? Money.format(low, c) + "–" + Money.format(high, c)
        : Double.isFinite(high) ? "up to " + Money.format(high, c) : "from " + Money.format(low, c);
    double price = p.price();
    if (Double.isFinite(high) && price > high) return "above your usual price range (" + band + ")";
    if (Double.isFinite(low) && price < low) return "below your usual price range (" + band + ")";
    return "in your usual price range (" + band + ")";
  }
}
