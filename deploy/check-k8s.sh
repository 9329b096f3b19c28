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

# Java 21+ for Maven (the machine's default java may be 17).
if [[ -z "${JAVA_HOME:-}" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
        if [[ -x "$candidate/bin/java" ]]; then export JAVA_HOME="$candidate"; break; fi
    done
fi

yamllint --strict -c ops/.yamllint deploy/k8s
for overlay in deploy/k8s/overlays/*/; do
    kubectl kustomize --load-restrictor LoadRestrictionsNone "$overlay" >/dev/null
    echo "check-k8s: $overlay renders"
done
./mvnw -q test -Dtest=KubernetesManifestsTest -Djacoco.skip=true -Dsurefire.failIfNoSpecifiedTests=false
echo "check-k8s: all good"
