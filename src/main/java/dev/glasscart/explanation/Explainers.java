package dev.glasscart.explanation;

import java.nio.file.Path;

/** Builds the explainer the server uses from its configuration. */
public final class Explainers {
  private Explainers() {}

  /**
   * The built-in explainer when {@code ollamaUrl} or {@code ollamaModel} is blank or null;
   * otherwise Ollama with the grounding guard, behind a {@link FallbackExplainer} that lets the
   * built-in explainer take over. Prompts come from {@code promptsDir} when it holds them, else from
   * the classpath copy; {@code requestTimeout} bounds each HTTP request to Ollama. Close the result (if {@link AutoCloseable}) at shutdown.
   */
  public static Explainer create(String ollamaUrl, String ollamaModel, Path promptsDir,
      FallbackExplainer.Timeouts timeouts, java.time.Duration requestTimeout) {
    BuiltinExplainer builtin = new BuiltinExplainer();
    if (ollamaUrl == null || ollamaUrl.isBlank() || ollamaModel == null || ollamaModel.isBlank()) return builtin;
    OllamaExplainer ollama = new OllamaExplainer(OllamaExplainer.Config.of(ollamaUrl.strip(), ollamaModel.strip(), requestTimeout),
        PromptTemplates.load(promptsDir));
    return new FallbackExplainer(ollama, builtin, timeouts);
  }
}
