#!/usr/bin/env bash
# Installs what the build and the tests need, on Debian or Ubuntu with apt-get, when it is missing:
#   JDK 17 or newer and Maven   (the build; a machine usually has them already)
#   fontconfig and a font       (charts draw their labels with Java2D, which needs at least one font)
#   Node.js 18 or newer         (the page's JavaScript unit tests run under 'node --test')
#   Chromium and ChromeDriver   (the web explorer's browser tests; /usr/bin/chromium and /usr/bin/chromedriver)
# Prints what it installs; run again, it installs nothing. Exits non-zero, saying why, when it cannot install.
#
#   ./setup.sh                 install what is missing
#   ./setup.sh --check         only say what is missing (exit code 1 if anything is)
#   ./setup.sh --no-browser    leave Chromium out (then run the tests with -Dnnpaint.browserTests=skip)
#
# NNPAINT_CHROMIUM and NNPAINT_CHROMEDRIVER name a browser and driver elsewhere than /usr/bin; give the tests the
# same paths with -Dnnpaint.chromium=PATH -Dnnpaint.chromedriver=PATH.
set -euo pipefail

check_only=false
browser=true
for arg in "$@"; do
  case "$arg" in
    --check) check_only=true ;;
    --no-browser) browser=false ;;
    -h | --help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "setup: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

chromium="${NNPAINT_CHROMIUM:-/usr/bin/chromium}"
chromedriver="${NNPAINT_CHROMEDRIVER:-/usr/bin/chromedriver}"

ubuntu=false
if [[ -r /etc/os-release ]]; then
  # shellcheck disable=SC1091
  os_id="$(. /etc/os-release && echo "${ID:-} ${ID_LIKE:-}")"
  [[ " $os_id " == *" ubuntu "* ]] && ubuntu=true
fi

say() { echo "setup: $*"; }
fail() { echo "setup: $*" >&2; exit 1; }

# The first number of a version string, skipping a leading "1." (javac 1.8.0 is Java 8).
major() {
  local m
  m="$(sed -E 's/^[^0-9]*//; s/^1\.([0-9]+).*/\1/; s/[^0-9].*//' <<<"$1")"
  echo "${m:-0}"
}

# Each requirement: a check, what it is for the person reading, and the apt packages that bring it (the first
# of several alternatives that apt knows, separated by '|').
jdk_version() { javac -version 2>&1 | head -n 1; }
have_jdk() { command -v javac >/dev/null && command -v java >/dev/null && (($(major "$(jdk_version)") >= 17)); }
have_maven() { command -v mvn >/dev/null; }
have_fonts() { command -v fc-list >/dev/null && [[ -n "$(fc-list 2>/dev/null)" ]]; }
have_node() { command -v node >/dev/null && (($(major "$(node --version 2>/dev/null)") >= 18)); }
have_browser() { [[ -x "$chromium" && -x "$chromedriver" ]]; }

needs=(jdk maven fonts node)
$browser && needs+=(browser)

describe() {
  case "$1" in
    jdk) echo "a JDK 17 or newer$(command -v javac >/dev/null && echo " (found $(jdk_version))")" ;;
    maven) echo "Maven" ;;
    fonts) echo "fontconfig and a font" ;;
    node) echo "Node.js 18 or newer$(command -v node >/dev/null && echo " (found node $(node --version))")" ;;
    browser) echo "Chromium and ChromeDriver ($chromium, $chromedriver)" ;;
  esac
}

packages() {
  case "$1" in
    jdk) echo "openjdk-17-jdk-headless|openjdk-21-jdk-headless|default-jdk-headless" ;;
    maven) echo "maven" ;;
    fonts) echo "fontconfig fonts-dejavu-core" ;;
    node) echo "nodejs" ;;
    browser) echo "chromium chromium-driver" ;;
  esac
}

ubuntu_browser_help() {
  cat >&2 <<EOF
setup: Ubuntu has no Chromium in apt: its chromium packages only install the snap, so setup.sh does not install it.
setup: Either install a Chromium or Chrome with the ChromeDriver of the same version yourself and point the tests
setup: at them (with the snap, for example: snap install chromium, then
setup:   NNPAINT_CHROMIUM=/snap/bin/chromium NNPAINT_CHROMEDRIVER=/snap/bin/chromium.chromedriver ./setup.sh
setup:   mvn -B verify -Dnnpaint.chromium=/snap/bin/chromium -Dnnpaint.chromedriver=/snap/bin/chromium.chromedriver),
setup: or leave the browser tests out: ./setup.sh --no-browser && mvn -B verify -Dnnpaint.browserTests=skip
EOF
}

missing=()
for need in "${needs[@]}"; do
  "have_$need" || missing+=("$need")
done

if ((${#missing[@]} == 0)); then
  say "nothing to install: $(jdk_version), $(mvn -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g'), node $(node --version)," \
    "$(fc-list | wc -l) fonts$($browser && echo ", $("$chromium" --version 2>/dev/null | head -n 1) and its driver")"
  exit 0
fi
for need in "${missing[@]}"; do say "missing: $(describe "$need")"; done
$check_only && exit 1

# Ubuntu's chromium is a snap: apt cannot install it, so say so after installing the rest.
installable=()
browser_unavailable=false
for need in "${missing[@]}"; do
  if [[ "$need" == browser ]] && $ubuntu; then
    browser_unavailable=true
  else
    installable+=("$need")
  fi
done

if ((${#installable[@]})); then
  command -v apt-get >/dev/null \
    || fail "cannot install what is missing: this machine has no apt-get (setup.sh knows Debian and Ubuntu); install them yourself"
  apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
  if ((EUID != 0)); then
    command -v sudo >/dev/null || fail "cannot install what is missing: not root, and there is no sudo; run setup.sh as root"
    apt=(sudo "${apt[@]}")
  fi
  say "updating apt's package lists"
  "${apt[@]}" update -q || fail "apt-get update failed; see its messages above"

  pkgs=()
  for need in "${installable[@]}"; do
    for choice in $(packages "$need"); do
      chosen=""
      IFS='|' read -r -a alternatives <<<"$choice"
      for alt in "${alternatives[@]}"; do
        if apt-cache policy "$alt" 2>/dev/null | grep -q 'Candidate: [^(]'; then chosen="$alt"; break; fi
      done
      [[ -n "$chosen" ]] || fail "cannot install $(describe "$need"): apt knows no package ${choice//|/ or }"
      pkgs+=("$chosen")
    done
  done
  say "installing: ${pkgs[*]}"
  "${apt[@]}" install -y -q "${pkgs[@]}" || fail "apt-get could not install ${pkgs[*]}; see its messages above"
  hash -r

  still=()
  for need in "${installable[@]}"; do
    "have_$need" || still+=("$need")
  done
  if ((${#still[@]})); then
    for need in "${still[@]}"; do echo "setup: still missing after installing: $(describe "$need")" >&2; done
    [[ " ${still[*]} " == *" node "* ]] \
      && echo "setup: this system's nodejs package is too old; install Node.js 18 or newer another way" >&2
    exit 1
  fi
  say "installed: ${pkgs[*]}"
fi

if $browser_unavailable; then
  ubuntu_browser_help
  exit 1
fi
