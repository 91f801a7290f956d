package org.bmsbench.firmware;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The configuration key of a record component whose key does not follow the naming rule
 * ({@code org.bmsbench.config.RecordBinder}: {@code camelCase} becomes {@code snake_case}, a duration in
 * nanoseconds {@code fooNs} is written in milliseconds as {@code foo_ms}). A dotted key ({@code pack.parallel})
 * sits in a nested map of the record's block. A duration's key says its unit: {@code _ms} or {@code _s}.
 * Use it only where the rule cannot give the key a file already uses.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Key {
    /** The key, e.g. {@code fast_ms} or {@code pack.parallel}. */
    String value();
}
