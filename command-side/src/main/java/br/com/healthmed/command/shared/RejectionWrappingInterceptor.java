package br.com.healthmed.command.shared;

import br.com.healthmed.api.common.InvalidValueException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * With Axon Server the handler may run on another node, and only a CommandExecutionException's details survive the
 * trip. Wrapping every business rejection here makes local and distributed command buses look the same to callers.
 */
public class RejectionWrappingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (DomainRejection rejection) {
            throw new CommandExecutionException(rejection.getMessage(), rejection, rejection.details());
        } catch (InvalidValueException invalid) {
            throw new CommandExecutionException(invalid.getMessage(), invalid,
                    new RejectionDetails(invalid.code(), DomainRejection.Kind.INVALID, invalid.getMessage()));
        }
    }
}
