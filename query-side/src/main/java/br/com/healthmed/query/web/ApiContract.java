package br.com.healthmed.query.web;

import br.com.healthmed.platform.web.OperationContract;
import br.com.healthmed.platform.web.ProblemCatalogue;
import br.com.healthmed.query.consistency.ProjectionsBehindException;
import br.com.healthmed.query.consistency.ReadYourWrites;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springframework.context.ApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The query API's side of the spec's completion ({@link OperationContract}, ADR 0017): read-your-writes
 * ({@code X-Consistency-Token}) on every GET, as {@code ReadYourWrites} applies it, with what it can refuse.
 */
final class ApiContract extends OperationContract {

    ApiContract(ApplicationContext context, RequestMappingHandlerMapping mappings) {
        super(context, mappings);
    }

    /** The problem document, the headers and the read-your-writes parameter, as components operations refer to. */
    static void addSharedComponents(Components components) {
        addProblemComponents(components);
        components.addParameters(ReadYourWrites.HEADER, new Parameter().in("header").name(ReadYourWrites.HEADER)
                .required(false)
                .description("The `X-Consistency-Token` of your last command: the answer waits (at most 2 s) until the "
                        + "read models include that write, else 503 `projections-behind` with Retry-After. Without "
                        + "it, reads are eventually consistent.")
                .schema(new StringSchema().pattern("^[0-9]+$").example("42")));
    }

    @Override
    protected void addOwnRefusals(Operation operation, Route route, Refusals refusals) {
        if (!readsYourWrites(route)) {
            return;
        }
        operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + ReadYourWrites.HEADER));
        refusals.add(400, "consistency-token-invalid", false, "X-Consistency-Token must be a position returned by a command");
        refusals.add(400, "consistency-token-ahead", false, "X-Consistency-Token is beyond the head of the event stream");
        refusals.add(503, "consistency-wait-busy", true, "too many reads are waiting for the projections; try again");
        // MongoDB (or, for read-your-writes, PostgreSQL) unreachable (ADR 0015).
        refusals.add(503, "store-unavailable", true, "a data store is unavailable; try again shortly");
    }

    @Override
    protected Collection<ProblemCatalogue.Answer> declaredAnswers(HandlerMethod handler, Route route,
                                                                ProblemCatalogue catalogue) {
        List<Class<? extends Throwable>> types = new ArrayList<>();
        if (readsYourWrites(route)) {
            types.add(ProjectionsBehindException.class);
        }
        Rejects rejects = handler.getMethodAnnotation(Rejects.class);
        if (rejects != null) {
            types.addAll(List.of(rejects.value()));
        }
        return catalogue.answersTo(handler.getBeanType(), types);
    }

    private static boolean readsYourWrites(Route route) {
        return "GET".equals(route.method()) && route.path().startsWith("/api/");
    }
}
