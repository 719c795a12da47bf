# The daemon in a container: a slim Debian with Node.js + npm (the agent CLIs are npm packages),
# the self-contained distribution (its own Java runtime), a non-root user, and a health check.
#
#   mvn -B -DskipTests package            # makes daemon/target/sandbox-daemon-<version>-linux-x64.tar.gz
#   docker build -t sandbox-daemon .
#   docker run -d -p 2468:2468 -e SANDBOX_TOKEN=change-me --env-file sandbox.env sandbox-daemon
#
# It listens on 0.0.0.0:2468 and takes its token from $SANDBOX_TOKEN (it refuses to start without
# one); sandbox.env can come from `sandbox-daemon credentials extract-env`. VERSION must match the
# built tarball (the project's version; DockerfileIT checks it).
FROM debian:trixie-slim

ARG VERSION=0.1.0-SNAPSHOT

RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm ca-certificates curl git procps \
    && rm -rf /var/lib/apt/lists/*

COPY install.sh daemon/target/sandbox-daemon-${VERSION}-linux-x64.tar.gz daemon/target/sandbox-daemon-${VERSION}-linux-x64.tar.gz.sha256 /tmp/dist/
RUN sh /tmp/dist/install.sh --prefix /opt/sandbox-daemon --bin-dir /usr/local/bin \
        /tmp/dist/sandbox-daemon-${VERSION}-linux-x64.tar.gz \
    && rm -rf /tmp/dist

RUN useradd --create-home --uid 10001 --shell /bin/sh sandbox \
    && mkdir -p /home/sandbox/workspace && chown sandbox:sandbox /home/sandbox/workspace
USER sandbox
WORKDIR /home/sandbox/workspace
ENV SANDBOX_AGENT_DATA_DIR=/home/sandbox/.local/share/sandbox-agent

EXPOSE 2468
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
    CMD curl -fsS http://127.0.0.1:2468/v1/health || exit 1
ENTRYPOINT ["sandbox-daemon"]
CMD ["server", "--host", "0.0.0.0", "--port", "2468"]
