package dev.glasscart.replay;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code constraints}: each listed constraint is in force in the turn's {@code understanding}
 * (others may be too). Kinds compare exactly; values compare as numbers when both parse as numbers
 * ({@code 120} matches {@code "120.0"}), otherwise case-insensitively.
 *
 * @param wanted the constraints that must be present
 */
public record ConstraintsPresent(List<Wanted> wanted) implements Expectation {
  /** One expected constraint: its {@code kind} (e.g. {@code price_max}) and {@code value}. */
  public record Wanted(String kind, String value) {
    public Wanted {
      if (kind == null || kind.isBlank()) throw new IllegalArgumentException("illegal constraint kind: '" + kind + "', must be non-blank");
      if (value == null) throw new IllegalArgumentException("illegal constraint value for " + kind + ": null, must be a string or number");
    }

    boolean matches(JsonObject c) {
      if (!kind.equals(c.getString("kind"))) return false;
      Object actual = c.getValue("value");
      if (actual == null) return false;
      Double a = number(String.valueOf(actual));
      Double b = number(value);
      if (a != null && b != null) return Math.abs(a - b) < 1e-9;
      return String.valueOf(actual).toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return kind + "=" + value;
    }
  }

  public ConstraintsPresent {
    wanted = List.copyOf(wanted);
    if (wanted.isEmpty()) throw new IllegalArgumentException("illegal constraints: empty list, must name at least one {kind, value}");
  }

  @Override
  public String key() {
    return "constraints";
  }

  @Override
  public List<String> check(TurnEvents turn) {
    List<JsonObject> actual = turn.constraints();
    List<String> reasons = new ArrayList<>();
    for (Wanted w : wanted) {
      if (actual.stream().noneMatch(w::matches)) {
        reasons.add("constraint " + w + " missing; understanding has "
            + actual.stream().map(c -> c.getString("kind") + "=" + c.getValue("value")).toList());
      }
    }
    return reasons;
  }

  static Double number(String s) {
    try {
      return Double.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
