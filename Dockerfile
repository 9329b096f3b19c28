# Container image of Assets. Build the jar first (./mvnw -Pproduction -DskipTests package);
# the image only runs it, so it needs no Node or Maven.
FROM eclipse-temurin:21-jre
RUN useradd --system --home /app assets
WORKDIR /app
COPY target/assets-*.jar /app/assets.jar
USER assets
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD wget -qO- http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/assets.jar"]
