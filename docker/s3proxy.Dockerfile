# syntax=docker/dockerfile:1
# The S3-compatible store for `docker compose`: the same s3proxy release from Maven Central that the machine-local
# setup runs (INFRA.md), real AWS signature checks, identity local-identity / credential local-credential.
# Build context: docker/ (see docker-compose.yml).
ARG JRE_IMAGE=eclipse-temurin:25-jre
FROM ${JRE_IMAGE}
ARG S3PROXY_VERSION=4.1.0
ADD --chmod=644 https://repo1.maven.org/maven2/org/gaul/s3proxy/${S3PROXY_VERSION}/s3proxy-${S3PROXY_VERSION}-jar-with-dependencies.jar /opt/s3proxy/s3proxy.jar
COPY --chmod=644 s3proxy.conf /opt/s3proxy/s3proxy.conf
COPY --chmod=755 healthcheck /usr/local/bin/healthcheck
RUN groupadd --system --gid 10001 s3proxy \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin s3proxy \
 && mkdir /data && chown 10001:10001 /data
ENV PORT=9000
USER 10001:10001
VOLUME /data
EXPOSE 9000
HEALTHCHECK --interval=5s --timeout=5s --start-period=20s --retries=12 CMD ["healthcheck", "/healthz"]
ENTRYPOINT ["java", "-Xmx256m", "-jar", "/opt/s3proxy/s3proxy.jar", "--properties", "/opt/s3proxy/s3proxy.conf"]
