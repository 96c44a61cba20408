package br.com.healthmed.command.shared;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * With Axon Server the handler may run on another node, and only a CommandExecutionException's details survive the
 * trip. Wrapping every business rejection (and the framework failures we can name, see {@link CommandFailures}) here
 * makes local and distributed command buses look the same to callers. Failures of the commit itself happen after
 * this chain returns; {@link TranslatingCommandBus} wraps those.
 */
public class RejectionWrappingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (RuntimeException failure) {
            Throwable wrapped = CommandFailures.wrapped(failure, unitOfWork.getMessage());
            throw wrapped instanceof RuntimeException runtime ? runtime : failure;
        }
    }
}
