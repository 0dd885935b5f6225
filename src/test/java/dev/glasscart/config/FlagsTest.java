package dev.glasscart.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class FlagsTest {
  private static final Set<String> VALUES = Set.of("--folds", "--lr", "--out", "--name");
  private static final Set<String> SWITCHES = Set.of("--dry-run");

  private static Flags parse(boolean positionals, String... args) {
    return Flags.parse(args, VALUES, SWITCHES, positionals);
  }

  private static String error(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void should_split_values_switches_and_positionals_in_order() {
    // Given a mix of value flags, a boolean flag and positional arguments
    Flags f = parse(true, "a.csv", "--folds", "7", "--dry-run", "b.csv", "--out", "m/r.json", "--folds", "9");

    // Then each lands where it belongs, and a repeated flag keeps its last value
    assertEquals(List.of("a.csv", "b.csv"), f.positionals());
    assertTrue(f.has("--dry-run"));
    assertEquals(9, f.integer("--folds", 5, 2, 100));
    assertEquals(Path.of("m", "r.json"), f.path("--out", null));
  }

  @Test
  void should_give_the_fallback_for_flags_not_given() {
    // Given no arguments
    Flags f = parse(false);

    // Then every getter answers its fallback and nothing is set
    assertFalse(f.has("--dry-run"));
    assertFalse(f.has("--folds"));
    assertEquals(5, f.integer("--folds", 5, 2, 100));
    assertEquals(0.05, f.decimal("--lr", 0.05, 0, 10));
    assertEquals(Path.of("x"), f.path("--out", Path.of("x")));
    assertNull(f.string("--name", null));
    assertEquals(List.of(), f.positionals());
  }

  @Test
  void should_name_an_unknown_flag_and_list_the_known_ones() {
    String message = error(() -> parse(true, "--fodls", "3"));
    assertTrue(message.startsWith("unknown option --fodls"), message);
    assertTrue(message.contains("--dry-run, --folds, --lr, --name, --out"), message);
    assertTrue(error(() -> parse(true, "-x")).startsWith("unknown option -x"));
  }

  @Test
  void should_report_a_missing_value_at_the_end_or_before_another_flag() {
    assertEquals("option --out needs a value", error(() -> parse(false, "--out")));
    assertEquals("option --out needs a value", error(() -> parse(false, "--out", "--dry-run")));
  }

  @Test
  void should_reject_positionals_where_none_are_allowed() {
    assertEquals("unexpected argument 'stray'", error(() -> parse(false, "--folds", "3", "stray")));
  }

  @Test
  void should_name_the_flag_and_the_range_for_a_bad_number() {
    // Given values that are no numbers or out of range
    Flags f = parse(false, "--folds", "x", "--lr", "11");
    Flags g = parse(false, "--folds", "101", "--lr", "NaN");

    // Then the message names the flag, the allowed range and the value given
    assertEquals("option --folds needs an integer between 2 and 100, got 'x'", error(() -> f.integer("--folds", 5, 2, 100)));
    assertEquals("option --folds needs an integer between 2 and 100, got '101'", error(() -> g.integer("--folds", 5, 2, 100)));
    assertEquals("option --lr needs a number between 0 and 10, got '11'", error(() -> f.decimal("--lr", 0.05, 0, 10)));
    assertEquals("option --lr needs a number between 0 and 0.5, got 'NaN'", error(() -> g.decimal("--lr", 0.05, 0, 0.5)));
    assertEquals("option --lr needs a number, got 'NaN'", error(() -> g.decimal("--lr", 0.05)));
    assertEquals("option --folds needs an integer, got 'x'", error(() -> f.integer("--folds", 5)));
  }

  @Test
  void should_accept_numbers_at_the_edges_of_the_range() {
    Flags f = parse(false, "--folds", "100", "--lr", "0");
    assertEquals(100, f.integer("--folds", 5, 2, 100));
    assertEquals(0.0, f.decimal("--lr", 0.05, 0, 10));
    assertEquals(-3, parse(false, "--folds", "-3").integer("--folds", 5));
  }

  @Test
  void should_name_a_required_flag_that_is_missing() {
    assertEquals("option --name is required", error(() -> parse(false).required("--name")));
    assertEquals("bob", parse(false, "--name", "bob").required("--name"));
  }
}
