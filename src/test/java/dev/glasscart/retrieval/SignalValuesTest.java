package dev.glasscart.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignalValuesTest {
  private static final List<String> NAMES = List.of(Signals.BM25, Signals.BM25_TITLE, Signals.BM25_BRAND,
      Signals.BM25_CATEGORY, Signals.BM25_ATTRIBUTES, Signals.BM25_DESCRIPTION, Signals.DENSE, Signals.DENSE_TITLE,
      Signals.DENSE_TITLE_PEERS, Signals.LEXICAL_PART, Signals.SEMANTIC_PART, "own_signal", "another");

  /** Random maps of known and unknown names, built and changed both ways, behave as a HashMap of the same entries. */
  @Test
  void behavesAsTheMapItWasMadeFrom() {
    Random random = new Random(11);
    for (int round = 0; round < 500; round++) {
      Map<String, Double> expected = new HashMap<>();
      for (String name : NAMES) {
        if (random.nextInt(3) == 0) expected.put(new String(name), random.nextGaussian()); // equal, not the same string
      }
      SignalValues values = SignalValues.of(expected);
      assertEquals(expected, values);
      assertEquals(values, expected);
      assertEquals(expected.hashCode(), values.hashCode());
      assertEquals(expected.size(), values.size());
      assertEquals(expected.entrySet(), values.entrySet());
      for (String name : NAMES) {
        assertEquals(expected.get(name), values.get(name), name);
        assertEquals(expected.containsKey(name), values.containsKey(name), name);
        assertEquals(expected.getOrDefault(name, 0.0), values.value(name), 0.0, name);
      }
      Map<String, Double> seen = new HashMap<>();
      values.forEach(seen::put);
      assertEquals(expected, seen);

      String name = NAMES.get(random.nextInt(NAMES.size()));
      double v = random.nextDouble();
      Map<String, Double> changed = new HashMap<>(expected);
      changed.put(name, v);
      assertEquals(changed, values.with(name, v));
      assertEquals(expected, values, "with() leaves the original as it was");

      Map<String, Double> summed = new HashMap<>(expected);
      summed.merge(name, v, Double::sum);
      assertEquals(summed, new SignalValues.Builder(values).add(name, v).build());

      Map<String, Double> other = Map.of(Signals.DENSE, 0.5, "own_signal", 2.0);
      Map<String, Double> union = new HashMap<>(expected);
      union.putAll(other);
      assertEquals(union, new SignalValues.Builder().setAll(values).setAll(SignalValues.of(other)).build());
    }
  }

  @Test
  void emptyAndAbsentNamesAreZeroAndRefusesNulls() {
    assertSame(SignalValues.NONE, SignalValues.of(Map.of()));
    assertTrue(SignalValues.NONE.isEmpty());
    assertEquals(0.0, SignalValues.NONE.value(Signals.BM25));
    assertNull(SignalValues.NONE.get(null));
    assertFalse(SignalValues.of(Map.of(Signals.BM25, 0.0)).isEmpty(), "a zero that was given is present");
    SignalValues s = SignalValues.of(Map.of(Signals.DENSE, 1.0));
    assertSame(s, SignalValues.of(s));
    assertThrows(NullPointerException.class, () -> new SignalValues.Builder().set(null, 1.0));
    Map<String, Double> withNull = new HashMap<>();
    withNull.put(Signals.BM25, null);
    assertThrows(NullPointerException.class, () -> SignalValues.of(withNull));
    assertThrows(UnsupportedOperationException.class, () -> s.put(Signals.BM25, 1.0));
  }

  @Test
  void candidatesKeepTheirSignalsAsValues() {
    Candidate c = new Candidate("p1", 2.0, Map.of(Signals.BM25, 2.0, "own_signal", 0.25), Map.of());
    assertTrue(c.signals() instanceof SignalValues);
    assertEquals(2.0, c.signal(Signals.BM25));
    assertEquals(0.25, c.signal("own_signal"));
    assertEquals(0.0, c.signal(Signals.DENSE));
    Candidate titled = c.withSignals(c.signalsBuilder().set(Signals.DENSE_TITLE, 0.75).build());
    assertEquals(Map.of(Signals.BM25, 2.0, "own_signal", 0.25, Signals.DENSE_TITLE, 0.75), titled.signals());
    assertEquals(new Candidate("p1", 2.0, Map.of(Signals.BM25, 2.0, "own_signal", 0.25), Map.of()), c);
    assertEquals(new Candidate("p2", 0, Map.of(), Map.of()), Candidate.unsignalled("p2"));
  }

  @Test
  void aBuilderChangedAfterBuildingLeavesWhatItBuiltAlone() {
    SignalValues.Builder b = new SignalValues.Builder().set(Signals.BM25, 1.0).set(Signals.DENSE, 0.5);
    SignalValues first = b.build();
    b.add(Signals.BM25, 2.0).set(Signals.DENSE_TITLE, 0.25);
    SignalValues second = b.build();
    b.setAll(Map.of(Signals.DENSE, 0.75));
    SignalValues third = b.build();
    assertEquals(Map.of(Signals.BM25, 1.0, Signals.DENSE, 0.5), first);
    assertEquals(Map.of(Signals.BM25, 3.0, Signals.DENSE, 0.5, Signals.DENSE_TITLE, 0.25), second);
    assertEquals(Map.of(Signals.BM25, 3.0, Signals.DENSE, 0.75, Signals.DENSE_TITLE, 0.25), third);
    SignalValues fromFirst = new SignalValues.Builder(first).set(Signals.BM25, 9.0).build();
    assertEquals(1.0, first.value(Signals.BM25));
    assertEquals(9.0, fromFirst.value(Signals.BM25));
  }
}
