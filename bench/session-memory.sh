#!/usr/bin/env bash
# Heap per signed-in user (issue 11, goal: at most 100 KB per session).
#
#   ./mvnw -Pproduction -DskipTests package      # once
#   bench/session-memory.sh [sessions]            # default 200
#
# Starts the packaged jar (embedded PostgreSQL and broker, fresh data folder, free ports), then
# over real HTTP, each session with a cookie jar of its own, does what a browser does: opens the
# sign-in page, signs in through the form as the demo borrower, and opens the dashboard: the page,
# then Flow's init request (?v-r=init), which creates a UI on the server, then the UIDL request in
# which Flow's client asks that UI to show the route (the ui-navigate event): the dashboard view is
# built and its components sent (the script checks the greeting is in the answer). The sessions stay open (nothing is signed out) while the heap is measured.
# Heap = the live objects after a full GC (`jcmd <pid> GC.class_histogram`, whose total counts only
# reachable objects), once after 10 warm-up sessions and once after the N sessions;
# per session = difference / N. The classes that grew most are printed (what dominates).
set -euo pipefail
cd "$(dirname "$0")/.."
sessions="${1:-200}"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
jar="${JAR:-$(ls target/assets-*.jar | grep -v plain | head -1)}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
data="$(mktemp -d)"
port="$(free_port)"
PORT=$port ASSETS_DATA_DIR="$data" ASSETS_EMBEDDED_POSTGRES_PORT="$(free_port)" \
  ASSETS_EMBEDDED_AMQP_PORT="$(free_port)" "$java_home/bin/java" ${JAVA_OPTS:-} -jar "$jar" > "$data/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/login"; do
  kill -0 $pid 2>/dev/null || { echo "app died, see $data/app.log" >&2; exit 1; }
  sleep 0.2
done
echo "jar: $jar (built $(date -u -r "$jar" '+%Y-%m-%d %H:%M UTC'); worktree at $(git rev-parse --short HEAD 2>/dev/null || echo '?')), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"


python3 - "$port" "$sessions" "$data" "$pid" "$java_home" <<'EOF'
import http.cookiejar, json, re, subprocess, sys, time, urllib.parse, urllib.request

port, n, data, pid, java_home = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
base = f"http://127.0.0.1:{port}"

class Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None

def session():
    jar = http.cookiejar.CookieJar()
    web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), Stay)
    page = web.open(base + "/login").read().decode()
    form = {"username": "borrower@assets.local", "password": "demo-assets-2026"}
    token = re.search(r'<meta name="_csrf" content="([^"]+)"', page)
    if token:
        form["_csrf"] = token.group(1)
    try:
        web.open(base + "/login", urllib.parse.urlencode(form).encode())
        raise SystemExit("sign-in did not redirect")
    except urllib.error.HTTPError as redirect:
        where = redirect.headers.get("Location", "")
        if redirect.code != 302 or "error" in where:
            raise SystemExit(f"sign-in refused: {redirect.code} {where}")
    page = web.open(base + "/").read().decode()
    if "v-uiId" not in page:
        # As Flow's client does when the page does not carry the first UIDL: the init request
        # creates the dashboard's UI on the server and answers with its first UIDL.
        page = web.open(base + "/?v-r=init&location=&query=&v-sw=1920&v-sh=1080&v-wn=bench&v-tzo=-210"
                        "&v-dstd=0&v-rtzo=-210&v-dston=false&v-tzid=Asia%2FTehran&v-td=false&v-curdate="
                        + str(int(time.time() * 1000))).read().decode()
    ui = re.search(r'"v-uiId"\s*:\s*(\d+)', page)
    key = re.search(r'"Vaadin-Security-Key"\s*:\s*"([^"]+)"', page)
    sync = re.search(r'"syncId"\s*:\s*(\d+)', page)
    if not ui or not key:
        raise SystemExit("no UI was created")
    if "dashboard-greeting" not in page:
        # Then the client asks the UI to show the route (Flow.js: the ui-navigate event on the root node).
        message = json.dumps({"csrfToken": key.group(1), "syncId": int(sync.group(1)) if sync else 0, "clientId": 0,
                              "rpc": [{"type": "event", "node": 1, "event": "ui-navigate",
                                       "data": {"route": "", "query": "", "appShellTitle": "",
                                                "historyState": None, "trigger": ""}}]})
        request = urllib.request.Request(f"{base}/?v-r=uidl&v-uiId={ui.group(1)}", data=message.encode(),
                                         headers={"Content-Type": "application/json; charset=UTF-8"})
        page = web.open(request).read().decode()
    if "dashboard-greeting" not in page:
        raise SystemExit("the dashboard was not shown: " + page[:300])
    return web

def live(name):
    path = f"{data}/{name}.histo"
    with open(path, "w") as out:
        subprocess.run([f"{java_home}/bin/jcmd", pid, "GC.class_histogram"], stdout=out, check=True)
    classes, total = {}, 0
    for line in open(path):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            classes[m.group(3)] = (int(m.group(1)), int(m.group(2)))
        m = re.match(r"Total\s+(\d+)\s+(\d+)", line)
        if m:
            total = int(m.group(2))
    return total, classes

# The demo accounts are made right after start-up (an ApplicationRunner): wait for them.
for attempt in range(120):
    try:
        keep = [session()]
        break
    except SystemExit as refused:
        if "refused" not in str(refused) or attempt == 119:
            raise
        time.sleep(2)
keep += [session() for _ in range(9)]  # warm-up: classes, caches, first UIs
before, classes_before = live("before")
started = time.time()
keep += [session() for _ in range(n)]
took = time.time() - started
after, classes_after = live("after")
per = (after - before) / n
print(f"sessions: {n} (+10 warm-up), opened in {took:.1f} s")
print(f"live heap before: {before / 1048576:.1f} MB, after: {after / 1048576:.1f} MB")
print(f"heap per session: {per / 1024:.1f} KB (goal: at most 100 KB)")
print("classes that grew most (bytes per session, instances per session):")
growth = sorted(((classes_after[c][1] - classes_before.get(c, (0, 0))[1],
                  classes_after[c][0] - classes_before.get(c, (0, 0))[0], c) for c in classes_after), reverse=True)
for size, count, name in growth[:20]:
    print(f"  {size / n:10.0f} B {count / n:8.1f}  {name}")
EOF
