package io.puppetplane.trust.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS resource class or method that only callers with a valid, unrevoked client certificate of our CA may
 * reach; {@link ClientCertificateFilter} answers everyone else with 403 (503 while the first CRL is not loaded yet).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresClientCertificate {
}
