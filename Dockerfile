# syntax=docker/dockerfile:1
# One Dockerfile for every waQup service (see docs/deployment.md):
#   docker build --build-arg MODULE=credit-service --build-arg PORT=8086 -t waqup/credit-service .
#   docker build --build-arg MODULE=audio-generation-service --build-arg PORT=8084 \
#                --build-arg RUNTIME_PACKAGES="espeak-ng ffmpeg festival festvox-us-slt-hts festvox-kallpc16k flite" -t waqup/audio-generation-service .
# MODULE           the Maven module to build and run (required)
# PORT             the port the image listens on and exposes: pass the module's port (default 8080); Actuator listens on
#                  PORT + 1000 (MANAGEMENT_PORT), which the health check asks and which is not exposed
# RUNTIME_PACKAGES extra Debian/Ubuntu packages the service needs at run time (the TTS tools for audio-generation)

ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

FROM ${JDK_IMAGE} AS build
WORKDIR /workspace

# 1. The build definition only: this layer and the dependency download after it stay cached until a pom changes,
#    and are the same for every service's image (MODULE is declared only after them).
#    Every module of the root pom must be listed here (DeploymentDescriptorsTest checks it).
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY common-lib/pom.xml common-lib/
COPY gateway-service/pom.xml gateway-service/
COPY user-service/pom.xml user-service/
COPY conversation-service/pom.xml conversation-service/
COPY content-generation-service/pom.xml content-generation-service/
COPY audio-generation-service/pom.xml audio-generation-service/
COPY ritual-library-service/pom.xml ritual-library-service/
COPY credit-service/pom.xml credit-service/
COPY creator-service/pom.xml creator-service/
COPY catalog-service/pom.xml catalog-service/
COPY payment-service/pom.xml payment-service/
COPY reward-service/pom.xml reward-service/
RUN ./mvnw -B -q dependency:go-offline

# 2. The sources (all of them, so that -am finds whatever module this one depends on), then this module's fat
#    jar, split into Spring Boot's layers: dependencies change rarely, the application on every commit.
COPY . .
ARG MODULE
RUN test -n "${MODULE}" || { echo "build with --build-arg MODULE=<module>, e.g. MODULE=credit-service" >&2; exit 1; }
RUN ./mvnw -B -q -pl "${MODULE}" -am -DskipTests package \
 && mkdir -p /workspace/out \
 && cp "${MODULE}/target/${MODULE}-"*.jar /workspace/out/app.jar \
 && java -Djarmode=tools -jar /workspace/out/app.jar extract --layers --launcher --destination /workspace/out/layers

FROM ${JRE_IMAGE}
ARG RUNTIME_PACKAGES=""

# The JRE image has no curl or wget; bash's /dev/tcp does the health check. A fixed numeric user, so that
# Kubernetes' runAsNonRoot can verify it.
RUN set -eux; \
    if [ -n "${RUNTIME_PACKAGES}" ]; then \
      apt-get update; \
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${RUNTIME_PACKAGES}; \
      rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --system --gid 10001 waqup; \
    useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin waqup
COPY --chmod=755 docker/healthcheck /usr/local/bin/healthcheck

ARG MODULE
ARG PORT=8080
LABEL org.opencontainers.image.title="${MODULE}" \
      org.opencontainers.image.vendor="waQup"
WORKDIR /app
COPY --from=build /workspace/out/layers/dependencies/ ./
COPY --from=build /workspace/out/layers/spring-boot-loader/ ./
COPY --from=build /workspace/out/layers/snapshot-dependencies/ ./
COPY --from=build /workspace/out/layers/application/ ./

# Heap follows the container's memory limit; an OutOfMemoryError ends the JVM so the orchestrator restarts it.
ENV PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED"
USER 10001:10001
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=6 CMD ["healthcheck", "/actuator/health/readiness"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
