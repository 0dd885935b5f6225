package dev.glasscart.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command-line arguments of one subcommand, split once into {@code --flag value} pairs,
 * boolean flags and positional arguments, with typed getters that validate. Every problem is an
 * {@link IllegalArgumentException} whose message names the flag and what it accepts, e.g.
 * {@code option --folds needs an integer between 2 and 100, got 'x'}; commands let it reach
 * {@code Main} (exit status 2) or report it themselves.
 *
 * <p>Rules: a token starting with {@code -} is a flag and must be declared; a value flag takes the
 * next token, which must not start with {@code --}; a repeated flag keeps its last value; other
 * tokens are positional, in order. Immutable after {@link #parse}; does not block.
 */
public final class Flags {
  private final Map<String, String> values;
  private final Set<String> switches;
  private final List<String> positionals;

  private Flags(Map<String, String> values, Set<String> switches, List<String> positionals) {
    this.values = values;
    this.switches = switches;
    this.positionals = positionals;
  }

  /**
   * Splits {@code args}.
   *
   * @param valueFlags flags followed by a value, e.g. {@code --port}
   * @param booleanFlags flags that stand alone, e.g. {@code --dry-run}
   * @param positionalsAllowed whether tokens that are not flags are accepted
   * @throws IllegalArgumentException for an undeclared flag, a value flag without its value, or
   *     a positional argument where none is allowed
   */
  public static Flags parse(String[] args, Set<String> valueFlags, Set<String> booleanFlags, boolean positionalsAllowed) {
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> switches = new LinkedHashSet<>();
    List<String> positionals = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (valueFlags.contains(a)) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) throw new IllegalArgumentException("option " + a + " needs a value");
        values.put(a, args[++i]);
      } else if (booleanFlags.contains(a)) {
        switches.add(a);
      } else if (a.startsWith("-") && a.length() > 1) {
        List<String> known = new ArrayList<>(valueFlags);
        known.addAll(booleanFlags);
        throw new IllegalArgumentException("unknown option " + a + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
      } else if (!positionalsAllowed) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'");
      } else {
        positionals.add(a);
      }
    }
    return new Flags(values, switches, positionals);
  }

  /** Whether the boolean flag, or a value for the value flag, was given. */
  public boolean has(String flag) {
    return switches.contains(flag) || values.containsKey(flag);
  }

  /** The positional arguments, in order; empty when none. */
  public List<String> positionals() {
    return List.copyOf(positionals);
  }

  /** The flag's value, or {@code fallback} (which may be null) when it was not given. */
  public String string(String flag, String fallback) {
    return values.getOrDefault(flag, fallback);
  }

  /** The flag's value; fails with "option --x is required" when it was not given. */
  public String required(String flag) {
    String v = values.get(flag);
    if (v == null) throw new IllegalArgumentException("option " + flag + " is required");
    return v;
  }

  /** The flag's value as a path, or {@code fallback} (which may be null) when it was not given. */
  public Path path(String flag, Path fallback) {
    String v = values.get(flag);
    if (v == null) return fallback;
    try {
      return Path.of(v);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("option " + flag + " needs a path, got '" + v + "': " + e.getReason(), e);
    }
  }

  /** The flag's value as an integer in {@code [min, max]}, or {@code fallback} when it was not given. */
  public int integer(String flag, int fallback, int min, int max) {
    String v = values.get(flag);
    if (v == null) return fallback;
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw new IllegalArgumentException("option " + flag + " needs an integer between " + min + " and " + max + ", got '" + v + "'");
  }

  /** The flag's value as a finite decimal in {@code [min, max]}, or {@code fallback} when it was not given. */
  public double decimal(String flag, double fallback, double min, double max) {
    String v = values.get(flag);
    if (v == null) return fallback;
    try {
      double d = Double.parseDouble(v.strip());
      if (Double.isFinite(d) && d >= min && d <= max) return d;
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    String range = min == -Double.MAX_VALUE && max == Double.MAX_VALUE ? "" : " between " + plain(min) + " and " + plain(max);
    throw new IllegalArgumentException("option " + flag + " needs a number" + range + ", got '" + v + "'");
  }

  /** The flag's value as any finite decimal, or {@code fallback}; the caller checks the range. */
  public double decimal(String flag, double fallback) {
    return decimal(flag, fallback, -Double.MAX_VALUE, Double.MAX_VALUE);
  }

  /** The flag's value as any integer, or {@code fallback}; the caller checks the range. */
  public int integer(String flag, int fallback) {
    String v = values.get(flag);
    if (v == null) return fallback;
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + flag + " needs an integer, got '" + v + "'", e);
    }
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
