#!/bin/sh
# Makes a self-signed development certificate for nginx (ops/nginx/assets.conf) unless one exists:
# TLS_DIR/assets.crt and assets.key (default /etc/nginx/tls), for the names in TLS_NAMES (default
# localhost). Runs as a /docker-entrypoint.d/ hook of the official nginx image (first start) or by
# hand; needs openssl. Never use this certificate outside development.
set -eu

dir="${TLS_DIR:-/etc/nginx/tls}"
names="${TLS_NAMES:-localhost}"

if [ -s "$dir/assets.crt" ] && [ -s "$dir/assets.key" ]; then
    exit 0
fi
command -v openssl >/dev/null || { echo "dev-cert: openssl is not installed" >&2; exit 1; }
mkdir -p "$dir"
san=""
for name in $names; do
    san="${san:+$san,}DNS:$name"
done
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -sha256 \
    -subj "/CN=${names%% *}" -addext "subjectAltName=$san,IP:127.0.0.1" \
    -keyout "$dir/assets.key.part" -out "$dir/assets.crt.part" 2>/dev/null
mv "$dir/assets.key.part" "$dir/assets.key"
chmod 644 "$dir/assets.crt.part"
mv "$dir/assets.crt.part" "$dir/assets.crt"
echo "dev-cert: made a self-signed certificate for $names in $dir"
