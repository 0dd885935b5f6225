package dev.glasscart.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies between the production packages point one way: no package imports one that
 * imports it back, directly or through others. Each Java package is its own slice (so
 * {@code ranking.train} and {@code ranking} are two), the root package {@code dev.glasscart}
 * included.
 */
class PackageDependenciesTest {
  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    // the compiled production classes only: scanning the classpath for the package would open
    // every dependency jar
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(Path.of("target", "classes"));
  }

  @Test
  void noPackageCycles() {
    slices().assignedFrom(new EachPackage()).should().beFreeOfCycles().check(production);
  }

  @Test
  void theQueryModelDependsOnlyOnTheCatalog() {
    noClasses().that().resideInAPackage("dev.glasscart.query..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.glasscart", "dev.glasscart.cli..", "dev.glasscart.config..", "dev.glasscart.conversation..",
            "dev.glasscart.eval..", "dev.glasscart.explanation..", "dev.glasscart.ranking..",
            "dev.glasscart.replay..", "dev.glasscart.retrieval..", "dev.glasscart.server..",
            "dev.glasscart.storage..", "io.vertx..")
        .check(production);
  }

  @Test
  void rankingReadsRetrievalSignalsNotRetrieverClasses() {
    noClasses().that().resideInAPackage("dev.glasscart.ranking")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.glasscart.retrieval.dense..", "dev.glasscart.retrieval.hybrid..")
        .check(production);
  }

  @Test
  void theServerReachesStorageOnlyThroughDomainInterfaces() {
    // ConversationRepository and FeedbackStore are the domain's; storage implements them and the
    // application root wires them in
    noClasses().that().resideInAPackage("dev.glasscart.server..")
        .should().dependOnClassesThat().resideInAPackage("dev.glasscart.storage..")
        .check(production);
  }

  @Test
  void theDomainHoldsNoJsonObjects() {
    // JSON is mapped at the edges (server, storage); domain records carry JSON only as text
    noClasses().that().resideInAnyPackage("dev.glasscart.query..", "dev.glasscart.catalog..",
            "dev.glasscart.retrieval..", "dev.glasscart.ranking..", "dev.glasscart.explanation..",
            "dev.glasscart.conversation..")
        .should().dependOnClassesThat().resideInAPackage("io.vertx.core.json..")
        .check(production);
  }

  /** One slice per Java package, named by the package. */
  private static final class EachPackage implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String pkg = javaClass.getPackageName();
      return pkg.startsWith("dev.glasscart") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "each package of dev.glasscart";
    }
  }
}
