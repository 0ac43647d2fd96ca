#!/bin/sh
# Starts rtpengine on a node (DaemonSet rtpengine, host networking; k8s/README.md "Media").
# RTP goes out from the node's own address; SDP advertises the node's public address, taken in
# this order: the file named after the node in /etc/trunkline/rtpengine-public (ConfigMap
# rtpengine-public-addresses, one key per node name), RTPENGINE_PUBLIC_ADDRESS (one address for
# every node, e.g. a single-node cluster), else the node's address itself (nodes with public IPs).
# The ng control port listens on the node's address only: open it to the pod network, never to
# the internet. With the argument "ping" it is the probe: an ng ping answered with pong.
#   HOST_IP                  the node's address (downward API status.hostIP)
#   NODE_NAME                the node's name (downward API spec.nodeName)
#   RTPENGINE_NG_PORT        ng control port (UDP)
#   RTPENGINE_PORT_MIN/MAX   the RTP range to open to the internet
#   RTPENGINE_PUBLIC_ADDRESS see above
set -eu
ng="${RTPENGINE_NG_PORT:-2223}"
if [ "${1:-}" = "ping" ]; then
  # bash's /dev/udp is not in sh: rtpengine's own ng client is not in the image either, so the
  # probe asks the daemon through a tiny datagram with the tools of the base image
  exec bash -c "exec 3<>/dev/udp/$HOST_IP/$ng; printf 'probe d7:command4:pinge' >&3; \
    timeout 2 dd bs=4096 count=1 <&3 2>/dev/null | grep -q pong"
fi
public=""
if [ -n "${NODE_NAME:-}" ] && [ -s "/etc/trunkline/rtpengine-public/$NODE_NAME" ]; then
  public="$(tr -d ' \n' <"/etc/trunkline/rtpengine-public/$NODE_NAME")"
fi
[ -n "$public" ] || public="${RTPENGINE_PUBLIC_ADDRESS:-}"
interface="$HOST_IP"
[ -n "$public" ] && [ "$public" != "$HOST_IP" ] && interface="$HOST_IP!$public"
echo "rtpengine on $NODE_NAME: RTP $interface ports ${RTPENGINE_PORT_MIN}-${RTPENGINE_PORT_MAX}, ng $HOST_IP:$ng"
exec /usr/bin/rtpengine --config-file=none --table=-1 --foreground --log-stderr \
  --interface="$interface" --listen-ng="$HOST_IP:$ng" \
  --port-min="$RTPENGINE_PORT_MIN" --port-max="$RTPENGINE_PORT_MAX" \
  --endpoint-learning=heuristic --timeout=60 --num-threads="${RTPENGINE_THREADS:-4}"
