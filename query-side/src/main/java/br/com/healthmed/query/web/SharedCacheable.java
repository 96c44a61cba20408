package br.com.healthmed.query.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A public read whose answer is the same for every anonymous caller, so a shared cache (the gateway, a CDN) may keep
 * it for a moment: {@link SharedCacheHeaders} marks its anonymous 200 answers cacheable (ADR 0031).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface SharedCacheable {
}
