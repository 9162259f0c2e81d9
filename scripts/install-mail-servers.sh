#!/usr/bin/env bash
# Installs the real mail servers the integration tests run against (Debian 12 / Ubuntu):
# Dovecot (IMAP, POP3, LMTP) and Postfix, without starting the system-wide daemons and
# without Postfix's interactive configuration. Idempotent; needs root (or sudo).
set -euo pipefail
pkgs=(dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd postfix openssl)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "mail servers already installed: ${pkgs[*]}"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing: ${missing[*]}"
echo 'postfix postfix/main_mailer_type select No configuration' | $SUDO debconf-set-selections
# Keep the packages' init scripts from starting system-wide daemons during the install.
policy=/usr/sbin/policy-rc.d
restore_policy=""
if [ -e "$policy" ]; then restore_policy=$(mktemp) && $SUDO cp "$policy" "$restore_policy"; fi
printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
$SUDO chmod +x "$policy"
cleanup() {
  if [ -n "$restore_policy" ]; then $SUDO mv "$restore_policy" "$policy"; else $SUDO rm -f "$policy"; fi
}
trap cleanup EXIT
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
dovecot --version
