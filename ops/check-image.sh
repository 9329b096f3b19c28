#!/usr/bin/env bash
# Proves the container image works without a Docker daemon: unpacks target/assets-image.tar (the tar
# `./mvnw -Pproduction package` writes with Jib), checks its configuration (a non-root user, port
# 8080, the OCI labels, the entrypoint), then starts the application from the unpacked layers the way
# a container runtime would: chrooted into them, as the image's user, with the image's environment,
# working directory and entrypoint read from its config JSON, in a private mount namespace that gets
# /proc, /dev and /sys like a container does. It runs against the machine's PostgreSQL (a fresh
# database with the two roles of ops/postgres/init-roles.sh: Flyway migrates as the owner, the app works
# as the rows-only role) and RabbitMQ (a fresh virtual host) and waits for /actuator/health to answer UP.
# Usage: ops/check-image.sh [IMAGE_TAR]. Needs root (chroot), python3, curl, psql and rabbitmqctl.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

image="${1:-target/assets-image.tar}"
port="${CHECK_IMAGE_PORT:-18089}"
[[ -f "$image" ]] || { echo "check-image: $image is missing (./mvnw -Pproduction package builds it)" >&2; exit 1; }
fail() {
    echo "check-image: $*" >&2
    [[ -s "${work:-}/app.log" ]] && tail -n 40 "$work/app.log" | sed 's/^/app: /' >&2
    exit 1
}

work="$(mktemp -d)"
name="assets_image_check_$$"
app=""
cleanup() {
    # unshare --fork ignores SIGTERM while its child runs: stop the application itself (by its pid).
    if [[ -n "$app" ]]; then
        for child in $(pgrep -P "$app" || true); do kill "$child" 2>/dev/null || true; done
        wait "$app" 2>/dev/null || true
    fi
    psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $name with (force)" \
        -c "drop role if exists ${name}_app" -c "drop role if exists ${name}_owner" >/dev/null 2>&1 || true
    rabbitmqctl -q delete_vhost "$name" >/dev/null 2>&1 || true
    [[ -n "${CHECK_IMAGE_KEEP:-}" ]] && cp "$work/app.log" /tmp/check-image-app.log
    rm -rf "$work"
}
trap cleanup EXIT

# The image: a Docker-format tar (manifest.json, config JSON, gzipped layers), unpacked in layer order.
mkdir -p "$work/image" "$work/root"
tar -xf "$image" -C "$work/image"
python3 - "$work/image" "$work/root" >"$work/run.json" <<'PY'
import json, os, sys, tarfile
image, root = sys.argv[1], sys.argv[2]
manifest = json.load(open(os.path.join(image, "manifest.json")))[0]
config = json.load(open(os.path.join(image, manifest["Config"])))["config"]
for layer in manifest["Layers"]:
    with tarfile.open(os.path.join(image, layer)) as tar:
        if any(os.path.basename(m.name).startswith(".wh.") for m in tar):
            sys.exit("check-image: whiteout files are not handled by this check")
        tar.extractall(root, filter="fully_trusted")
problems = []
user = config.get("User", "")
if user.split(":")[0] in ("", "0", "root"):
    problems.append(f"the image runs as root (User is {user!r})")
if "8080/tcp" not in config.get("ExposedPorts", {}):
    problems.append("the image does not expose 8080")
labels = config.get("Labels", {})
for label in ("version", "revision", "source"):
    if f"org.opencontainers.image.{label}" not in labels:
        problems.append(f"the OCI label org.opencontainers.image.{label} is missing")
if not any(flag.startswith("-XX:MaxRAMPercentage") for flag in config.get("Entrypoint", [])):
    problems.append("the entrypoint sets no container-aware heap size (-XX:MaxRAMPercentage)")
if problems:
    sys.exit("check-image: " + "; ".join(problems))
print(json.dumps(config))
PY
python3 -c 'import json,sys; c=json.load(sys.stdin); print("check-image: user", c["User"], "entrypoint", " ".join(c["Entrypoint"]))' <"$work/run.json"

# What a container runtime adds at start: /etc/hosts and the mount points of /proc, /dev and /sys.
printf '127.0.0.1 localhost %s\n' "$(hostname)" >"$work/root/etc/hosts"
mkdir -p "$work/root/proc" "$work/root/dev" "$work/root/sys"

PGHOST=127.0.0.1 PGUSER=postgres ASSETS_DB_NAME="$name" ASSETS_DB_OWNER="${name}_owner" \
    ASSETS_DB_APP_USER="${name}_app" ASSETS_DB_OWNER_PASSWORD=unused ASSETS_DB_APP_PASSWORD=unused \
    ops/postgres/init-roles.sh
rabbitmqctl -q add_vhost "$name" >/dev/null
rabbitmqctl -q set_permissions -p "$name" guest '.*' '.*' '.*' >/dev/null

cat >"$work/start.py" <<'PY'
import json, os, subprocess, sys
root, run = sys.argv[1], json.load(open(sys.argv[2]))
for source, options in (("/proc", ["--rbind"]), ("/dev", ["--rbind"]), ("/sys", ["--rbind", "-o", "ro"])):
    subprocess.run(["mount", *options, source, root + source], check=True)
env = dict(item.split("=", 1) for item in run.get("Env", []))
env.update(json.loads(os.environ["CHECK_IMAGE_ENV"]))
uid, _, gid = run["User"].partition(":")
os.chroot(root)
os.chdir(run.get("WorkingDir") or "/")
os.setgroups([])
os.setgid(int(gid or uid))
os.setuid(int(uid))
command = run["Entrypoint"] + (run.get("Cmd") or [])
os.execvpe(command[0], command, env)
PY
CHECK_IMAGE_ENV="$(python3 -c 'import json,sys; print(json.dumps(dict(a.split("=",1) for a in sys.argv[1:])))' \
    "PORT=$port" \
    "SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$name" \
    "SPRING_DATASOURCE_USERNAME=${name}_app" SPRING_DATASOURCE_PASSWORD=unused \
    "SPRING_FLYWAY_USER=${name}_owner" SPRING_FLYWAY_PASSWORD=unused \
    SPRING_RABBITMQ_HOST=127.0.0.1 SPRING_RABBITMQ_USERNAME=guest SPRING_RABBITMQ_PASSWORD=guest \
    "SPRING_RABBITMQ_VIRTUAL_HOST=$name" ASSETS_IDENTITY_DEMO_ACCOUNTS=false)" \
    unshare --mount --fork --kill-child=SIGTERM python3 "$work/start.py" "$work/root" "$work/run.json" \
    >"$work/app.log" 2>&1 &
app=$!

started=$SECONDS
until [[ "$(curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null || true)" == *'"status":"UP"'* ]]; do
    kill -0 "$app" 2>/dev/null || fail "the application stopped before it was healthy"
    ((SECONDS - started < ${CHECK_IMAGE_TIMEOUT:-240})) || fail "not healthy after ${CHECK_IMAGE_TIMEOUT:-240} s"
    sleep 2
done
java_pid="$(pgrep -P "$app" | head -1)"
[[ -n "$java_pid" ]] || fail "no application process under $app"
[[ "$(awk '/^Uid:/ {print $2}' "/proc/$java_pid/status")" == 10001 ]] \
    || fail "the application does not run as uid 10001"
[[ "$(readlink "/proc/$java_pid/root")" == "$work/root" ]] || fail "the application is not chrooted into the image"
echo "check-image: healthy after $((SECONDS - started)) s, as uid 10001, from the image's own files," \
    "migrated as ${name}_owner, working as ${name}_app"
