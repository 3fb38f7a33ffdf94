# Sourced by mpjrun.sh and mpjdaemon.sh.
# free_port [EXCLUDED]: prints a TCP port that no socket on this host uses now, other than
# EXCLUDED, below the kernel's ephemeral range (so no outgoing connection takes it before it
# is bound); fails when 200 tries found none.
free_port() {
  local lo=32768 used p
  read -r lo _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  used=$(ss -tanH 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u)
  for _ in $(seq 200); do
    p=$((lo - 10000 + RANDOM % 10000))
    [ "$p" -gt 1024 ] && [ "$p" != "${1:-}" ] && ! grep -qx "$p" <<<"$used" && { echo "$p"; return 0; }
  done
  return 1
}
