package br.com.healthmed.query.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an operation can refuse with, declared on its handler method so the OpenAPI document lists the same answers the
 * code gives (ADR 0017). The status, {@code code} and {@code Retry-After} of each are not written here: the spec asks
 * the exception handlers what they answer to each type. Validation (400), the security answers (401, 403) and
 * read-your-writes (503 {@code projections-behind}) are added for every operation they apply to, so they are not listed.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Rejects {

    /** The exception types the operation can throw. */
    Class<? extends Throwable>[] value() default {};
}
