package dev.glasscart.retrieval;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A candidate's signals as an immutable map: the names of {@link Signals} each in a slot of one
 * array of doubles, any other name (rare: a retriever of one's own) in a small map beside it. A
 * turn builds and reads these for every candidate it retrieves, fuses and ranks; one array with a
 * bit per present slot costs a fraction of a hash map of boxed doubles to build, copy and read.
 *
 * <p>It is a {@link Map} like any other for equality, hashing and iteration (present names only;
 * iteration in slot order, then the others). Thread-safe (immutable); null names and values are
 * refused, as {@link Map#copyOf} refuses them.
 */
public final class SignalValues extends AbstractMap<String, Double> {
  /** The slots, in iteration order. */
  private static final String[] NAMES = {Signals.BM25, Signals.BM25_TITLE, Signals.BM25_BRAND, Signals.BM25_CATEGORY,
      Signals.BM25_ATTRIBUTES, Signals.BM25_DESCRIPTION, Signals.DENSE, Signals.DENSE_TITLE, Signals.DENSE_TITLE_PEERS,
      Signals.LEXICAL_PART, Signals.SEMANTIC_PART};
  private static final Map<String, Integer> SLOTS = new HashMap<>();

  static {
    for (int i = 0; i < NAMES.length; i++) SLOTS.put(NAMES[i], i);
  }

  /** No signals. */
  public static final SignalValues NONE = new SignalValues(new double[NAMES.length], 0, Map.of());

  private final double[] values;
  /** Bit {@code i} set when slot {@code i} holds a value. */
  private final int present;
  private final Map<String, Double> others;

  private SignalValues(double[] values, int present, Map<String, Double> others) {
    this.values = values;
    this.present = present;
    this.others = others;
  }

  /** {@code signals} as signal values: the same instance when it already is one. */
  public static SignalValues of(Map<String, Double> signals) {
    if (signals instanceof SignalValues s) return s;
    if (signals.isEmpty()) return NONE;
    Builder b = new Builder();
    signals.forEach(b::set);
    return b.build();
  }

  /** The slot of {@code name}, or -1 for a name of no slot. */
  private static int slot(Object name) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i] == name) return i; // the constants themselves, the usual case
    }
    Integer i = SLOTS.get(name);
    return i == null ? -1 : i;
  }

  /** The value of signal {@code name}; 0 when absent ("no evidence"). */
  public double value(String name) {
    int i = slot(name);
    if (i >= 0) return (present & (1 << i)) != 0 ? values[i] : 0.0;
    Double v = others.get(name);
    return v == null ? 0.0 : v;
  }

  /** These signals with {@code name} set to {@code value}. */
  public SignalValues with(String name, double value) {
    return new Builder(this).set(name, value).build();
  }

  @Override
  public Double get(Object name) {
    if (name == null) return null;
    int i = slot(name);
    if (i >= 0) return (present & (1 << i)) != 0 ? values[i] : null;
    return others.get(name);
  }

  @Override
  public boolean containsKey(Object name) {
    return get(name) != null;
  }

  @Override
  public int size() {
    return Integer.bitCount(present) + others.size();
  }

  @Override
  public boolean isEmpty() {
    return present == 0 && others.isEmpty();
  }

  @Override
  public void forEach(java.util.function.BiConsumer<? super String, ? super Double> action) {
    for (int i = 0; i < NAMES.length; i++) {
      if ((present & (1 << i)) != 0) action.accept(NAMES[i], values[i]);
    }
    others.forEach(action);
  }

  @Override
  public Set<Entry<String, Double>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return SignalValues.this.size();
      }

      @Override
      public Iterator<Entry<String, Double>> iterator() {
        Iterator<Entry<String, Double>> rest = others.entrySet().iterator();
        return new Iterator<>() {
          int next = nextSlot(0);

          private int nextSlot(int from) {
            int i = from;
            while (i < NAMES.length && (present & (1 << i)) == 0) i++;
            return i;
          }

          @Override
          public boolean hasNext() {
            return next < NAMES.length || rest.hasNext();
          }

          @Override
          public Entry<String, Double> next() {
            if (next < NAMES.length) {
              Entry<String, Double> e = Map.entry(NAMES[next], values[next]);
              next = nextSlot(next + 1);
              return e;
            }
            if (!rest.hasNext()) throw new NoSuchElementException();
            return rest.next();
          }
        };
      }
    };
  }

  /** Collects signals for one candidate; {@link #build} freezes them. Not thread-safe. */
  public static final class Builder {
    private double[] values;
    /**
     * Whether {@link #values} is held by a built {@link SignalValues} too: the builder hands its
     * array over rather than copying it (a candidate's signals are built once, and a turn builds
     * them for every candidate), and copies it only if it is changed after that.
     */
    private boolean handedOver;
    private int present;
    private Map<String, Double> others;

    public Builder() {
      this.values = new double[NAMES.length];
    }

    /** Starts from {@code from}'s signals. */
    public Builder(SignalValues from) {
      this.values = Arrays.copyOf(from.values, NAMES.length);
      this.present = from.present;
      this.others = from.others.isEmpty() ? null : new HashMap<>(from.others);
    }

    /** Sets {@code name} to {@code value}, replacing what it held. */
    public Builder set(String name, double value) {
      put(name, value, false);
      return this;
    }

    /** Adds {@code value} to what {@code name} holds (0 when absent). */
    public Builder add(String name, double value) {
      put(name, value, true);
      return this;
    }

    /** Sets every signal of {@code signals}, replacing what those names held. */
    public Builder setAll(Map<String, Double> signals) {
      if (signals instanceof SignalValues s) {
        own();
        for (int i = 0; i < NAMES.length; i++) {
          if ((s.present & (1 << i)) != 0) values[i] = s.values[i];
        }
        present |= s.present;
        s.others.forEach(this::set);
      } else {
        signals.forEach(this::set);
      }
      return this;
    }

    private void put(String name, double value, boolean sum) {
      Objects.requireNonNull(name, "signal name");
      int i = slot(name);
      if (i >= 0) {
        own();
        boolean had = (present & (1 << i)) != 0;
        values[i] = sum && had ? values[i] + value : value;
        present |= 1 << i;
        return;
      }
      if (others == null) others = new HashMap<>();
      if (sum) others.merge(name, value, Double::sum);
      else others.put(name, value);
    }

    /** Copies the values before a change once a built {@link SignalValues} holds them. */
    private void own() {
      if (handedOver) {
        values = values.clone();
        handedOver = false;
      }
    }

    public SignalValues build() {
      if (present == 0 && (others == null || others.isEmpty())) return NONE;
      handedOver = true;
      return new SignalValues(values, present, others == null ? Map.of() : Map.copyOf(others));
    }
  }
}
