package dev.glasscart.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glasscart.catalog.Product;
import dev.glasscart.profile.ShopperProfile.Kind;
import dev.glasscart.query.Constraint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ShopperProfileTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  @Test
  void should_halve_a_weight_every_half_life_and_decay_before_adding() {
    ShopperProfile p = ShopperProfile.EMPTY.with(Kind.BRAND, "", "Nike", 1, T0);
    ShopperProfile.Preference nike = p.preference(Kind.BRAND, "", "nike").orElseThrow();
    assertEquals(1.0, nike.weightAt(T0), 1e-12);
    assertEquals(0.5, nike.weightAt(T0.plus(ShopperProfile.HALF_LIFE)), 1e-9);
    assertEquals(0.25, nike.weightAt(T0.plus(ShopperProfile.HALF_LIFE.multipliedBy(2))), 1e-9);
    // new evidence a half-life later: 0.5 left plus 1
    ShopperProfile later = p.with(Kind.BRAND, "", "NIKE", 1, T0.plus(ShopperProfile.HALF_LIFE));
    assertEquals(1, later.preferences().size(), "the same brand, whatever its case");
    assertEquals(1.5, later.preferences().get(0).weightAt(T0.plus(ShopperProfile.HALF_LIFE)), 1e-9);
    assertEquals("Nike", later.preferences().get(0).value(), "the first spelling stays");
  }

  @Test
  void should_drop_what_has_faded_and_list_the_strongest_first() {
    ShopperProfile p = ShopperProfile.EMPTY.with(Kind.BRAND, "", "Old", 0.1, T0)
        .with(Kind.BRAND, "", "Strong", 2, T0.plus(Duration.ofDays(60)))
        .with(Kind.CATEGORY, "", "tents", -1, T0.plus(Duration.ofDays(60)));
    // 0.1 two half-lives later is 0.025, under the 0.05 floor: gone
    assertEquals(List.of("Strong", "tents"), p.current(T0.plus(Duration.ofDays(60))).stream()
        .map(ShopperProfile.Preference::value).toList());
  }

  @Test
  void should_learn_from_this_turns_wishes_opened_reasons_and_ratings() {
    List<Constraint> said = List.of(Constraint.of(Constraint.Kind.BRAND, "Nike", 3), Constraint.of(Constraint.Kind.BRAND, "Puma", 2),
        Constraint.of(Constraint.Kind.NOT_BRAND, "Adidas", 3), new Constraint(Constraint.Kind.ATTRIBUTE, "colour", "black", 3),
        Constraint.of(Constraint.Kind.PRICE_MAX, "120", 3));
    ShopperProfile p = ProfileLearner.said(ShopperProfile.EMPTY, said, 3, "USD", T0);
    assertEquals(1.0, p.preference(Kind.BRAND, "", "Nike").orElseThrow().weight());
    assertTrue(p.preference(Kind.BRAND, "", "Puma").isEmpty(), "a wish of an earlier turn was learned then");
    assertEquals(-1.0, p.preference(Kind.BRAND, "", "Adidas").orElseThrow().weight());
    assertEquals(1.0, p.preference(Kind.ATTRIBUTE, "colour", "black").orElseThrow().weight());
    assertEquals(120, p.price().high(), 1e-9);
    assertTrue(Double.isNaN(p.price().low()));

    Product shoe = new Product("s", "Trail shoe", "", "Nike", "shoes", 90, "USD", 4, 10, List.of(), Map.of(), 3, List.of(), null);
    ShopperProfile opened = ProfileLearner.opened(p, shoe, T0);
    assertEquals(1.25, opened.preference(Kind.BRAND, "", "Nike").orElseThrow().weight(), 1e-9);
    assertEquals(0.25, opened.preference(Kind.CATEGORY, "", "shoes").orElseThrow().weight(), 1e-9);
    ShopperProfile liked = ProfileLearner.rated(opened, shoe, true, T0);
    assertEquals(1.75, liked.preference(Kind.BRAND, "", "Nike").orElseThrow().weight(), 1e-9);
    // the band: stated 120 (weight 1) and the liked 90 as 60..135 (weight 0.5)
    assertEquals((120 + 0.5 * 135) / 1.5, liked.price().high(), 1e-9);
    assertEquals(60, liked.price().low(), 1e-9);
    ShopperProfile disliked = ProfileLearner.rated(liked, shoe, false, T0);
    assertEquals(1.5, disliked.preference(Kind.BRAND, "", "Nike").orElseThrow().weight(), 1e-9);
  }

  @Test
  void should_store_and_read_back_the_same_profile() {
    ShopperProfile p = ShopperProfile.EMPTY.with(Kind.BRAND, "", "Nike", 1.25, T0)
        .with(Kind.ATTRIBUTE, "colour", "black", -1, T0).withPrice(20, 80, 1, "EUR", T0);
    assertEquals(p, ShopperProfile.fromMap(p.toMap()));
    assertEquals(ShopperProfile.EMPTY, ShopperProfile.fromMap(java.util.Map.of()));
  }

  @Test
  void should_count_changes_store_only_changed_profiles_and_stay_empty_once_erased() {
    LiveProfile live = new LiveProfile("s1", ShopperProfile.EMPTY);
    assertTrue(live.unsaved().isEmpty());
    live.update(p -> p.with(Kind.BRAND, "", "Nike", 1, T0));
    LiveProfile.Pending pending = live.unsaved().orElseThrow();
    live.saved(pending.version());
    assertTrue(live.unsaved().isEmpty());
    live.clear();
    assertEquals(ShopperProfile.EMPTY, live.unsaved().orElseThrow().profile());
    live.erase();
    live.update(p -> p.with(Kind.BRAND, "", "Nike", 1, T0));
    assertEquals(ShopperProfile.EMPTY, live.snapshot());
    assertTrue(live.unsaved().isEmpty());
    assertTrue(LiveProfile.anonymous().unsaved().isEmpty());
  }
}
