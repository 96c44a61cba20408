package br.com.healthmed.command.web;

import br.com.healthmed.command.shared.CommandFailures;
import br.com.healthmed.platform.web.OperationContract;
import br.com.healthmed.platform.web.ProblemCatalogue;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.springframework.context.ApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command API's side of the spec's completion ({@link OperationContract}, ADR 0017): every operation may find a
 * store unreachable; an operation that sends commands ({@link Rejects#sends()}) answers what the command bus itself
 * may answer, and returns the consistency token of its events.
 */
final class ApiContract extends OperationContract {

    /** What the bus itself can throw for any command (ADR 0009); their codes come from the same handlers. */
    private static final List<Throwable> BUS_FAILURES = List.of(
            new ConcurrencyException("sample"),
            new LockAcquisitionFailedException("sample"),
            new NoHandlerForCommandException("sample"),
            new CommandOutcomeUnknownException(Duration.ofSeconds(1), new RuntimeException("sample")));

    ApiContract(ApplicationContext context, RequestMappingHandlerMapping mappings) {
        super(context, mappings);
    }

    /** The problem document and the headers, as components every operation refers to. */
    static void addSharedComponents(Components components) {
        addProblemComponents(components);
        components.addHeaders(Commands.CONSISTENCY_TOKEN_HEADER, new Header()
                .description("Event-stream position at or past this command's events. Send it back on a query as "
                        + "`X-Consistency-Token` to read this write (read-your-writes).")
                .schema(new StringSchema().pattern("^[0-9]+$").example("42")));
    }

    @Override
    protected void addOwnRefusals(Operation operation, Route route, Refusals refusals) {
        // PostgreSQL or Redis unreachable: every operation reads or writes one of them (ADR 0015).
        refusals.add(503, "store-unavailable", true, "a data store is unavailable; try again shortly");
    }

    @Override
    protected Collection<ProblemCatalogue.Answer> declaredAnswers(HandlerMethod handler, Route route,
                                                                ProblemCatalogue catalogue) {
        Rejects rejects = handler.getMethodAnnotation(Rejects.class);
        if (rejects == null) {
            return List.of();
        }
        Set<ProblemCatalogue.Answer> answers = new LinkedHashSet<>(
                catalogue.answersTo(handler.getBeanType(), List.of(rejects.value())));
        for (Class<? extends Record> command : rejects.sends()) {
            for (Throwable failure : BUS_FAILURES) {
                answers.add(catalogue.answerTo(handler.getBeanType(), failure));
            }
            if (rejects.targetMayBeMissing()) {
                answers.add(catalogue.answerTo(handler.getBeanType(), missingTargetOf(command)));
            }
        }
        return answers;
    }

    @Override
    protected void completeResponses(ApiResponses responses, HandlerMethod handler) {
        Rejects rejects = handler.getMethodAnnotation(Rejects.class);
        if (rejects == null || rejects.sends().length == 0) {
            return;
        }
        responses.forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeaderObject(Commands.CONSISTENCY_TOKEN_HEADER,
                        new Header().$ref("#/components/headers/" + Commands.CONSISTENCY_TOKEN_HEADER));
            }
        });
    }

    /** The Axon failure for a command whose target aggregate is missing, as the handling node would see it. */
    private static Throwable missingTargetOf(Class<? extends Record> commandType) {
        Record command = ProblemCatalogue.sampleRecord(commandType);
        String target = null;
        for (RecordComponent component : commandType.getRecordComponents()) {
            // The annotation is declared for fields and methods, so a record keeps it there, not on the component.
            if (component.getAccessor().isAnnotationPresent(TargetAggregateIdentifier.class)
                    || fieldOf(commandType, component.getName()).isAnnotationPresent(TargetAggregateIdentifier.class)) {
                target = String.valueOf(valueOf(command, component));
            }
        }
        if (target == null) {
            throw new IllegalStateException(commandType.getName() + " names no @TargetAggregateIdentifier");
        }
        AggregateNotFoundException missing = new AggregateNotFoundException(target, "sample");
        return CommandFailures.wrapped(missing, GenericCommandMessage.asCommandMessage(command));
    }

    private static java.lang.reflect.Field fieldOf(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object valueOf(Record command, RecordComponent component) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(command);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
