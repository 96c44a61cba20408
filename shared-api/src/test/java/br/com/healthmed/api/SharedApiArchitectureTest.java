package br.com.healthmed.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Both applications share these messages: they must not drag a framework (or its version) into the other side. */
@AnalyzeClasses(packages = "br.com.healthmed.api", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedApiArchitectureTest {

    @ArchTest
    static final ArchRule the_shared_api_depends_on_no_spring_jpa_or_mongodb = noClasses()
            .that().resideInAPackage("br.com.healthmed.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..", "com.mongodb..");
}
