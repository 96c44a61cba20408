package br.com.healthmed.command.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The command API's OpenAPI document; what each operation can refuse comes from {@link ApiContract} (ADR 0017). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI commandApi() {
        Components components = new Components().addSecuritySchemes(ApiContract.BEARER, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token from one of the login operations, in `Authorization: Bearer …`."));
        ApiContract.addSharedComponents(components);
        return new OpenAPI()
                .info(new Info()
                        .title("Health&Med command API")
                        .version("v1")
                        .license(new License().name("Proprietary").url("https://healthmed.com.br/terms"))
                        .contact(new Contact().name("Health&Med API team").url("https://healthmed.com.br"))
                        .description("""
                                Commands (POST/PUT/DELETE) of the Health&Med telemedicine platform. Every successful \
                                command answer carries `X-Consistency-Token`; pass it to the query API to read your own \
                                write. Errors are `application/problem+json` (RFC 9457) with a stable `code`; each \
                                operation lists the codes it can answer under each status. Compatibility policy: \
                                see the README (v1 only grows; a removal is declared in docs/openapi/breaking-changes.txt)."""))
                .servers(ApiContract.servers(8081, "the command side directly (./run.sh)"))
                .components(components)
                .addTagsItem(new Tag().name("Authentication").description("Logins, token refresh and logout; every answer is no-store."))
                .addTagsItem(new Tag().name("Patients").description("Patient registration and LGPD erasure."))
                .addTagsItem(new Tag().name("Doctors").description("Doctor registration and profile."))
                .addTagsItem(new Tag().name("Doctor schedule").description("A doctor's free slots: publish, move, remove."))
                .addTagsItem(new Tag().name("Appointments").description("Request a slot, accept, reject, cancel, record a no-show."))
                .addTagsItem(new Tag().name("Administration").description("What only an ADMIN does: verify doctors, create auditors."))
                .addTagsItem(new Tag().name("Consultations").description("The online consultation of an accepted appointment: consent, room tickets and ICE servers, its end (ADR 0027)."))
                .addTagsItem(new Tag().name("Notifications").description("ADMIN: e-mails that could not be delivered, to retry or give up on (only where SMTP is configured)."));
    }

    @Bean
    OperationCustomizer commandApiContract(ApplicationContext context) {
        return new ApiContract(context, context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
    }
}
