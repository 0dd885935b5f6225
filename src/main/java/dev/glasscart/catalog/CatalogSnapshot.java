package dev.glasscart.catalog;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.Adler32;
import java.util.zip.CRC32C;

/**
 * A compact binary copy of what {@link CatalogImporter#read} made of a catalog file (its products,
 * field for field, and its skipped rows) plus the catalog's digest the caller computed from them,
 * so that a restart on an unchanged file loads the products instead of parsing the file again.
 * A cache: a snapshot that is missing, damaged, of another format or of other bytes is ignored
 * and the file is parsed.
 *
 * <p><b>Which file.</b> A snapshot names the bytes it was made from ({@link Source}): the file's
 * absolute path, its size, its modification time and two checksums of all its bytes (CRC-32C and
 * Adler-32, both native from the first call). {@link #read} reads the whole file and compares all
 * five, so a file edited in place with the same size and time, a file replaced and another
 * {@code --catalog} path all parse again. The products come from the bytes the key was computed
 * from (the file is read once), never from a second read of a file that may have changed between.
 *
 * <p><b>Layout</b> (big-endian): a header of magic, {@link #FORMAT}, the body's length and the
 * body's CRC-32C; the body holds the source, the digest, the products and the skipped rows, strings
 * as a byte length and UTF-8 (a string with a lone surrogate, which UTF-8 cannot carry, as its
 * UTF-16 chars). Products are built with {@link Product}'s constructor, so every invariant holds
 * and a loaded product equals the parsed one. Written to a temporary file moved into place; not
 * synced (a snapshot lost or cut short in a crash fails its checksum and is parsed anew).
 *
 * <p>Blocking file I/O; stateless and thread-safe. The digest is opaque here (the caller's).
 */
public final class CatalogSnapshot {
  /**
   * The layout and meaning version. <b>Bump it whenever {@link Product} or {@link RowError} change,
   * when the importer ({@link CatalogImporter}, {@code ProductMapper}, {@code MerchantFeed},
   * {@code JsonLdProducts}, {@link CsvReader}) would read any file differently, or when the digest
   * the caller stores with it is computed differently</b>: snapshots of another number are ignored.
   */
  static final int FORMAT = 1;
  private static final int MAGIC = 0x47435350; // "GCSP"
  private static final int HEADER = 16;

  private CatalogSnapshot() {}

  /**
   * What identifies the bytes of a catalog file.
   *
   * @param modified the modification time, in nanoseconds since the epoch
   */
  public record Source(String path, long size, long modified, int crc32c, int adler32) {

    static Source of(Path file, FileTime modified, byte[] bytes) {
      CRC32C crc = new CRC32C();
      crc.update(bytes);
      Adler32 adler = new Adler32();
      adler.update(bytes);
      return new Source(file.toAbsolutePath().normalize().toString(), bytes.length, modified.to(TimeUnit.NANOSECONDS),
          (int) crc.getValue(), (int) adler.getValue());
    }

    /** Why {@code stored} is not a snapshot of these bytes; null when it is. */
    String mismatch(Source stored) {
      if (!path.equals(stored.path)) return "it is of another file, " + stored.path;
      if (size != stored.size) return "the file's size changed (" + stored.size + " -> " + size + " bytes)";
      if (modified != stored.modified) return "the file's modification time changed";
      if (crc32c != stored.crc32c || adler32 != stored.adler32) return "the file's content changed (checksums differ)";
      return null;
    }
  }

  /**
   * A catalog file read for a start.
   *
   * @param result the products and skipped rows, loaded or parsed
   * @param digest the digest stored with the snapshot, or null when the file was parsed (the caller
   *     computes it, then {@link #write}s a snapshot)
   * @param source what identifies the bytes {@code result} is of
   * @param note one line for the log: the snapshot used (and its time), or why not
   */
  public record Read(ImportResult result, String digest, Source source, String note) {
    public boolean fromSnapshot() {
      return digest != null;
    }
  }

