#!/usr/bin/env bash
# Installs code-server (a real VS Code, served to a browser) from the npm registry into a cache
# outside the repository, because @vscode/test-electron's download of VS Code needs internet
# access these machines do not have. See "A real VS Code, here, without downloads" in DESIGN.md.
#
# Idempotent: a marker file is written only after every step succeeded, so a second run is
# instant and a broken half-install is thrown away and redone.
# Prints the install folder (holding node_modules/code-server) as its last line on stdout;
# everything else goes to stderr.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/completions-chat"
INSTALL_DIR="$CACHE_ROOT/code-server-$CODE_SERVER_VERSION"
MARKER="$INSTALL_DIR/.installed-ok"

log() { echo "[installCodeServer] $*" >&2; }
fail() { echo "[installCodeServer] ERROR: $*" >&2; exit 1; }

# Native modules build against these; chromium shows the workbench; rg replaces the ripgrep
# binary whose postinstall would download it.
APT_PACKAGES=(build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium)

install_missing_apt_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# npm 11 skips dependencies' install scripts unless they are approved (`npm install-scripts`),
# but `npm rebuild <name>` with the names given explicitly runs them. Each rebuild is checked
# afterwards by loading the module, so a silently skipped script cannot pass unnoticed.
# build_from_source keeps node-pre-gyp from trying to download a prebuilt binary first.
rebuild() {
  local dir="$1"; shift
  log "npm rebuild $* (in $dir)"
  (cd "$dir" && npm_config_build_from_source=true npm rebuild --foreground-scripts "$@" >&2)
}

# Fails unless `require(name)` works from `dir` in this Node (the one code-server runs on).
check_loads() {
  local dir="$1" name="$2"
  (cd "$dir" && node -e "require(process.argv[1])" "$name") \
    || fail "native module '$name' does not load in $dir (its build failed; see output above)"
}

# "v20.20.2" from a node_version.h, or nothing.
headers_version() {
  [ -f "$1" ] || return 0
  awk '/define NODE_(MAJOR|MINOR|PATCH)_VERSION/ { v = v (v ? "." : "v") $3 } END { print v }' "$1"
}

install_code_server() {
  local vscode_dir="$INSTALL_DIR/node_modules/code-server/lib/vscode"

  rm -rf "$INSTALL_DIR"
  mkdir -p "$INSTALL_DIR"
  echo '{ "name": "completions-chat-code-server", "private": true }' > "$INSTALL_DIR/package.json"

  # node-gyp would download Node's headers (no internet here); a Node installed under /usr
  # ships its own, usable when they are this Node's version.
  if [ -z "${npm_config_nodedir:-}" ] && [ "$(headers_version /usr/include/node/node_version.h)" = "$(node -p process.version)" ]; then
    export npm_config_nodedir=/usr
  fi
  # code-server's own postinstall refuses to run as root without unsafe_perm, and it would run
  # @vscode/ripgrep's downloading postinstall; so scripts are off and its steps are done here.
  export npm_config_unsafe_perm=true
  log "npm install code-server@$CODE_SERVER_VERSION (scripts off)"
  (cd "$INSTALL_DIR" && npm install --no-audit --no-fund --ignore-scripts --omit=dev \
      "code-server@$CODE_SERVER_VERSION" >&2)
  rebuild "$INSTALL_DIR" argon2
  check_loads "$INSTALL_DIR/node_modules/code-server" argon2

  log "npm install in lib/vscode (scripts off)"
  (cd "$vscode_dir" && npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2)
  rebuild "$vscode_dir" @parcel/watcher @vscode/deviceid @vscode/spdlog kerberos native-watchdog
  # node-pty's post-install step (compile_commands) fails after pty.node is built: harmless,
  # and the load check below is what decides.
  rebuild "$vscode_dir" node-pty || log "node-pty's rebuild reported an error; checking that it loads anyway"
  for module in @parcel/watcher @vscode/deviceid @vscode/spdlog kerberos native-watchdog node-pty; do
    check_loads "$vscode_dir" "$module"
  done

  local rg
  rg="$(command -v rg)" || fail "ripgrep (rg) is not on PATH"
  mkdir -p "$vscode_dir/node_modules/@vscode/ripgrep/bin"
  cp "$rg" "$vscode_dir/node_modules/@vscode/ripgrep/bin/rg"

  # What code-server's postinstall would have linked: VS Code looks for files under
  # node_modules.asar, and the remote CLI / browser helpers under their platform names.
  ln -sfn node_modules "$vscode_dir/node_modules.asar"
  ln -sfn code-linux.sh "$vscode_dir/bin/remote-cli/code-server"
  ln -sfn browser-linux.sh "$vscode_dir/bin/helpers/browser.sh"

  log "npm install in lib/vscode/extensions (scripts off)"
  (cd "$vscode_dir/extensions" && npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2)

  # --config keeps code-server from writing a default config into the user's ~/.config.
  (cd "$INSTALL_DIR" && node node_modules/code-server/out/node/entry.js --config "$INSTALL_DIR/config.yaml" --version >&2) \
    || fail "the installed code-server does not start"
  date -u +%FT%TZ > "$MARKER"
}

install_missing_apt_packages
# Two runs at once (npm start beside npm test) would install over each other: one waits.
mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/.install-code-server.lock"
flock 9
if [ -f "$MARKER" ]; then
  log "cached: $INSTALL_DIR"
else
  started=$SECONDS
  install_code_server
  log "installed in $((SECONDS - started))s: $INSTALL_DIR"
fi
echo "$INSTALL_DIR"
