package br.com.healthmed.query.support;

import org.springframework.beans.factory.annotation.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test's own hand on the stores, with the owner's rights: it appends events and person keys as the command side
 * would, and inspects what the application wrote. The application itself never gets these: it runs with the query
 * side's least-privilege accounts (ADR 0025), as in production.
 */
@Qualifier
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface StoreOwner {
}
