package com.waqup.gateway.ratelimit;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Replaces Spring Cloud Gateway's {@code redisRequestRateLimiterScript} bean by the same Lua text held in memory.
 * <p>
 * SCG (5.0.x) defines that bean, without {@code @ConditionalOnMissingBean}, as a {@code DefaultRedisScript} over a
 * {@code ResourceScriptSource} of a classpath resource; {@code DefaultRedisScript.getSha1()} asks the source
 * {@code isModified()} on every execution, under a lock, which for a resource inside the Boot fat jar is a
 * {@code lastModified} look-up through the nested-jar class loader on every request (about 13 % of the gateway's
 * CPU in the profile of docs/performance.md). A script over static text computes its SHA-1 once, so each limited
 * request is one {@code EVALSHA} and nothing else. The text is the one SCG ships (read once at start-up), so the
 * token-bucket semantics do not change.
 */
@Configuration(proxyBeanMethods = false)
class StaticRateLimiterScript {

    @Bean
    static BeanPostProcessor staticRateLimiterScriptPostProcessor() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (RedisRateLimiter.REDIS_SCRIPT_NAME.equals(beanName) && bean instanceof RedisScript<?> script) {
                    return inMemory(script);
                }
                return bean;
            }
        };
    }

    static <T> RedisScript<T> inMemory(RedisScript<T> script) {
        return RedisScript.of(script.getScriptAsString(), script.getResultType());
    }
}
