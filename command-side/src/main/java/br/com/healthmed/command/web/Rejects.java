package br.com.healthmed.command.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an operation can refuse with, declared on its handler method so the OpenAPI document lists the same answers the
 * code gives (ADR 0017). The status, {@code code} and {@code Retry-After} of each are not written here: the spec asks
 * the exception handlers what they answer to each type. Validation (400) and the security answers (401, 403) are
 * added for every operation from the request's shape and the security configuration, so they are not listed.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Rejects {

    /** The exception types the operation (or the command handlers it reaches) can throw. */
    Class<? extends Throwable>[] value() default {};

    /**
     * The commands the operation sends through {@link Commands}: adds what the bus itself may answer, i.e. 409
     * {@code concurrent-modification}, 503 {@code resource-busy}, {@code command-outcome-unknown} and
     * {@code service-unavailable}.
     */
    Class<? extends Record>[] sends() default {};

    /**
     * The target aggregate of {@link #sends()} may not exist — an id in the path, or the caller's own aggregate (a valid
     * token whose account has no aggregate): adds the bus's 404 {@code <type>-not-found}, e.g. {@code doctor-not-found}.
     * Not for creation commands.
     */
    boolean targetMayBeMissing() default false;
}
