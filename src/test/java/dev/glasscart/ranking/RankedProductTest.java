package dev.glasscart.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.glasscart.catalog.Product;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RankedProductTest {
  private static final Product P = new Product("p1", "Trail Shoe", "", "Acme", "shoes", 50, "USD", 4.5, 10,
      List.of(), Map.of(), 3, List.of(), null);

  @Test
  void lazyPartsAreComputedOnceOnFirstReadAndSharedByRankedCopies() {
    AtomicInteger made = new AtomicInteger();
    List<Contribution> parts = List.of(new Contribution("baseline", "b", "b", 0.5, 1.0),
        new Contribution("rating", "r", "r", 0.25, 4.5));
    RankedProduct lazy = RankedProduct.lazy(3, P, 0.75, () -> {
      made.incrementAndGet();
      return parts;
    }, () -> Map.of("title", Set.of("trail")));
    RankedProduct moved = lazy.withRank(1);
    assertEquals(0, made.get(), "nothing is computed before it is read");
    assertEquals(parts, moved.contributions());
    assertEquals(parts, lazy.contributions());
    assertEquals(1, made.get(), "the copy at another rank shares what was computed");
    assertEquals(1, moved.rank());
    assertSame(lazy, lazy.withRank(3));
    assertEquals(Map.of("title", Set.of("trail")), moved.matchedTerms());
  }

  @Test
  void equalsLikeARecordOverAllParts() {
    List<Contribution> parts = List.of(new Contribution("baseline", "b", "b", 1.0, 1.0));
    RankedProduct eager = new RankedProduct(1, P, 1.0, parts, Map.of());
    RankedProduct lazy = RankedProduct.lazy(1, P, 1.0, () -> parts, Map::of);
    assertEquals(eager, lazy);
    assertEquals(eager.hashCode(), lazy.hashCode());
    assertNotEquals(eager, lazy.withRank(2));
    assertNotEquals(eager, new RankedProduct(1, P, 1.0, List.of(), Map.of()));
  }
}
