#!/usr/bin/env bash
# Lays out the operating-system part of the container image in a folder, which Jib adds on top of an
# empty base image ("scratch"), so the image builds without a Docker daemon and without a registry:
#   /opt/java            a Java runtime made by jlink from the build's JDK, only the modules the app uses
#   /lib/x86_64-linux-gnu, /lib64   the GNU C library files the JDK links against (ld.so, libc, libm,
#                        libdl, libpthread, librt; the JDK brings its own zlib, freetype and harfbuzz),
#                        taken from this machine, so from the Debian release the JDK is run and tested on
#   /etc/passwd, /etc/group   root and the user the application runs as (assets, uid and gid 10001)
#   /etc/ssl/certs/ca-certificates.crt   the machine's CA bundle (Java itself uses the JDK's cacerts)
#   /tmp                 writable for everyone (Tomcat's and Vaadin's temporary files)
# Usage: ops/image-runtime.sh FOLDER. The folder is rebuilt only when its inputs change (this script,
# the JDK, the C library), because jlink takes about 20 s; Maven's production profile calls it before Jib.
set -euo pipefail

out="${1:?usage: ops/image-runtime.sh FOLDER}"
java_home="${JAVA_HOME:?set JAVA_HOME to the JDK the runtime of the image comes from}"
# Java SE (java.se: Spring and Hibernate use java.compiler, java.sql, java.naming, java.desktop for PDFBox and
# more) plus the JDK modules libraries reach for: sun.misc.Unsafe (jdk.unsupported), the Persian locale data
# (jdk.localedata), extra charsets, PKCS#11, DNS naming, JFR and platform MXBeans. No compiler or tools.
modules=java.se,jdk.charsets,jdk.crypto.cryptoki,jdk.jfr,jdk.localedata,jdk.management,jdk.naming.dns
modules+=,jdk.net,jdk.unsupported,jdk.zipfs
libs=(ld-linux-x86-64.so.2 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1)
multiarch=/lib/x86_64-linux-gnu

key="$( {
    sha256sum "${BASH_SOURCE[0]}"
    "$java_home/bin/java" -version 2>&1
    for lib in "${libs[@]}"; do sha256sum "$multiarch/$lib"; done
    sha256sum /etc/ssl/certs/ca-certificates.crt
} | sha256sum | cut -c1-16)"
if [[ -d "$out" && -f "$out.key" && "$(cat "$out.key")" == "$key" ]]; then
    exit 0
fi

echo "image-runtime: building $out (jlink of $java_home)"
tmp="$(mktemp -d "$(dirname "$out")/.image-runtime.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --output "$tmp/opt/java"
mkdir -p "$tmp$multiarch" "$tmp/lib64" "$tmp/etc/ssl/certs" "$tmp/tmp" "$tmp/home/assets"
for lib in "${libs[@]}"; do cp -L "$multiarch/$lib" "$tmp$multiarch/$lib"; done
cp -L "$multiarch/ld-linux-x86-64.so.2" "$tmp/lib64/ld-linux-x86-64.so.2"
cp -L /etc/ssl/certs/ca-certificates.crt "$tmp/etc/ssl/certs/"
printf 'root:x:0:0:root:/root:/sbin/nologin\nassets:x:10001:10001:Assets:/home/assets:/sbin/nologin\n' \
    >"$tmp/etc/passwd"
printf 'root:x:0:\nassets:x:10001:\n' >"$tmp/etc/group"
dpkg-query -W -f '${Package} ${Version}\n' libc6 2>/dev/null >"$tmp/opt/java/c-library.txt" || true
rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv -T "$tmp" "$out"
trap - EXIT
echo "$key" >"$out.key"
