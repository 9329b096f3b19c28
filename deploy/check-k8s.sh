#!/usr/bin/env bash
# Validates deploy/k8s offline, without a cluster: YAML style (yamllint), each overlay rendered by
# `kubectl kustomize` as a deploy renders it, and every rendered object checked against the
# Kubernetes API's types and the references between objects (KubernetesManifestsTest, which
# renders the overlays itself). Needs kubectl (Debian package kubectl), yamllint and Java 21+.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
for tool in kubectl yamllint; do
    command -v "$tool" >/dev/null || { echo "check-k8s: $tool is not installed" >&2; exit 1; }
done

yamllint --strict -c ops/.yamllint deploy/k8s
for overlay in deploy/k8s/overlays/*/; do
    kubectl kustomize --load-restrictor LoadRestrictionsNone "$overlay" >/dev/null
    echo "check-k8s: $overlay renders"
done
./mvnw -q test -Dtest=KubernetesManifestsTest -Djacoco.skip=true -Dsurefire.failIfNoSpecifiedTests=false
echo "check-k8s: all good"
