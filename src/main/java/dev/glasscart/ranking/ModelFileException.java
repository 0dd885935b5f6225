package dev.glasscart.ranking;

import java.nio.file.Path;

/** A ranker model file that cannot be read or is not a valid model; the message names the file. */
public final class ModelFileException extends RuntimeException {

  public ModelFileException(Path file, String problem, Throwable cause) {
    super("ranker model " + file + ": " + problem, cause);
  }

  public ModelFileException(Path file, String problem) {
    this(file, problem, null);
  }
}
