package com.waqup.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scripting.support.ResourceScriptSource;

class StaticRateLimiterScriptTest {

    final BeanPostProcessor processor = StaticRateLimiterScript.staticRateLimiterScriptPostProcessor();

    @Test
    void shouldKeepTheRateLimiterScriptInMemoryInsteadOfReResolvingItsResource(@TempDir Path dir) throws Exception {
        Path lua = dir.resolve("limiter.lua");
        Files.writeString(lua, "return {1, 2}");
        DefaultRedisScript<List> fromResource = new DefaultRedisScript<>();
        fromResource.setScriptSource(new ResourceScriptSource(new FileSystemResource(lua)));
        fromResource.setResultType(List.class);

        RedisScript<?> replaced = (RedisScript<?>) processor.postProcessAfterInitialization(fromResource,
                RedisRateLimiter.REDIS_SCRIPT_NAME);

        assertThat(replaced).isNotSameAs(fromResource);
        assertThat(replaced.getResultType()).isEqualTo(List.class);
        String sha = replaced.getSha1();
        assertThat(sha).isEqualTo(fromResource.getSha1());
        // the resource changes afterwards: the in-memory script no longer looks at it (no per-call resolution)
        Files.writeString(lua, "return {3, 4}");
        Files.setLastModifiedTime(lua, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        assertThat(replaced.getSha1()).isEqualTo(sha);
        assertThat(replaced.getScriptAsString()).isEqualTo("return {1, 2}");
    }

    @Test
    void shouldKeepSpringCloudGatewaysTokenBucketText() throws Exception {
        DefaultRedisScript<List> shipped = new DefaultRedisScript<>();
        shipped.setScriptSource(new ResourceScriptSource(new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")));
        shipped.setResultType(List.class);

        RedisScript<?> replaced = (RedisScript<?>) processor.postProcessAfterInitialization(shipped,
                RedisRateLimiter.REDIS_SCRIPT_NAME);

        assertThat(replaced.getScriptAsString()).isEqualTo(new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")
                .getContentAsString(StandardCharsets.UTF_8)).contains("tokens_key");
        assertThat(replaced.getSha1()).isEqualTo(shipped.getSha1());
    }

    @Test
    void shouldLeaveOtherBeansAlone() {
        RedisScript<Long> other = RedisScript.of("return 1", Long.class);
        assertThat(processor.postProcessAfterInitialization(other, "someOtherScript")).isSameAs(other);
    }
}
