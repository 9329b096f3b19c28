#!/usr/bin/env bash
# Proves the container image works without a Docker daemon: unpacks target/assets-image.tar (the tar
# `./mvnw -Pproduction package` writes with Jib), checks its configuration (a non-root user, port
# 8080, the OCI labels, the entrypoint), then starts the application from the unpacked layers the way
# a container runtime would: chrooted into them, as the image's user, with the image's environment,
# working directory and entrypoint read from its config JSON, in a private mount namespace that gets
# /proc, /dev and /sys like a container does. It runs against the machine's PostgreSQL (a fresh
# database with the two roles of ops/postgres/init-roles.sh: Flyway migrates as the owner, the app works
# as the rows-only role) and RabbitMQ (a fresh virtual host) and waits for /actuator/health to answer UP.
#
# With --aot it first makes the image's Java AOT cache (issue 11, docs/operations/container-image.md): a
# training run of the image exactly as above (its own runtime, class path and user, the same services)
# that answers /login once and is stopped; the JVM writes the cache (-XX:AOTCacheOutput) as it exits. The
# cache goes into the tar as one more layer (/app/assets.aot) and the entrypoint gets -XX:AOTCache; then
# the new image is checked as above on a fresh database, with -XX:AOTMode=on so that a cache the JVM cannot
# use fails the check instead of being skipped quietly.
# Usage: ops/check-image.sh [--aot] [IMAGE_TAR]. Needs root (chroot), python3, curl, psql and rabbitmqctl.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

aot=""
if [[ "${1:-}" == "--aot" ]]; then aot=1; shift; fi
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
stop_app() {
    # unshare --fork ignores SIGTERM while its child runs: stop the application itself (by its pid).
    if [[ -n "$app" ]]; then
        for child in $(pgrep -P "$app" || true); do kill "$child" 2>/dev/null || true; done
        wait "$app" 2>/dev/null || true
        app=""
    fi
}
drop_services() {
    psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $name with (force)" \
        -c "drop role if exists ${name}_app" -c "drop role if exists ${name}_owner" >/dev/null 2>&1 || true
    rabbitmqctl -q delete_vhost "$name" >/dev/null 2>&1 || true
}
cleanup() {
    stop_app
    drop_services
    [[ -n "${CHECK_IMAGE_KEEP:-}" ]] && cp "$work/app.log" /tmp/check-image-app.log
    rm -rf "$work"
}
trap cleanup EXIT

# The image: a Docker-format tar (manifest.json, config JSON, gzipped layers), unpacked in layer order.
unpack() {
    rm -rf "$work/image" "$work/root"
    mkdir -p "$work/image" "$work/root"
    tar -xf "$image" -C "$work/image"
    python3 - "$work/image" "$work/root" "$aot" >"$work/run.json" <<'PY'
import json, os, sys, tarfile
image, root, aot = sys.argv[1], sys.argv[2], sys.argv[3]
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
if aot == "done" and "-XX:AOTCache=/app/assets.aot" not in config.get("Entrypoint", []):
    problems.append("the entrypoint does not start with the AOT cache (-XX:AOTCache=/app/assets.aot)")
if aot == "1" and any(flag.startswith("-XX:AOTCache") for flag in config.get("Entrypoint", [])):
    problems.append("the image has its AOT cache already (./mvnw -Pproduction package builds one without)")
if problems:
    sys.exit("check-image: " + "; ".join(problems))
print(json.dumps(config))
PY
    python3 -c 'import json,sys; c=json.load(sys.stdin); print("check-image: user", c["User"], "entrypoint", " ".join(c["Entrypoint"]))' <"$work/run.json"
    # What a container runtime adds at start: /etc/hosts and the mount points of /proc, /dev and /sys.
    printf '127.0.0.1 localhost %s\n' "$(hostname)" >"$work/root/etc/hosts"
    mkdir -p "$work/root/proc" "$work/root/dev" "$work/root/sys"
}

# A fresh database with the two roles (ops/postgres/init-roles.sh) and a fresh RabbitMQ virtual host.
prepare_services() {
    PGHOST=127.0.0.1 PGUSER=postgres ASSETS_DB_NAME="$name" ASSETS_DB_OWNER="${name}_owner" \
        ASSETS_DB_APP_USER="${name}_app" ASSETS_DB_OWNER_PASSWORD=unused ASSETS_DB_APP_PASSWORD=unused \
        ops/postgres/init-roles.sh
    rabbitmqctl -q add_vhost "$name" >/dev/null
    rabbitmqctl -q set_permissions -p "$name" guest '.*' '.*' '.*' >/dev/null
}

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
# JVM options of this check (the AOT training or -XX:AOTMode=on) go right after `java`.
command[1:1] = json.loads(os.environ.get("CHECK_IMAGE_JVM", "[]"))
os.execvpe(command[0], command, env)
PY
# Starts the unpacked image (JVM options as a JSON list in $1) in the background; sets $app.
start_app() {
    CHECK_IMAGE_JVM="$1" CHECK_IMAGE_ENV="$(python3 -c 'import json,sys; print(json.dumps(dict(a.split("=",1) for a in sys.argv[1:])))' \
        "PORT=$port" \
        "SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$name" \
        "SPRING_DATASOURCE_USERNAME=${name}_app" SPRING_DATASOURCE_PASSWORD=unused \
        "SPRING_FLYWAY_USER=${name}_owner" SPRING_FLYWAY_PASSWORD=unused \
        SPRING_RABBITMQ_HOST=127.0.0.1 SPRING_RABBITMQ_USERNAME=guest SPRING_RABBITMQ_PASSWORD=guest \
        "SPRING_RABBITMQ_VIRTUAL_HOST=$name" ASSETS_IDENTITY_DEMO_ACCOUNTS=false)" \
        unshare --mount --fork --kill-child=SIGTERM python3 "$work/start.py" "$work/root" "$work/run.json" \
        >"$work/app.log" 2>&1 &
    app=$!
}

