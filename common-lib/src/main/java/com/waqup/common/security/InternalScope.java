package com.waqup.common.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a service token must carry to reach this {@code /internal/**} handler (on the method, or on the controller
 * for all its methods). An internal handler without one is refused to every caller: new routes are closed until
 * somebody decides who may call them ({@link ServiceGrants}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface InternalScope {

    /** The scope, e.g. {@link ServiceGrants#CREDITS_HOLD}. */
    String value();
}
