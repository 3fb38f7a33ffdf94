# Three "hosts" on one machine for the cluster tests: network namespaces mpjt-h1..3 on a
# bridge inside a fourth namespace (mpjt-hub), private addresses, no route anywhere else.
# Each command run "on" a host gets its own hostname (UTS namespace) and an /etc/hosts
# naming all three. Sourced by run.sh; needs root.

HOSTS=(mpjt1 mpjt2 mpjt3)
SUBNET=10.231.77
NS_PREFIX=mpjt

hosts_up() {  # hosts_up WORKDIR: namespaces, bridge, addresses, hosts file
  local work=$1 i
  hosts_down
  printf '127.0.0.1 localhost\n' >"$work/hosts"
  ip netns add "$NS_PREFIX-hub"
  ip -n "$NS_PREFIX-hub" link add br0 type bridge
  ip -n "$NS_PREFIX-hub" link set br0 up
  for i in 1 2 3; do
    local ns=$NS_PREFIX-h$i
    ip netns add "$ns"
    ip link add "$NS_PREFIX-v$i" netns "$NS_PREFIX-hub" type veth peer name eth0 netns "$ns"
    ip -n "$NS_PREFIX-hub" link set "$NS_PREFIX-v$i" master br0 up
    ip -n "$ns" addr add "$SUBNET.$i/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    printf '%s.%s %s\n' "$SUBNET" "$i" "${HOSTS[$((i - 1))]}" >>"$work/hosts"
  done
  HOSTS_FILE=$work/hosts
}

hosts_down() {  # removes every namespace of ours (the veths and the bridge go with them)
  local ns
  for ns in $(ip netns list | awk '{print $1}' | grep "^$NS_PREFIX-" || true); do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns"
  done
}

on() {  # on HOST COMMAND...: runs COMMAND on host mpjtN (N = 1, 2, 3)
  # nsenter, not "ip netns exec": that one remounts /sys, which hides the cgroup tree slurmd needs.
  local name=$1 i
  shift
  i=${name#mpjt}
  nsenter --net="/run/netns/$NS_PREFIX-h$i" unshare --uts --mount -- \
    sh -c 'mount --bind "$0" /etc/hosts && hostname "$1" && shift && exec "$@"' "$HOSTS_FILE" "$name" "$@"
}
