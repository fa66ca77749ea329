#!/usr/bin/env bash
# Prepares this machine for the test suites; `npm test` runs it first (the "pretest" script).
#
# - docker-registry (Debian's, 2.8.2): the emulator's ECR is metadata only (no /v2/ API), so the
#   image builder's tests run this registry through local/image-registry.ts, on a free loopback port
#   with a config of their own (DEVELOPERS.md, "The emulator"). The package's own service would
#   listen on :5000 on all interfaces: it is kept from starting, and stopped if it runs.
# - moto 5.2.1 (Python) for the AWS emulator: only checked, since PyPI may be out of reach.
#
# Idempotent and silent when everything is in place. It never fails by itself: what it cannot
# install it names, with the command to run, and the suites that need it fail with the same hint.
set -uo pipefail

registry_install='sudo apt-get update && sudo apt-get install -y docker-registry'
moto_install='pip install "moto[server]==5.2.1"'
say() { printf 'setup-machine: %s\n' "$*"; }

is_root() { [ "$(id -u)" = 0 ]; }
has_systemd() { [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }

install_registry() {
  # policy-rc.d answering 101 keeps maintainer scripts (invoke-rc.d, deb-systemd-invoke) from
  # starting the packaged service during the install; leave a policy that is already there alone.
  local policy=/usr/sbin/policy-rc.d added_policy=''
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 0755 "$policy" && added_policy=1
  fi
  say "installing docker-registry with apt-get (once)"
  local status=0 log
  log=$(mktemp)
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry; } >"$log" 2>&1 || status=$?
  [ -n "$added_policy" ] && rm -f "$policy"
  if [ "$status" != 0 ]; then
    tail -n 20 "$log" >&2
    rm -f "$log"
    say "apt-get could not install docker-registry (exit $status); install it with: $registry_install"
    return 0
  fi
  rm -f "$log"
  # Without systemd, the init script's boot links are the only way it would come back.
  if ! has_systemd && command -v update-rc.d >/dev/null 2>&1; then
    update-rc.d docker-registry disable >/dev/null 2>&1 || true
  fi
}

# Stops and disables the service the Debian package ships (config /etc/docker/registry, :5000).
stop_packaged_service() {
  if has_systemd; then
    if systemctl is-active --quiet docker-registry.service 2>/dev/null || systemctl is-enabled --quiet docker-registry.service 2>/dev/null; then
      if is_root; then
        systemctl disable --now --quiet docker-registry.service && say "disabled the packaged docker-registry service (it listens on :5000 on all interfaces; the tests start their own)"
      else
        say "the packaged docker-registry service is enabled and listens on :5000 on all interfaces; turn it off with: sudo systemctl disable --now docker-registry"
      fi
    fi
  elif [ -x /etc/init.d/docker-registry ] && /etc/init.d/docker-registry status >/dev/null 2>&1; then
    if is_root; then
      /etc/init.d/docker-registry stop >/dev/null 2>&1
      # The init script signals without waiting; the registry drains for a moment.
      for _ in 1 2 3 4 5 6 7 8 9 10; do
        /etc/init.d/docker-registry status >/dev/null 2>&1 || break
        sleep 0.5
      done
      say "stopped the packaged docker-registry service (it listens on :5000 on all interfaces; the tests start their own)"
    else
      say "the packaged docker-registry service runs on :5000 on all interfaces; stop it with: sudo /etc/init.d/docker-registry stop"
    fi
  fi
}

if ! command -v docker-registry >/dev/null 2>&1; then
  if is_root && command -v apt-get >/dev/null 2>&1; then
    install_registry
  else
    say "docker-registry is not installed; the image builder's tests need it. Install it with: $registry_install"
  fi
fi
if command -v docker-registry >/dev/null 2>&1; then stop_packaged_service; fi

python=${PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
  say "$python was not found; the AWS emulator needs Python 3.11 with: $moto_install"
elif ! moto_version=$("$python" -c 'import moto; print(moto.__version__)' 2>/dev/null); then
  say "$python cannot import moto; the AWS emulator needs it. Install it with: $moto_install"
elif [ "$moto_version" != 5.2.1 ]; then
  say "$python has moto $moto_version; the AWS emulator is pinned to 5.2.1. Install it with: $moto_install"
fi
exit 0
