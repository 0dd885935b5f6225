# syntax=docker/dockerfile:1
# Glasscart image: the Maven build in one stage, a JRE 21 runtime with the application, the
# bundled models (the ONNX sentence encoders ship inside their dependency jars, the ranker in
# models/) and the prompt templates in the other. docs/deployment.md says how it is run;
# DeploymentFilesTest checks this file's stages, user and health check.

# ---- build: compile and collect the runtime classpath --------------------------------------
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
# dependencies first, so a source change does not download them again
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY prompts ./prompts
RUN mvn -B -q -DskipTests package \
 && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib

# ---- runtime: a JRE, the jars, the models, the prompts and the web UI -----------------------
FROM eclipse-temurin:21-jre AS runtime
# curl for the health check; util-linux's setpriv ties an embedded PostgreSQL to the server's life
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl util-linux \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 glasscart \
 && useradd --system --uid 10001 --gid glasscart --home-dir /app --shell /usr/sbin/nologin glasscart \
 && mkdir -p /data \
 && chown glasscart:glasscart /data
WORKDIR /app
COPY --from=build /src/target/lib/ ./lib/
COPY --from=build /src/target/glasscart.jar ./glasscart.jar
COPY models ./models
COPY prompts ./prompts
COPY web-ui/index.html web-ui/agent.html web-ui/demo-shop.html web-ui/*.js web-ui/*.css ./web-ui/
USER glasscart:glasscart
# the data dir: the embedded PostgreSQL (when DATABASE_URL is unset), the Lucene index, the
# embedding cache and the ONNX native libraries
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:SweeperThreshold=40", "-XX:MaxRAMPercentage=75", \
  "-cp", "/app/glasscart.jar:/app/lib/*", "dev.glasscart.cli.Main"]
CMD ["serve", "--port", "8080", "--data-dir", "/data", "--web-root", "/app/web-ui", "--prompts", "/app/prompts", "--models", "/app/models"]
