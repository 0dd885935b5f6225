package dev.glasscart.explanation;

import java.util.Objects;

/**
 * One rendered prompt for one turn.
 *
 * @param version the templates' version ({@code prompts/VERSION})
 * @param template the user template used, e.g. {@code explain.txt}
 * @param system the system message
 * @param user the user message: the task with the shopper's words and the evidence in delimited blocks
 */
public record Prompt(String version, String template, String system, String user) {
  public Prompt {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(user, "user");
  }
}
