package dev.glasscart.catalog;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Live changes to the running catalog, as the agent API makes them: every change is stored
 * durably first, then reaches retrieval, the embeddings and the vocabulary before its stage
 * completes, so the next search sees it. Changes are applied one at a time in arrival order, off
 * the caller's thread (an event loop may call these and must not wait on the stages).
 */
public interface CatalogUpdates {

  /** What an upsert or delete did: products written or removed, and the catalog's size after it. */
  record Applied(int upserted, int deleted, int catalogSize) {}

  /** Inserts or replaces {@code products} by id. */
  CompletionStage<Applied> upsert(List<Product> products);

  /** Removes product {@code id}; {@code deleted} is 0 when there was no such product (nothing changed). */
  CompletionStage<Applied> delete(String id);

  /**
   * Starts replacing the whole catalog with the valid rows of {@code content} (any format {@link
   * CatalogImporter} reads; {@code fileName} helps detect it, may be null); the job runs in the
   * background and {@link #job} reports its progress.
   */
  ImportJob.Status startImport(String content, String fileName);

  /** The import job {@code id} as it stands now, or empty when there is no such job. */
  Optional<ImportJob.Status> job(String id);

  /** A full import run through {@link #startImport}. */
  final class ImportJob {
    /** Where a job is: its steps in order, then done or failed. */
    public enum State { QUEUED, PARSING, STORING, INDEXING, EMBEDDING, DONE, FAILED }

    /**
     * A job's progress: {@code done} of {@code total} texts embedded (product texts, then titles;
     * cached ones count at once), the valid {@code products} and the rejected rows ({@code
     * errors}), and why it failed ({@code failure}, null unless FAILED).
     */
    public record Status(String id, String fileName, State state, int products, List<RowError> errors, int done, int total,
        String failure, long startedAtMillis, long finishedAtMillis) {}

    private ImportJob() {}
  }
}
