package br.com.healthmed.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Completes each operation of an API's spec from the code (ADR 0017): who may call it (from the security rules), every
 * refusal it can answer with its {@code code} values (from the side's {@code Rejects} and the exception handlers, by
 * {@link ProblemCatalogue}), the validation and security refusals every operation shares, and the headers it honours
 * and returns. Each side adds what only its API has (the command side's consistency token and the command bus's
 * refusals, the query side's read-your-writes) through the hooks.
 */
public abstract class OperationContract implements OperationCustomizer {

    public static final String BEARER = "bearer";
    public static final String PROBLEM = "Problem";
    public static final String FIELD_ERROR = "FieldError";
    public static final String RETRY_AFTER = "Retry-After";
    /** Names the responses' extension listing their codes; the drift check and the client tests read it. */
    public static final String PROBLEM_CODES = "x-problem-codes";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final ApplicationContext context;
    private final RequestMappingHandlerMapping mappings;
    private ProblemCatalogue catalogue;
    private RouteSecurity security;
    private HttpFileExamples examples;

    protected OperationContract(ApplicationContext context, RequestMappingHandlerMapping mappings) {
        this.context = context;
        this.mappings = mappings;
    }

    public static List<Server> servers(int directPort, String direct) {
        return List.of(
                new Server().url("http://localhost:8080").description("the gateway (docker compose): both APIs on one port"),
                new Server().url("http://localhost:" + directPort).description(direct));
    }

    /** The problem document and the Retry-After header, as components every operation refers to. */
    public static void addProblemComponents(Components components) {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError
                .description("One refused field of a 400 answer.")
                .addProperty("field", new StringSchema().description("the field's path in the request, e.g. `weeklyPattern.startTime`; absent when the refusal concerns no single field"))
                .addProperty("code", new StringSchema().description("stable code of this field's refusal, e.g. `cpf-invalid`"))
                .addProperty("message", new StringSchema().description("for people; may change"));
        fieldError.setRequired(List.of("code", "message"));
        components.addSchemas(FIELD_ERROR, fieldError);
        ObjectSchema problem = new ObjectSchema();
        problem
                .description("RFC 9457 problem details with a stable `code` to switch on. Each response of an operation lists its codes in `x-problem-codes`.")
                .addProperty("type", new StringSchema().format("uri").description("`https://healthmed.com.br/problems/{code}`"))
                .addProperty("title", new StringSchema().description("the HTTP status's reason phrase"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("for people; may change"))
                .addProperty("instance", new StringSchema().format("uri").description("the request path, when known"))
                .addProperty("code", new StringSchema().description("stable code; the operation's responses list the values it can take"))
                .addProperty("correlationId", new StringSchema().description("the request's correlation id, as in the logs"))
                .addProperty("traceId", new StringSchema().description("the request's W3C trace id, as in the logs and the traces"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR))
                        .description("400 only: each refused field"));
        problem.setRequired(List.of("status", "code"));
        components.addSchemas(PROBLEM, problem);
        components.addHeaders(RETRY_AFTER, new Header()
                .description("Seconds to wait before repeating the same request (with the same Idempotency-Key, if any).")
                .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)));
    }

    /** One operation's route: its HTTP method and path pattern. */
    protected record Route(String method, String path) {
    }

    /** Refusals by status, each status's codes in the order they were added (the first detail of a code stays). */
    protected static final class Refusals {
        private final Map<Integer, Map<String, ProblemCatalogue.Answer>> byStatus = new TreeMap<>();

        public void add(ProblemCatalogue.Answer answer) {
            byStatus.computeIfAbsent(answer.status(), status -> new LinkedHashMap<>()).putIfAbsent(answer.code(), answer);
        }

        public void add(int status, String code, boolean retryAfter, String detail) {
            add(new ProblemCatalogue.Answer(status, code, retryAfter, detail));
        }
    }

    /**
     * What only this side's API refuses with, or honours, on {@code operation}, before the refusals its handler
     * declares; e.g. a parameter every GET takes, or a store every operation uses.
     */
    protected abstract void addOwnRefusals(Operation operation, Route route, Refusals refusals);

    /** The answers {@code handler} declares, by this side's {@code Rejects}, asked of {@code catalogue}. */
    protected abstract Collection<ProblemCatalogue.Answer> declaredAnswers(HandlerMethod handler, Route route,
                                                                         ProblemCatalogue catalogue);

    /** Adds what this side's successful answers carry (a header, say) to {@code responses}; nothing by default. */
    protected void completeResponses(ApiResponses responses, HandlerMethod handler) {
    }

    @Override
    public final Operation customize(Operation operation, HandlerMethod handler) {
        Route route = routeOf(handler);
        RouteSecurity.Access access = security().of(route.method(), route.path());
        Refusals refusals = new Refusals();

        if (access.isPublic()) {
            operation.setSecurity(new ArrayList<>());
            operation.setDescription(join(operation.getDescription(), "Public: no access token needed."));
        } else {
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
            refusals.add(401, "unauthenticated", false, "this endpoint needs an access token (Authorization: Bearer …)");
            refusals.add(401, "token-expired", false, "the access token has expired; refresh it");
            refusals.add(401, "token-invalid", false, "the access token is invalid");
            refusals.add(401, "token-revoked", false,
                    "the access token was revoked (logout, a revoked session or an erased account)");
            refusals.add(503, "token-check-unavailable", true,
                    "the revoked-token list cannot be read right now; try again");
            if (access.restrictedByRole()) {
                refusals.add(403, "forbidden", false, "your role may not do this");
            }
            operation.setDescription(join(operation.getDescription(), "Roles: " + access.roles().stream()
                    .map(Enum::name).collect(Collectors.joining(", ")) + "."));
        }
        boolean hasBody = Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
        if (hasBody) {
            refusals.add(400, "validation-failed", false, "the request has 2 invalid fields");
            refusals.add(400, "field-type-invalid", false, "start has the wrong type or format");
            refusals.add(400, "malformed-json", false, "The request body is not valid JSON.");
            refusals.add(400, "body-required", false, "A JSON request body is required.");
            refusals.add(400, "json-limits-exceeded", false,
                    "a number, string or nesting in the body is beyond the accepted size");
            refusals.add(413, "payload-too-large", false, "The request body is larger than 65536 bytes.");
            refusals.add(415, "unsupported-media-type", false, "Content-Type 'text/plain' is not supported.");
        }
        addOwnRefusals(operation, route, refusals);
        if (operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            refusals.add(400, "parameter-invalid", false, "appointmentId is invalid");
        }
        // The shared query-string filter runs before any handler, whatever parameters the operation declares.
        refusals.add(400, "parameter-malformed", false, "the query string is not valid %-encoding");
        refusals.add(400, "parameter-control-character", false,
                "a query parameter contains a control character");
        for (ProblemCatalogue.Answer answer : declaredAnswers(handler, route, catalogue())) {
            refusals.add(answer);
        }

        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        completeResponses(responses, handler);
        refusals.byStatus.forEach((status, byCode) -> responses.addApiResponse(Integer.toString(status), response(status, byCode)));
        operation.setResponses(responses);
        addExamples(operation, route);
        return operation;
    }

    /** The requests of docs/api-examples.http that this operation served, with the answers they got. */
    private void addExamples(Operation operation, Route route) {
        for (HttpFileExamples.Example example : examples().of(route.method(), route.path())) {
            if (example.requestBody() != null && operation.getRequestBody() != null
                    && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().values().forEach(media ->
                        media.addExamples(example.name(), new Example().summary(example.title()).value(example.requestBody())));
            }
            ApiResponse answer = operation.getResponses().get(Integer.toString(example.status()));
            if (example.responseBody() != null && answer != null && answer.getContent() != null) {
                answer.getContent().values().forEach(media ->
                        media.addExamples(example.name(), new Example().summary(example.title()).value(example.responseBody())));
            }
        }
    }

    private static ApiResponse response(int status, Map<String, ProblemCatalogue.Answer> byCode) {
        MediaType problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        for (ProblemCatalogue.Answer answer : byCode.values()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("type", "https://healthmed.com.br/problems/" + answer.code());
            document.put("title", HttpStatus.valueOf(status).getReasonPhrase());
            document.put("status", status);
            document.put("detail", answer.detail());
            document.put("code", answer.code());
            problem.addExamples(answer.code(), new Example().summary(answer.code()).value(document));
        }
        ApiResponse response = new ApiResponse()
                .description(HttpStatus.valueOf(status).getReasonPhrase() + ": " + byCode.keySet().stream()
                        .map(code -> "`" + code + "`").collect(Collectors.joining(", ")))
                .content(new Content().addMediaType(PROBLEM_JSON, problem));
        response.addExtension(PROBLEM_CODES, List.copyOf(byCode.keySet()));
        if (byCode.values().stream().anyMatch(ProblemCatalogue.Answer::retryAfter)) {
            response.addHeaderObject(RETRY_AFTER, new Header().$ref("#/components/headers/" + RETRY_AFTER));
        }
        return response;
    }

    private static String join(String description, String sentence) {
        return description == null || description.isBlank() ? sentence : description.strip() + "\n\n" + sentence;
    }

    private Route routeOf(HandlerMethod handler) {
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (entry.getValue().getMethod().equals(handler.getMethod())) {
                RequestMappingInfo info = entry.getKey();
                String path = info.getPatternValues().iterator().next();
                String method = info.getMethodsCondition().getMethods().iterator().next().name();
                return new Route(method, path);
            }
        }
        throw new IllegalStateException("no request mapping for " + handler);
    }

    private ProblemCatalogue catalogue() {
        if (catalogue == null) {
            catalogue = new ProblemCatalogue(context);
        }
        return catalogue;
    }

    private HttpFileExamples examples() {
        if (examples == null) {
            examples = HttpFileExamples.load();
        }
        return examples;
    }

    private RouteSecurity security() {
        if (security == null) {
            security = new RouteSecurity(context);
        }
        return security;
    }
}
