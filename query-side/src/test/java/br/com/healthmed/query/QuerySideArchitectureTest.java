package br.com.healthmed.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The query side verifies access tokens but can never mint one, and never sees the command side's code. The enforcer
 * rule in the pom keeps command-side off the classpath; these rules keep the source honest too (ADR 0014).
 */
@AnalyzeClasses(packages = "br.com.healthmed.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule the_query_side_never_uses_command_side_code = noClasses()
            .that().resideInAPackage("br.com.healthmed.query..")
            .should().dependOnClassesThat().resideInAPackage("br.com.healthmed.command..");

    @ArchTest
    static final ArchRule the_query_side_cannot_mint_tokens = noClasses()
            .that().resideInAPackage("br.com.healthmed.query..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.security.PrivateKey")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.jsonwebtoken.JwtBuilder")
            .orShould().callMethod("io.jsonwebtoken.Jwts", "builder");
}