wait_healthy() {
    started=$SECONDS
    until [[ "$(curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null || true)" == *'"status":"UP"'* ]]; do
        kill -0 "$app" 2>/dev/null || fail "the application stopped before it was healthy"
        ((SECONDS - started < ${CHECK_IMAGE_TIMEOUT:-240})) || fail "not healthy after ${CHECK_IMAGE_TIMEOUT:-240} s"
        sleep 2
    done
}

unpack
prepare_services
if [[ -n "$aot" ]]; then
    # The training run: started and stopped like a container; the JVM writes the cache as it exits.
    start_app '["-XX:AOTCacheOutput=/tmp/assets.aot"]'
    wait_healthy
    curl -fsS -o /dev/null "http://127.0.0.1:$port/login" || fail "the training run does not serve /login"
    stop_app
    [[ -s "$work/root/tmp/assets.aot" ]] || fail "the training run wrote no AOT cache"
    python3 - "$image" "$work/root/tmp/assets.aot" <<'PY'
# One more layer (/app/assets.aot) and -XX:AOTCache in the entrypoint; the other layers are unchanged, so
# the cache's record of the class path (each jar's size and modification time) stays true.
import gzip, hashlib, io, json, os, sys, tarfile
image, cache = sys.argv[1], sys.argv[2]
with tarfile.open(image) as outer:
    files = {m.name: outer.extractfile(m).read() for m in outer if m.isfile()}
manifest = json.loads(files["manifest.json"])
config = json.loads(files[manifest[0]["Config"]])
raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as layer:
    for folder in ("app",):
        info = tarfile.TarInfo(folder)
        info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, 1
        layer.addfile(info)
    info = tarfile.TarInfo("app/assets.aot")
    info.size, info.mode, info.mtime = os.path.getsize(cache), 0o644, 1
    with open(cache, "rb") as data:
        layer.addfile(info, data)
raw = raw.getvalue()
gzipped = gzip.compress(raw, mtime=0)
layer_name = hashlib.sha256(gzipped).hexdigest() + ".tar.gz"
config["rootfs"]["diff_ids"].append("sha256:" + hashlib.sha256(raw).hexdigest())
config.setdefault("history", []).append({"created": "1970-01-01T00:00:00Z", "created_by": "ops/check-image.sh --aot",
                                          "comment": "Java AOT cache from a training run of this image"})
entrypoint = config["config"]["Entrypoint"]
entrypoint[1:1] = ["-XX:AOTCache=/app/assets.aot"]
config_bytes = json.dumps(config, separators=(",", ":")).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
del files[manifest[0]["Config"]]
manifest[0]["Config"] = config_name
manifest[0]["Layers"].append(layer_name)
files[config_name] = config_bytes
files[layer_name] = gzipped
files["manifest.json"] = json.dumps(manifest).encode()
with tarfile.open(image + ".new", "w") as out:
    for name, data in files.items():
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = len(data), 0o644, 1
        out.addfile(info, io.BytesIO(data))
os.replace(image + ".new", image)
PY
    echo "check-image: AOT cache of $(( $(stat -c %s "$work/root/tmp/assets.aot") / 1048576 )) MB added to $image" \
        "(training run: $((SECONDS - started)) s); checking the new image"
    drop_services
    aot="done"
    unpack
    prepare_services
    start_app '["-XX:AOTMode=on"]'
else
    start_app '[]'
fi
wait_healthy
java_pid="$(pgrep -P "$app" | head -1)"
[[ -n "$java_pid" ]] || fail "no application process under $app"
[[ "$(awk '/^Uid:/ {print $2}' "/proc/$java_pid/status")" == 10001 ]] \
    || fail "the application does not run as uid 10001"
[[ "$(readlink "/proc/$java_pid/root")" == "$work/root" ]] || fail "the application is not chrooted into the image"
echo "check-image: healthy after $((SECONDS - started)) s, as uid 10001, from the image's own files," \
    "migrated as ${name}_owner, working as ${name}_app${aot:+, with the AOT cache (-XX:AOTMode=on)}"