  /**
   * Reads {@code catalogFile}: from {@code snapshotFile} when it is a sound snapshot of exactly its
   * bytes, else by parsing them ({@link CatalogImporter#read}). A file that cannot be read or parsed
   * at all raises {@link CatalogImportException} as the importer does.
   */
  public static Read read(Path catalogFile, Path snapshotFile) {
    long t0 = System.nanoTime();
    FileTime modified;
    byte[] bytes;
    try {
      modified = Files.getLastModifiedTime(catalogFile); // before the bytes: a change after it shows next time
      bytes = Files.readAllBytes(catalogFile);
    } catch (IOException e) {
      throw new CatalogImportException("cannot read catalog file " + catalogFile + ": " + e.getMessage(), e);
    }
    Source source = Source.of(catalogFile, modified, bytes);
    String why;
    try {
      Loaded loaded = load(snapshotFile, source);
      if (loaded.unusable == null) {
        ImportResult r = loaded.result;
        return new Read(r, loaded.digest, source, "catalog snapshot " + snapshotFile + " used: " + r.products().size()
            + " products, " + r.errors().size() + " skipped rows (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
      }
      why = loaded.unusable;
    } catch (IOException e) {
      why = "cannot read it: " + e;
    }
    ImportResult parsed = CatalogImporter.read(catalogFile, bytes);
    return new Read(parsed, null, source, "catalog snapshot not used (" + why + "): parsed " + catalogFile + " ("
        + (System.nanoTime() - t0) / 1_000_000 + " ms)");
  }

  /** A loaded snapshot, or why there is none ({@code unusable} not null). */
  private record Loaded(ImportResult result, String digest, String unusable) {
    static Loaded not(String why) {
      return new Loaded(null, null, why);
    }
  }

  private static Loaded load(Path snapshotFile, Source source) throws IOException {
    byte[] b;
    try {
      b = Files.readAllBytes(snapshotFile);
    } catch (NoSuchFileException e) {
      return Loaded.not("none yet");
    }
    if (b.length < HEADER) return Loaded.not("it is cut short");
    In in = new In(b, 0);
    if (in.i32() != MAGIC) return Loaded.not("it is not a catalog snapshot");
    int format = in.i32();
    if (format != FORMAT) return Loaded.not("it is of format " + format + ", this build reads " + FORMAT);
    int length = in.i32();
    int crc = in.i32();
    if (length != b.length - HEADER) return Loaded.not("it is cut short or damaged (length)");
    CRC32C check = new CRC32C();
    check.update(b, HEADER, length);
    if ((int) check.getValue() != crc) return Loaded.not("it is damaged (checksum)");
    try {
      Source stored = new Source(in.string(), in.i64(), in.i64(), in.i32(), in.i32());
      String mismatch = source.mismatch(stored);
      if (mismatch != null) return Loaded.not(mismatch);
      String digest = in.string();
      if (digest == null) return Loaded.not("it has no digest");
      int n = in.count();
      List<Product> products = new ArrayList<>(n);
      StringPool pool = new StringPool();
      for (int i = 0; i < n; i++) products.add(product(in, pool));
      int e = in.count();
      List<RowError> errors = new ArrayList<>(e);
      for (int i = 0; i < e; i++) errors.add(new RowError(in.string(), in.string(), in.string()));
      if (in.pos != b.length) return Loaded.not("it is damaged (bytes after its end)");
      return new Loaded(new ImportResult(products, errors), digest, null);
    } catch (RuntimeException e) { // a sound checksum over unsound content: another writer's bug, never trusted
      return Loaded.not("it cannot be decoded: " + e);
    }
  }

  /** One product; the texts products share come from {@code pool}, as the importer's do. */
  private static Product product(In in, StringPool pool) {
    String id = in.string();
    String title = in.string();
    String description = in.string();
    String brand = pool.of(in.string());
    String category = pool.of(in.string());
    double price = in.f64();
    String currency = pool.of(in.string());
    double rating = in.f64();
    int reviewCount = in.i32();
    List<String> tags = pool.of(in.strings());
    int a = in.count();
    // the importer's path: a map handed to the constructor, which copies it (Map.copyOf)
    Map<String, String> attributes = new LinkedHashMap<>(Math.max(4, a * 2));
    for (int i = 0; i < a; i++) attributes.put(pool.of(in.string()), pool.of(in.string()));
    int stock = in.i32();
    List<String> reviews = in.strings();
    String imageUrl = in.string();
    return new Product(id, title, description, brand, category, price, currency, rating, reviewCount, tags, attributes,
        stock, reviews, imageUrl);
  }

  /**
   * Writes the snapshot of {@code result}, parsed from the bytes {@code source} names, with the
   * caller's {@code digest} of its products, to {@code snapshotFile} (replacing the one there; its
   * directory must exist): a temporary file beside it, moved into place.
   */
  public static void write(Path snapshotFile, Source source, ImportResult result, String digest) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
    DataOutputStream out = new DataOutputStream(body);
    string(out, source.path());
    out.writeLong(source.size());
    out.writeLong(source.modified());
    out.writeInt(source.crc32c());
    out.writeInt(source.adler32());
    string(out, java.util.Objects.requireNonNull(digest, "digest"));
    out.writeInt(result.products().size());
    for (Product p : result.products()) product(out, p);
    out.writeInt(result.errors().size());
    for (RowError e : result.errors()) {
      string(out, e.location());
      string(out, e.field());
      string(out, e.message());
    }
    out.flush();
    CRC32C crc = new CRC32C();
    byte[] bytes = body.toByteArray();
    crc.update(bytes);
    Path dir = snapshotFile.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, snapshotFile.getFileName().toString(), ".tmp");
    try {
      try (OutputStream file = Files.newOutputStream(temp); DataOutputStream header = new DataOutputStream(file)) {
        header.writeInt(MAGIC);
        header.writeInt(FORMAT);
        header.writeInt(bytes.length);
        header.writeInt((int) crc.getValue());
        header.write(bytes);
      }
      try {
        Files.move(temp, snapshotFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, snapshotFile, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void product(DataOutputStream out, Product p) throws IOException {
    string(out, p.id());
    string(out, p.title());
    string(out, p.description());
    string(out, p.brand());
    string(out, p.category());
    out.writeDouble(p.price());
    string(out, p.currency());
    out.writeDouble(p.rating());
    out.writeInt(p.reviewCount());
    strings(out, p.tags());
    out.writeInt(p.attributes().size());
    for (Map.Entry<String, String> a : p.attributes().entrySet()) {
      string(out, a.getKey());
      string(out, a.getValue());
    }
    out.writeInt(p.stock());
    strings(out, p.reviews());
    string(out, p.imageUrl());
  }

  private static void strings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) string(out, s);
  }

  /**
   * A string: -1 for null; n >= 0 and n bytes of UTF-8; or, for a string UTF-8 cannot carry (a
   * lone surrogate), -2 - n and its n UTF-16 chars.
   */
  private static void string(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
    } else if (wellFormed(s)) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    } else {
      out.writeInt(-2 - s.length());
      out.writeChars(s);
    }
  }

  /** Whether every surrogate of {@code s} is in a pair (so UTF-8 round-trips it). */
  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isSurrogate(c)) continue;
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
      else return false;
    }
    return true;
  }

  /** A reader over the snapshot's bytes (plain shifts: quick in a JVM that has not compiled it yet). */
  private static final class In {
    private final byte[] b;
    private int pos;

    In(byte[] b, int pos) {
      this.b = b;
      this.pos = pos;
    }

    int i32() {
      int p = pos;
      if (p + 4 > b.length) throw new IllegalStateException("cut short at " + p);
      pos = p + 4;
      return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    long i64() {
      return (long) i32() << 32 | (i32() & 0xffffffffL);
    }

    double f64() {
      return Double.longBitsToDouble(i64());
    }

    /** A count of elements that follow, each at least a byte. */
    int count() {
      int n = i32();
      if (n < 0 || n > b.length - pos) throw new IllegalStateException("bad count " + n + " at " + (pos - 4));
      return n;
    }

    String string() {
      int n = i32();
      if (n == -1) return null;
      if (n >= 0) {
        if (n > b.length - pos) throw new IllegalStateException("bad string length " + n + " at " + (pos - 4));
        String s = new String(b, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
      }
      int chars = -2 - n;
      if (chars < 0 || chars > (b.length - pos) / 2) throw new IllegalStateException("bad string length " + n + " at " + (pos - 4));
      char[] c = new char[chars];
      for (int i = 0; i < chars; i++, pos += 2) c[i] = (char) ((b[pos] & 0xff) << 8 | (b[pos + 1] & 0xff));
      return new String(c);
    }

    List<String> strings() {
      int n = count();
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) out.add(string());
      return out;
    }
  }
}
