package br.com.healthmed.command.shared;

import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.platform.stores.StoreFailures;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns whatever a command handler or its commit threw into the {@link RejectionDetails} that callers understand, on
 * the node that handled the command: only a CommandExecutionException's details survive Axon Server's trip back
 * (its error message carries the exceptions' texts, not their types), so the translation cannot wait for the
 * dispatching node.
 */
public final class CommandFailures {

    public static final String CONCURRENT_MODIFICATION = "concurrent-modification";
    public static final String RESOURCE_BUSY = "resource-busy";
    public static final String NOT_FOUND = "not-found";

    private static final AnnotationCommandTargetResolver TARGETS = AnnotationCommandTargetResolver.builder().build();

    private CommandFailures() {
    }

    /** The details a caller should see for {@code failure}, or empty when it is not one we can name (a real fault). */
    public static Optional<RejectionDetails> detailsOf(Throwable failure, CommandMessage<?> command) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Optional<RejectionDetails> details = ownDetails(t, command);
            if (details.isPresent()) {
                return details;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Wraps {@code failure} so that its details cross the command bus; faults we cannot name are left as they are. */
    public static Throwable wrapped(Throwable failure, CommandMessage<?> command) {
        if (failure instanceof CommandExecutionException execution && execution.getDetails().isPresent()) {
            return failure;
        }
        return detailsOf(failure, command)
                .<Throwable>map(details -> new CommandExecutionException(details.message(), failure, details))
                .orElse(failure);
    }

    private static Optional<RejectionDetails> ownDetails(Throwable t, CommandMessage<?> command) {
        return switch (t) {
            case CommandExecutionException execution -> execution.getDetails()
                    .filter(RejectionDetails.class::isInstance).map(RejectionDetails.class::cast);
            case DomainRejection rejection -> Optional.of(rejection.details());
            case InvalidValueException invalid ->
                    Optional.of(new RejectionDetails(invalid.code(), DomainRejection.Kind.INVALID, invalid.getMessage()));
            case ConcurrencyException ignored -> Optional.of(new RejectionDetails(CONCURRENT_MODIFICATION,
                    DomainRejection.Kind.CONFLICT, "Someone else changed this at the same moment; reload and try again."));
            // Axon's JDBC engine names a duplicate (aggregate, sequence) this way when the unit of work's first event
            // opens a stream (a day schedule created by loadOrCreate): another writer appended there first (ADR 0011).
            case AggregateStreamCreationException ignored -> Optional.of(new RejectionDetails(CONCURRENT_MODIFICATION,
                    DomainRejection.Kind.CONFLICT, "Someone else changed this at the same moment; reload and try again."));
            case LockAcquisitionFailedException ignored -> Optional.of(new RejectionDetails(RESOURCE_BUSY,
                    DomainRejection.Kind.BUSY, "Too many requests for the same record right now; retry in a moment."));
            case AggregateNotFoundException notFound -> Optional.of(new RejectionDetails(notFoundCode(notFound, command),
                    DomainRejection.Kind.NOT_FOUND, "The resource does not exist."));
            // The id names an aggregate of another kind (a patient's id sent as a doctor's): this command has no target.
            case IncompatibleAggregateException ignored -> Optional.of(new RejectionDetails(command == null ? NOT_FOUND
                    : targetTypeOf(command.getPayload()).map(type -> type.toLowerCase(Locale.ROOT) + "-not-found").orElse(NOT_FOUND),
                    DomainRejection.Kind.NOT_FOUND, "The resource does not exist."));
            // The unit of work rolled back, so nothing was applied; a retry is safe (ADR 0015).
            case Throwable store when StoreFailures.unavailable(store) -> Optional.of(new RejectionDetails(
                    StoreFailures.STORE_UNAVAILABLE, DomainRejection.Kind.BUSY, StoreFailures.MESSAGE));
            default -> Optional.empty();
        };
    }

    /** {@code doctor-not-found} when the missing aggregate is the one the command targets (by its id's type). */
    private static String notFoundCode(AggregateNotFoundException notFound, CommandMessage<?> command) {
        if (command == null) {
            return NOT_FOUND;
        }
        try {
            var target = TARGETS.resolveTarget(command);
            if (target.getIdentifier().equals(notFound.getAggregateIdentifier())) {
                return targetTypeOf(command.getPayload())
                        .map(type -> type.toLowerCase(Locale.ROOT) + "-not-found")
                        .orElse(NOT_FOUND);
            }
        } catch (IllegalArgumentException noTarget) {
            // a command without @TargetAggregateIdentifier: nothing more specific to say
        }
        return NOT_FOUND;
    }

    /** DoctorId names a doctor: the type of the field marked as the command's target, without "Id". */
    private static Optional<String> targetTypeOf(Object payload) {
        for (Field field : payload.getClass().getDeclaredFields()) {
            String type = field.getType().getSimpleName();
            if (field.isAnnotationPresent(TargetAggregateIdentifier.class) && type.endsWith("Id") && type.length() > 2) {
                return Optional.of(type.substring(0, type.length() - 2));
            }
        }
        return Optional.empty();
    }
}
