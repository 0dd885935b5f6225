package dev.glasscart.conversation;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.ollama.OllamaChatModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link ConstraintProposer} on a local Ollama model through LangChain4j, asking for JSON output
 * with the instructions in {@code prompts/propose.txt}. A slow or failing model costs at most
 * {@code timeout} and yields null: the rule-based reading then stands alone.
 */
public final class OllamaConstraintProposer implements ConstraintProposer {
  private static final Logger LOG = Logger.getLogger(OllamaConstraintProposer.class.getName());
  static final String PROMPT_FILE = "propose.txt";

  private final ChatModel model;
  private final String instructions;

  public OllamaConstraintProposer(String baseUrl, String modelName, Duration timeout, Path promptsDir) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(modelName, "modelName");
    this.model = OllamaChatModel.builder().baseUrl(baseUrl).modelName(modelName).timeout(timeout)
        .temperature(0.0).responseFormat(ResponseFormat.JSON)
        .maxRetries(0) // one request: its timeout is the whole wait before the results (langchain4j retries twice by default)
        .build();
    this.instructions = instructions(promptsDir);
  }

  @Override
  public String propose(String message) {
    try {
      String answer = model.chat(ChatRequest.builder()
          .messages(SystemMessage.from(instructions), UserMessage.from("SHOPPER_MESSAGE:\n" + message)).build())
          .aiMessage().text();
      return answer == null || answer.isBlank() ? null : answer;
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "no constraint proposal from the model: " + e.getMessage(), e);
      return null;
    }
  }

  /** {@code promptsDir/propose.txt} when present, else the classpath copy. */
  static String instructions(Path promptsDir) {
    try {
      if (promptsDir != null && Files.isRegularFile(promptsDir.resolve(PROMPT_FILE))) {
        return Files.readString(promptsDir.resolve(PROMPT_FILE), StandardCharsets.UTF_8);
      }
      try (InputStream in = OllamaConstraintProposer.class.getResourceAsStream("/prompts/" + PROMPT_FILE)) {
        if (in == null) throw new IllegalStateException("prompt " + PROMPT_FILE + " is neither in " + promptsDir + " nor on the classpath");
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the constraint prompt " + PROMPT_FILE, e);
    }
  }
}
