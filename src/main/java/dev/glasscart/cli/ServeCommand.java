package dev.glasscart.cli;

import dev.glasscart.AppConfig;
import dev.glasscart.Glasscart;

/** {@code glasscart serve}: starts the assistant and runs until interrupted. */
public final class ServeCommand {
  private ServeCommand() {}

  public static int run(String[] args) {
    AppConfig config = AppConfig.parse(args, System.getenv());
    if (config.jsonLogs()) dev.glasscart.observability.JsonLogs.install();
    Glasscart app;
    try {
      app = Glasscart.start(config);
    } catch (Exception e) {
      System.err.println("glasscart serve: could not start: " + e.getMessage());
      Throwable c = e.getCause();
      while (c != null) {
        System.err.println("  caused by: " + c);
        c = c.getCause();
      }
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "glasscart-shutdown"));
    System.out.println();
    System.out.println("Glasscart is running: http://localhost:" + app.port() + "/");
    System.out.println("  catalog: " + app.catalogSize() + " products; explainer: " + app.explainerName());
    var indexing = app.indexing();
    if (!indexing.finished()) {
      System.out.println("  embeddings: building in the background (" + indexing.done() + " of " + indexing.total()
          + " texts); BM25 answers meanwhile, /health shows the progress");
    }
    // a token from GLASSCART_AGENT_TOKEN is the operator's secret: never echoed into logs
    if (app.tokenGenerated()) {
      System.out.println("  agent token (generated for this run; set GLASSCART_AGENT_TOKEN to fix it): " + app.agentToken());
    } else {
      System.out.println("  agent token: from GLASSCART_AGENT_TOKEN");
    }
    System.out.println("  press Ctrl+C to stop");
    return 0;
  }
}
