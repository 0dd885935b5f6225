package dev.glasscart.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A server secret kept in a file readable by the server's user only (mode 600): 24 random bytes
 * as hex. Used for the embedded database's password and the key that hashes shop customer ids.
 * Blocking file I/O.
 */
public final class SecretFile {
  private SecretFile() {}

  /** Writes a fresh secret to {@code file} (replacing any), mode 600. */
  static void write(Path file) throws IOException {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, HexFormat.of().formatHex(bytes) + "\n");
  }

  /** The secret in {@code file}, created first when the file does not exist. */
  public static String readOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        write(file);
      }
      String s = Files.readString(file).strip();
      if (s.isEmpty()) throw new IllegalStateException("the secret file " + file + " is empty; delete it to make a new one");
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secret file " + file, e);
    }
  }
}
