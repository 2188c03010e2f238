# syntax=docker/dockerfile:1
# The web app in a container: scripts/publish.sh's self-contained folder on .NET's runtime-deps image.
#   docker build -t speech-emotion-web .
#   docker run --rm -p 127.0.0.1:8080:8080 speech-emotion-web          # http://localhost:8080
# Serving other machines needs their host name in AllowedHosts (-e AllowedHosts=emotion.example.org) and a
# reverse proxy for HTTPS: see "Deploy" in README.md. Only linux-x64 is built and tested (TorchSharp-cpu).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG RID=linux-x64
WORKDIR /src
COPY . .
RUN bash scripts/publish.sh "$RID" /app

# The app is self-contained, so runtime-deps (no .NET runtime) is enough. Build and run images share one
# distribution, whose libstdc++ has what TorchSharp's native library needs (the publish step patches it otherwise).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
# libsoxr0: librosa's resampler (without it a less exact managed one is used); curl: the HEALTHCHECK.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsoxr0 curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# Listen on all interfaces of the container, port 8080. MALLOC_ARENA_MAX=2 keeps native memory flat under load
# (src/SpeechEmotion.Web/README.md, Memory). JSON logs: one object per line with the request id in its scopes.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    MALLOC_ARENA_MAX=2 \
    Logging__Console__FormatterName=json \
    Logging__Console__FormatterOptions__TimestampFormat=yyyy-MM-ddTHH:mm:ss.fffZ \
    Logging__Console__FormatterOptions__UseUtcTimestamp=true
# The images' unprivileged user (APP_UID=1654); the app writes nothing to disk.
USER $APP_UID
EXPOSE 8080
# /api/health is 503 until the model is loaded and its warm-up prediction has run.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS --max-time 4 http://localhost:8080/api/health >/dev/null || exit 1
ENTRYPOINT ["./SpeechEmotion.Web"]
