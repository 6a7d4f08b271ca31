# offline.sh — what the service scripts take from an installed full offline bundle
# (`make install BUNDLE=…` after `make bundle FULL=1`; docs/deploy.md, 内网离线部署). Sourced, not run.
# The sourcing script sets REPO_ROOT and defines log and die.
#
#   PORTAL_OFFLINE_DIR  where the bundle's pieces were put (default <repo>/var/offline)
OFFLINE_DIR=${PORTAL_OFFLINE_DIR:-$REPO_ROOT/var/offline}
OFFLINE_MAVEN=$OFFLINE_DIR/maven  # a sourcing script may empty it: then Maven stays online

# mvn arguments: the bundle's Maven repository, in offline mode, once it is installed
offline_maven_args() {
  if [ -d "$OFFLINE_MAVEN" ]; then echo "-o -Dmaven.repo.local=$OFFLINE_MAVEN"; fi
}

# maven_source DEFAULT: where the jars come from, for the log line
maven_source() {
  if [ -d "$OFFLINE_MAVEN" ]; then echo "offline from $OFFLINE_MAVEN"; else echo "$1"; fi
}

# apt_install PACKAGE...: installs the Debian packages. With the bundle's Debian packages present,
# installs those of them not installed yet or newer than the installed version (the services'
# packages and their dependencies) from the files, with no network; otherwise from the apt sources.
apt_install() {
  local sudo="" deb name version arch installed debs=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "$* not installed and we are not root: apt-get install $*"
    sudo="sudo -n"
  fi
  if ! compgen -G "$OFFLINE_DIR/debs/*.deb" >/dev/null; then
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
    return
  fi
  for deb in "$OFFLINE_DIR"/debs/*.deb; do
    name=$(dpkg-deb -f "$deb" Package) version=$(dpkg-deb -f "$deb" Version) arch=$(dpkg-deb -f "$deb" Architecture)
    [ "$arch" = all ] || name="$name:$arch"
    installed=$(dpkg-query -W -f '${db:Status-Status} ${Version}' "$name" 2>/dev/null) || installed=""
    case "$installed" in
      "installed "*) dpkg --compare-versions "${installed#installed }" lt "$version" && debs+=("$deb") ;;
      *) debs+=("$deb") ;;
    esac
  done
  log "installing ${#debs[@]} Debian packages from the offline bundle ($OFFLINE_DIR/debs)"
  [ "${#debs[@]}" -eq 0 ] && return 0
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${debs[@]}"
}

# need_commands HINT COMMAND...: dies naming HINT unless every COMMAND is found; when one is
# missing and the bundle's Debian packages are present, installs those first
need_commands() {
  local hint=$1 command
  shift
  for command in "$@"; do
    command -v "$command" >/dev/null 2>&1 && continue
    if compgen -G "$OFFLINE_DIR/debs/*.deb" >/dev/null; then apt_install; fi
    command -v "$command" >/dev/null 2>&1 || die "$command not found ($hint)"
  done
}
