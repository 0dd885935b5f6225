package dev.glasscart.replay;

import java.nio.file.Path;

/** A transcript file that cannot be read or is not a valid transcript; the message names the file. */
public final class TranscriptException extends IllegalArgumentException {
  private final Path file;

  public TranscriptException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public TranscriptException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
