package br.com.healthmed.query.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The query API's OpenAPI document; what each operation can refuse comes from {@link ApiContract} (ADR 0017). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        // A pre-rendered answer is documented as the shape it renders.
        SpringDocUtils.getConfig().addResponseWrapperToIgnore(RenderedJson.class);
    }

    @Bean
    OpenAPI queryApi() {
        Components components = new Components().addSecuritySchemes(ApiContract.BEARER, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token from one of the login operations, in `Authorization: Bearer …`."));
        ApiContract.addSharedComponents(components);
        return new OpenAPI()
                .info(new Info()
                        .title("Health&Med query API")
                        .version("v1")
                        .license(new License().name("Proprietary").url("https://healthmed.com.br/terms"))
                        .contact(new Contact().name("Health&Med API team").url("https://healthmed.com.br"))
                        .description("""
                                Reads (GET) of the Health&Med telemedicine platform, eventually consistent with the \
                                command API; pass a command's `X-Consistency-Token` to read your own write. Errors are \
                                `application/problem+json` (RFC 9457) with a stable `code`; each operation lists the \
                                codes it can answer under each status. Compatibility policy: see the README (v1 only \
                                grows; a removal is declared in docs/openapi/breaking-changes.txt)."""))
                .servers(ApiContract.servers(8082, "the query side directly (./run.sh)"))
                .components(components)
                .addTagsItem(new Tag().name("Doctors").description("Specialties and the search of verified doctors."))
                .addTagsItem(new Tag().name("Agendas").description("Free slots of a doctor, and a doctor's own agenda."))
                .addTagsItem(new Tag().name("Appointments").description("A patient's or doctor's own appointments."))
                .addTagsItem(new Tag().name("Patients").description("A patient's own personal data (LGPD export)."))
                .addTagsItem(new Tag().name("Audit").description("An appointment's full history from the event store (AUDITOR, ADMIN), and who read patients' personal data (ADMIN)."))
                .addTagsItem(new Tag().name("Operations").description("Projection maintenance (ADMIN)."));
    }

    @Bean
    OperationCustomizer queryApiContract(ApplicationContext context) {
        return new ApiContract(context, context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
    }
}
