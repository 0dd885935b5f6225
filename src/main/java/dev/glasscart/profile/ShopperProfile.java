package dev.glasscart.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Glasscart knows about one shopper's taste: signed preferences for brands, categories and
 * attribute values (colour, size, material: any attribute key of the catalog, or {@code title}
 * for a word the title must use), and a usual price band. Immutable; every change returns a new
 * snapshot.
 *
 * <p>Decay: a weight {@code w} last changed at {@code t} counts {@code w * 0.5^((now - t) /
 * HALF_LIFE)} at {@code now}; new evidence first decays the old weight to now, then adds. Entries
 * whose decayed weight falls under {@link #FORGOTTEN} are dropped when the profile is next
 * changed. The price band keeps decayed weighted sums of the stated lower and upper bounds.
 *
 * @param preferences one entry per (kind, field, value), folded to lower case for the key
 * @param price the usual price band, or null when no price was ever stated or liked
 */
public record ShopperProfile(List<Preference> preferences, PriceBand price) {
  /** Evidence this old counts half. */
  public static final Duration HALF_LIFE = Duration.ofDays(30);
  /** Below this decayed absolute weight an entry is dropped. */
  public static final double FORGOTTEN = 0.05;
  public static final ShopperProfile EMPTY = new ShopperProfile(List.of(), null);

  /** What a preference is about. */
  public enum Kind {
    BRAND, CATEGORY, ATTRIBUTE;

    String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One learned preference: positive for liked, negative for ruled out or disliked.
   *
   * @param field the attribute key for {@link Kind#ATTRIBUTE}, empty otherwise
   * @param value as the catalog or the shopper spelled it (the first spelling is kept)
   */
  public record Preference(Kind kind, String field, String value, double weight, Instant updated) {
    public Preference {
      Objects.requireNonNull(kind, "kind");
      field = field == null ? "" : field;
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(updated, "updated");
      if (!Double.isFinite(weight)) throw new IllegalArgumentException("illegal weight " + weight);
    }

    /** The weight decayed to {@code now}. */
    public double weightAt(Instant now) {
      return decayed(weight, updated, now);
    }

    boolean sameKey(Kind k, String f, String v) {
      return kind == k && field.equalsIgnoreCase(f == null ? "" : f) && value.equalsIgnoreCase(v);
    }
  }

  /**
   * The usual price band as decayed weighted sums: {@code lowSum / lowWeight} is the usual lower
   * bound (when {@code lowWeight > 0}), {@code highSum / highWeight} the usual upper bound.
   */
  public record PriceBand(double lowSum, double lowWeight, double highSum, double highWeight, String currency,
      Instant updated) {
    public PriceBand {
      Objects.requireNonNull(updated, "updated");
      currency = currency == null ? "" : currency;
    }

    PriceBand at(Instant now) {
      double f = decayed(1.0, updated, now);
      return new PriceBand(lowSum * f, lowWeight * f, highSum * f, highWeight * f, currency, now);
    }

    /** The usual lower bound, NaN when none was seen. */
    public double low() {
      return lowWeight > 1e-9 ? lowSum / lowWeight : Double.NaN;
    }

    /** The usual upper bound, NaN when none was seen. */
    public double high() {
      return highWeight > 1e-9 ? highSum / highWeight : Double.NaN;
    }

    /** How much evidence the band rests on at {@code now} (decayed), the larger of its two sides. */
    public double weightAt(Instant now) {
      return decayed(Math.max(lowWeight, highWeight), updated, now);
    }
  }

  public ShopperProfile {
    preferences = List.copyOf(preferences);
  }

  static double decayed(double weight, Instant updated, Instant now) {
    double days = Math.max(0, Duration.between(updated, now).toMillis()) / 86_400_000.0;
    return weight * Math.pow(0.5, days / (HALF_LIFE.toMillis() / 86_400_000.0));
  }

  public boolean isEmpty() {
    return preferences.isEmpty() && price == null;
  }

  /** The preference for (kind, field, value), if any. */
  public Optional<Preference> preference(Kind kind, String field, String value) {
    return preferences.stream().filter(p -> p.sameKey(kind, field, value)).findFirst();
  }

  /** Adds {@code delta} to the (kind, field, value) preference at {@code now}, decaying the rest. */
  public ShopperProfile with(Kind kind, String field, String value, double delta, Instant now) {
    if (value == null || value.isBlank() || delta == 0) return this;
    List<Preference> out = new ArrayList<>(preferences.size() + 1);
    boolean found = false;
    for (Preference p : preferences) {
      if (p.sameKey(kind, field, value)) {
        found = true;
        out.add(new Preference(kind, p.field(), p.value(), p.weightAt(now) + delta, now));
      } else {
        out.add(p);
      }
    }
    if (!found) out.add(new Preference(kind, field, value.strip(), delta, now));
    return new ShopperProfile(prune(out, now), price);
  }

  /**
   * Adds one observation to the price band: a lower bound {@code low} and/or an upper bound
   * {@code high} (NaN for none), each with weight {@code weight}.
   */
  public ShopperProfile withPrice(double low, double high, double weight, String currency, Instant now) {
    if (weight <= 0 || (Double.isNaN(low) && Double.isNaN(high))) return this;
    PriceBand b = price == null ? new PriceBand(0, 0, 0, 0, currency, now) : price.at(now);
    double ls = b.lowSum();
    double lw = b.lowWeight();
    double hs = b.highSum();
    double hw = b.highWeight();
    if (Double.isFinite(low)) {
      ls += weight * low;
      lw += weight;
    }
    if (Double.isFinite(high)) {
      hs += weight * high;
      hw += weight;
    }
    return new ShopperProfile(preferences, new PriceBand(ls, lw, hs, hw,
        b.currency().isEmpty() ? currency : b.currency(), now));
  }

  /** Entries still worth keeping at {@code now}. */
  private static List<Preference> prune(List<Preference> ps, Instant now) {
    return ps.stream().filter(p -> Math.abs(p.weightAt(now)) >= FORGOTTEN).toList();
  }

  /** The preferences that still count at {@code now}, strongest first (by decayed absolute weight). */
  public List<Preference> current(Instant now) {
    return preferences.stream().filter(p -> Math.abs(p.weightAt(now)) >= FORGOTTEN)
        .sorted(Comparator.comparingDouble((Preference p) -> -Math.abs(p.weightAt(now)))).toList();
  }

  /** The price band if it still counts at {@code now}. */
  public Optional<PriceBand> currentPrice(Instant now) {
    return price != null && price.weightAt(now) >= FORGOTTEN ? Optional.of(price) : Optional.empty();
  }

  /**
   * The stored form (the {@code shoppers.profile} column and the export) as plain maps and lists,
   * for the edges to write as JSON: {@code preferences} (kind, field, value, weight, updatedAt),
   * {@code halfLifeDays} and, when there is one, {@code price}.
   */
  public Map<String, Object> toMap() {
    List<Object> prefs = new ArrayList<>();
    for (Preference p : preferences) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", p.kind().json());
      m.put("field", p.field());
      m.put("value", p.value());
      m.put("weight", p.weight());
      m.put("updatedAt", p.updated().toString());
      prefs.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("preferences", prefs);
    out.put("halfLifeDays", HALF_LIFE.toDays());
    if (price != null) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("lowSum", price.lowSum());
      b.put("lowWeight", price.lowWeight());
      b.put("highSum", price.highSum());
      b.put("highWeight", price.highWeight());
      b.put("currency", price.currency());
      b.put("updatedAt", price.updated().toString());
      out.put("price", b);
    }
    return out;
  }

  /**
   * Reads {@link #toMap}'s form (as parsed JSON: maps, lists, numbers, strings); null or an empty
   * map is the empty profile. Malformed entries are skipped.
   */
  public static ShopperProfile fromMap(Map<?, ?> map) {
    if (map == null) return EMPTY;
    List<Preference> prefs = new ArrayList<>();
    if (map.get("preferences") instanceof List<?> arr) {
      for (Object e : arr) {
        if (!(e instanceof Map<?, ?> o)) continue;
        try {
          prefs.add(new Preference(Kind.valueOf(string(o, "kind", "").toUpperCase(Locale.ROOT)), string(o, "field", ""),
              string(o, "value", null), number(o, "weight", Double.NaN), Instant.parse(string(o, "updatedAt", null))));
        } catch (RuntimeException x) {
          // a malformed entry is skipped; the rest of the profile stays usable
        }
      }
    }
    PriceBand band = null;
    if (map.get("price") instanceof Map<?, ?> p) {
      try {
        band = new PriceBand(number(p, "lowSum", 0), number(p, "lowWeight", 0), number(p, "highSum", 0),
            number(p, "highWeight", 0), string(p, "currency", ""), Instant.parse(string(p, "updatedAt", null)));
      } catch (RuntimeException x) {
        band = null;
      }
    }
    return new ShopperProfile(prefs, band);
  }

  private static String string(Map<?, ?> m, String key, String otherwise) {
    return m.get(key) instanceof String s ? s : otherwise;
  }

  private static double number(Map<?, ?> m, String key, double otherwise) {
    return m.get(key) instanceof Number n ? n.doubleValue() : otherwise;
  }
}
