#!/usr/bin/env bash
# Installs the Debian packages that Watchpost's tests use (as root, or via sudo).
# Safe to run repeatedly; skips apt when everything is already present.
set -euo pipefail
# openssh-*: the live login tests; iptables: iptables-save for the iptables table;
# attr, libcap2-bin, file: extended_attributes (getfattr, getcap) and magic (file).
# prometheus, prometheus-alertmanager: real scrape and alert delivery in the e2e tests.
# chromium: the web UI tests (playwright-core drives Debian's Chromium headless).
# tzdata: Go-compatible time zones (promtail timestamp stage, LogQL date functions).
# openssl: the TLS e2e test makes a self-signed certificate.
packages=(openssh-server openssh-client iptables attr file libcap2-bin prometheus prometheus-alertmanager chromium tzdata openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
