package dev.glasscart.explanation;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Explains with a local Ollama model through LangChain4j's {@link OllamaStreamingChatModel}: the
 * turn's {@link Prompt} goes up, tokens are forwarded as they arrive, optionally through a
 * {@link GroundingGuard}. Cancel aborts the HTTP exchange at once, before or during the stream.
 * Thread-safe; {@link #explain} never blocks. Close it to release the HTTP client.
 */
public final class OllamaExplainer implements Explainer, AutoCloseable {

  /**
   * @param baseUrl Ollama's address, e.g. {@code http://localhost:11434}
   * @param model the model name, e.g. {@code llama3.2:3b}
   * @param requestTimeout the longest wait for the response headers
   * @param temperature sampling temperature, between 0 and 2
   * @param grounded whether the grounding guard filters the model's sentences
   */
  public record Config(String baseUrl, String model, Duration requestTimeout, double temperature, boolean grounded) {
    public Config {
      Objects.requireNonNull(baseUrl, "baseUrl");
      if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
        throw new IllegalArgumentException("illegal Ollama url: " + baseUrl + ", must start with http:// or https://");
      }
      Objects.requireNonNull(model, "model");
      if (model.isBlank()) throw new IllegalArgumentException("Ollama model name must not be blank");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      if (requestTimeout.isNegative() || requestTimeout.isZero()) {
        throw new IllegalArgumentException("illegal request timeout: " + requestTimeout + ", must be positive");
      }
      if (!(temperature >= 0 && temperature <= 2)) {
        throw new IllegalArgumentException("illegal temperature: " + temperature + ", must be between 0 and 2");
      }
    }

    /** The served settings: temperature {@value #TEMPERATURE}, grounded; the timeout is the operator's. */
    public static Config of(String baseUrl, String model, Duration requestTimeout) {
      return new Config(baseUrl, model, requestTimeout, TEMPERATURE, true);
    }

    /** Low: explanations should restate the evidence, not improvise. */
    public static final double TEMPERATURE = 0.2;
  }

  /** A cap on the model's answer; the prompt asks for at most 6 sentences. */
  static final int MAX_ANSWER_TOKENS = 400;

  private final Config config;
  private final PromptTemplates templates;
  private final HttpClient http;

  public OllamaExplainer(Config config, PromptTemplates templates) {
    this.config = Objects.requireNonNull(config, "config");
    this.templates = Objects.requireNonNull(templates, "templates");
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.requestTimeout()).build();
  }

  @Override
  public String name() {
    return "ollama:" + config.model();
  }

  @Override
  public Generation explain(Evidence evidence, TokenSink sink) {
    Objects.requireNonNull(evidence, "evidence");
    Run run = new Run(evidence, sink);
    Thread.ofVirtual().name("ollama-explainer").start(run::start);
    return run;
  }

  /** How long {@link #close} lets generations in flight finish before it aborts them. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  /**
   * Takes no new requests, lets those in flight finish for up to {@link #CLOSE_GRACE}, then aborts
   * them (their sinks get the failure). Never waits on a model that stopped streaming: {@code
   * HttpClient.close()} would wait for it for ever.
   */
  @Override
  public void close() {
    http.shutdown();
    try {
      if (!http.awaitTermination(CLOSE_GRACE)) http.shutdownNow();
    } catch (InterruptedException e) {
      http.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** One generation: the model call, its abortable HTTP client and what was streamed so far. */
  private final class Run implements Generation, StreamingChatResponseHandler {
    private final Evidence evidence;
    private final TokenSink sink;
    private final SinkGate gate;
    /** Built in {@link #start()}, off the caller's (event-loop) thread: it scans the products' texts. */
    private volatile GroundingGuard guard;
    private final AbortableHttpClient client;
    private final StringBuilder raw = new StringBuilder();
    private volatile Prompt sent;

    Run(Evidence evidence, TokenSink sink) {
      this.evidence = evidence;
      this.sink = sink;
      this.gate = new SinkGate(sink);
      this.client = new AbortableHttpClient(http, config.requestTimeout());
    }

    void start() {
      try {
        if (config.grounded()) {
          GroundingGuard g = new GroundingGuard(evidence, sink);
          guard = g;
          gate.route(g); // before the model call: every token goes through the guard
        }
        Prompt prompt = templates.render(evidence); // here, not on the caller's (event-loop) thread
        sent = prompt;
        GroundingGuard g = guard;
        if (g != null) g.protect(prompt.system() + "\n" + prompt.template());
        OllamaStreamingChatModel model = OllamaStreamingChatModel.builder()
            .baseUrl(config.baseUrl()).modelName(config.model()).timeout(config.requestTimeout())
            .temperature(config.temperature()).numPredict(MAX_ANSWER_TOKENS).httpClientBuilder(client.builder()).build();
        model.chat(ChatRequest.builder()
            .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user())).build(), this);
      } catch (RuntimeException e) {
        onError(e);
      }
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
      synchronized (raw) {
        raw.append(partial.text());
      }
      if (!gate.token(partial.text())) context.streamingHandle().cancel();
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
      gate.complete(progress().orElseThrow());
    }

    @Override
    public void onError(Throwable error) {
      int chars;
      synchronized (raw) {
        chars = raw.length();
      }
      gate.error(new IllegalStateException("Ollama model " + config.model() + " at " + config.baseUrl()
          + " failed after " + chars + " characters: " + error.getMessage(), error));
    }

    @Override
    public void cancel() {
      gate.close();
      client.abort();
    }

    @Override
    public Optional<Outcome> progress() {
      String text;
      synchronized (raw) {
        text = raw.toString();
      }
      GroundingGuard g = guard;
      return Optional.of(new Outcome(name(), "", templates.version(), text,
          g == null ? GroundingReport.NONE : g.report(), sent));
    }
  }
}
