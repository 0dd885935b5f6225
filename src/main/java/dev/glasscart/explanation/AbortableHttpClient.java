package dev.glasscart.explanation;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A LangChain4j {@link HttpClient} for one generation that can be aborted at any moment: before
 * the response headers (the exchange's future is cancelled) or while the body streams (the body
 * stream is closed, which closes the connection). LangChain4j's own cancel handle only exists once
 * the first token arrived, which does not help against a model that stalls before it. Thread-safe.
 */
final class AbortableHttpClient implements HttpClient {
  private static final Executor READERS = r -> Thread.ofVirtual().name("ollama-stream").start(r);

  private final java.net.http.HttpClient jdk;
  private final Duration requestTimeout;
  private CompletableFuture<HttpResponse<InputStream>> exchange;
  private InputStream body;
  private boolean aborted;

  AbortableHttpClient(java.net.http.HttpClient jdk, Duration requestTimeout) {
    this.jdk = Objects.requireNonNull(jdk, "jdk");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /** A builder that hands this client to the model; the model's timeouts are already in it. */
  HttpClientBuilder builder() {
    AbortableHttpClient self = this;
    return new HttpClientBuilder() {
      @Override public Duration connectTimeout() { return requestTimeout; }
      @Override public HttpClientBuilder connectTimeout(Duration d) { return this; }
      @Override public Duration readTimeout() { return requestTimeout; }
      @Override public HttpClientBuilder readTimeout(Duration d) { return this; }
      @Override public HttpClient build() { return self; }
    };
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    try {
      HttpResponse<String> r = jdk.send(toJdk(request), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() / 100 != 2) throw new HttpException(r.statusCode(), r.body());
      return SuccessfulHttpResponse.builder().statusCode(r.statusCode()).headers(r.headers().map()).body(r.body()).build();
    } catch (IOException e) {
      throw new UncheckedIOException("request to " + request.url() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during request to " + request.url(), e);
    }
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    CompletableFuture<HttpResponse<InputStream>> f;
    synchronized (this) {
      if (aborted) return;
      f = jdk.sendAsync(toJdk(request), HttpResponse.BodyHandlers.ofInputStream());
      exchange = f;
    }
    f.whenCompleteAsync((response, failure) -> {
      if (failure != null) {
        if (!isAborted()) listener.onError(failure);
        return;
      }
      try (InputStream in = response.body()) {
        if (!register(in)) return;
        // a proxy's error page is not a stream even when it says 200: fail now, not at the timeout
        boolean page = response.headers().firstValue("content-type").orElse("").toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
        if (response.statusCode() / 100 != 2 || page) {
          listener.onError(new HttpException(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          return;
        }
        listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.statusCode())
            .headers(response.headers().map()).build());
        parser.parse(in, listener);
        if (!isAborted()) listener.onClose();
      } catch (IOException | RuntimeException e) {
        if (!isAborted()) listener.onError(e);
      }
    }, READERS);
  }

  private synchronized boolean register(InputStream in) {
    if (aborted) return false;
    body = in;
    return true;
  }

  private synchronized boolean isAborted() {
    return aborted;
  }

  /** Stops the exchange now, whatever its state; idempotent. */
  void abort() {
    CompletableFuture<HttpResponse<InputStream>> f;
    InputStream in;
    synchronized (this) {
      if (aborted) return;
      aborted = true;
      f = exchange;
      in = body;
    }
    if (f != null) f.cancel(true);
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // closing is best effort: the connection is dropped either way
      }
    }
  }

  private java.net.http.HttpRequest toJdk(HttpRequest request) {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
        .timeout(requestTimeout)
        .method(request.method().name(), request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
    request.headers().forEach((k, vs) -> vs.forEach(v -> b.header(k, v)));
    return b.build();
  }
}
