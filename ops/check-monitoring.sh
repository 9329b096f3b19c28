#!/usr/bin/env bash
# Validates the monitoring as code, offline: Prometheus's configuration and alert rules (promtool
# check), the rules' unit tests (promtool test rules), the YAML style (yamllint), and the Grafana
# dashboard: valid JSON, every panel's PromQL parses, and every panel an alert names exists.
# Needs promtool (Debian package prometheus), yamllint and python3.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
for tool in promtool yamllint python3; do
    command -v "$tool" >/dev/null || { echo "check-monitoring: $tool is not installed" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

promtool check config prometheus/prometheus.yml
promtool check rules prometheus/alerts.yml
promtool test rules prometheus/alerts_test.yml
yamllint --strict prometheus grafana/provisioning

# The dashboard's expressions, as recording rules promtool can parse; and the panel names alerts point to.
python3 - grafana/dashboards/assets.json prometheus/alerts.yml "$work/dashboard-rules.yml" <<'PY'
import json, re, sys
dashboard, alerts, rules = sys.argv[1:4]
panels = [p for p in json.load(open(dashboard))["panels"] if p["type"] != "row"]
titles = {p["title"] for p in panels}
with open(rules, "w") as out:
    out.write("groups:\n  - name: dashboard\n    rules:\n")
    for i, p in enumerate(panels):
        for t in p["targets"]:
            out.write(f"      - record: dashboard:panel{i}:{t['refId']}\n        expr: {json.dumps(t['expr'])}\n")
named = set(re.findall(r"dashboard: Assets / (.+)", open(alerts).read()))
missing = sorted(named - titles)
if missing:
    sys.exit(f"alerts name dashboard panels that do not exist: {missing}")
print(f"dashboard: {len(panels)} panels, every panel named by an alert exists")
PY
promtool check rules "$work/dashboard-rules.yml" >/dev/null
echo "check-monitoring: all good"
