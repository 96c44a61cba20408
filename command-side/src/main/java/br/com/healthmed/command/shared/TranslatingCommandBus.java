package br.com.healthmed.command.shared;

import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.messaging.MessageHandler;
import org.slf4j.MDC;

import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The command side's local command bus. Two things differ from Axon's default:
 * <ul>
 *   <li>Handlers run on their own thread, so that a caller's bounded wait is real: a command still running
 *   when the caller gives up goes on and commits or fails by itself, and the caller answers "outcome unknown".</li>
 *   <li>A failure of the commit itself (a {@code ConcurrencyException} when another node appended the same sequence
 *   number first) happens after every handler interceptor has returned; it is wrapped here with
 *   {@link CommandFailures}, so that it reaches the caller with its details on every event store, Axon Server
 *   included.</li>
 * </ul>
 * No transaction manager is given to the bus: the transaction is opened by an interceptor placed after the one that
 * takes the aggregate locks, so no database connection is held while waiting for a lock.
 */
public class TranslatingCommandBus extends AsynchronousCommandBus {

    TranslatingCommandBus(Builder builder) {
        super(builder);
    }

    public static TranslatingCommandBus create(AsynchronousCommandBus.Builder builder) {
        return new TranslatingCommandBus(builder);
    }

    /** Runs each task on {@code delegate} with the dispatching thread's logging context (the correlation id). */
    public static Executor carryingLogContext(Executor delegate) {
        return task -> {
            Map<String, String> context = MDC.getCopyOfContextMap();
            delegate.execute(() -> {
                if (context != null) {
                    MDC.setContextMap(context);
                }
                try {
                    task.run();
                } finally {
                    MDC.clear();
                }
            });
        };
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        super.handle(command, handler, (CommandCallback<C, R>) (message, result) -> {
            if (result.isExceptional()) {
                Throwable failure = result.exceptionResult();
                Throwable wrapped = CommandFailures.wrapped(failure, message);
                if (wrapped != failure) {
                    callback.onResult(message, GenericCommandResultMessage.asCommandResultMessage(wrapped));
                    return;
                }
            }
            callback.onResult(message, result);
        });
    }
}
