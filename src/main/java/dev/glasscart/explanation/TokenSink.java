package dev.glasscart.explanation;

/**
 * Receives an explanation as it is produced. Methods may be called from any thread, but never
 * concurrently for one generation; after {@link #complete()} or {@link #error(Throwable)} nothing
 * more is called. Implementations must not throw.
 */
public interface TokenSink {
  void token(String text);

  void complete();

  void error(Throwable failure);
}
