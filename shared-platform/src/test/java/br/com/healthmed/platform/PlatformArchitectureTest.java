package br.com.healthmed.platform;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The query side runs this module, so nothing here may sign tokens or know either application (ADR 0014). The
 * enforcer rule in the pom keeps the applications off the classpath; these rules keep minting code out of the source.
 */
@AnalyzeClasses(packages = "br.com.healthmed.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class PlatformArchitectureTest {

    @ArchTest
    static final ArchRule the_platform_knows_neither_application = noClasses()
            .that().resideInAPackage("br.com.healthmed.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("br.com.healthmed.command..", "br.com.healthmed.query..");

    @ArchTest
    static final ArchRule the_platform_cannot_mint_tokens = noClasses()
            .that().resideInAPackage("br.com.healthmed.platform..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.security.PrivateKey")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.jsonwebtoken.JwtBuilder")
            .orShould().callMethod("io.jsonwebtoken.Jwts", "builder");
}
