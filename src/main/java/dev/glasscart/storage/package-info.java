/**
 * PostgreSQL storage: {@link dev.glasscart.storage.Database} (embedded PostgreSQL 18 with a durable
 * data directory, or an external server by URL) exposing a Vert.x {@code Pool} and a
 * {@code health()} probe; {@link dev.glasscart.storage.EmbeddedPostgresServer}, the embedded
 * postmaster as a supervised child process (fsync on, dies with the server, restarted when it
 * exits, a leftover on its data dir stopped at start) over the binaries {@code PostgresBinaries}
 * unpacks from the zonky jar, a fresh data directory being a copy of the cluster
 * {@code PostgresTemplate} prepares once per user (initdb and the application's database);
 * {@link dev.glasscart.storage.Migrations} applying versioned SQL from
 * {@code src/main/resources/db/migration}; and the repositories
 * {@link dev.glasscart.storage.PgCatalogRepository},
 * {@link dev.glasscart.storage.PgConversationRepository},
 * {@link dev.glasscart.storage.FeedbackRepository} and
 * {@link dev.glasscart.storage.PgShopperRepository} (shoppers, their profiles, export, erase,
 * retention), implementing the domain's {@code ConversationRepository}, {@code FeedbackStore}
 * and {@code profile.ShopperRepository} (the server sees only those);
 * {@link dev.glasscart.storage.SecretFile} keeps server secrets (mode 600). Several servers may share
 * one database: catalog changes are numbered and announced ({@code NOTIFY}, {@code Database.listen});
 * {@code Database.standalone} runs the embedded server alone ({@code glasscart db}).
 *
 * <p>Starting the embedded server blocks (call it before deploying verticles or in
 * {@code executeBlocking}); everything else returns Vert.x futures and never blocks an event loop.
 *
 * <p>To change the schema add {@code V<n+1>__what.sql} and list it in
 * {@code db/migration/index.txt}; never edit an applied migration. JSON columns are {@code jsonb}
 * bound as Vert.x {@code JsonObject}/{@code JsonArray}, parsed here from the domain records' JSON
 * text and written back as text when read (jsonb keeps no key order), except a turn's documents:
 * {@code json} since V8, sent as the record's text and cast by PostgreSQL, as they are written on
 * every turn and never searched by content (docs/performance.md); products are stored in their own
 * field names (Jackson's record mapping), so adding a field to {@code Product} needs no migration;
 * {@code catalog_source} holds the digest of a catalog stored whole, so an unchanged catalog file is
 * not stored again at the next start (a live change forgets it).
 */
package dev.glasscart.storage;
