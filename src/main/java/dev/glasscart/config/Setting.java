package dev.glasscart.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One setting of a command, as the operator meets it: its command-line flag, the environment
 * variable that sets it when the flag is absent, its default in words and what it does. The
 * same definitions parse the arguments ({@link Settings#parse}) and write the documentation
 * ({@link Settings#markdownTable}), so the two cannot drift apart.
 *
 * @param flag {@code --port}; null for a setting the environment alone may carry (a secret that
 *     must not show in a process list)
 * @param env {@code GLASSCART_PORT}
 * @param defaultText the default in words, as the table shows it
 */
public record Setting(String flag, String env, String defaultText, String description) {
  public Setting {
    if (flag == null && env == null) throw new IllegalArgumentException("a setting needs a flag or an environment variable");
    if (flag != null && !flag.matches("--[a-z][a-z0-9-]*")) throw new IllegalArgumentException("illegal flag '" + flag + "'");
    Objects.requireNonNull(defaultText, "defaultText");
    Objects.requireNonNull(description, "description");
  }

  /** A flag with the environment variable named after it: {@code --data-dir} is {@code GLASSCART_DATA_DIR}. */
  public static Setting of(String flag, String defaultText, String description) {
    return new Setting(flag, envName(flag), defaultText, description);
  }

  /** A setting the environment alone carries. */
  public static Setting envOnly(String env, String defaultText, String description) {
    return new Setting(null, env, defaultText, description);
  }

  /** The same setting read from a conventional variable instead ({@code DATABASE_URL}). */
  public Setting fromEnv(String name) {
    return new Setting(flag, name, defaultText, description);
  }

  /** {@code GLASSCART_} and the flag's words in capitals. */
  public static String envName(String flag) {
    return "GLASSCART_" + flag.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** How an error names where a value came from. */
  String source(boolean fromFlag) {
    return fromFlag ? "option " + flag : "environment variable " + env;
  }
}
