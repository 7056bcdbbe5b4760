# The rules behind iptables-save-{legacy,nft}.txt. Captured as root in a fresh
# network namespace, so the host's firewall is untouched:
#   unshare -n sh -c 'IPT=iptables-legacy sh iptables-rules.sh && iptables-legacy-save -c' > iptables-save-legacy.txt
#   unshare -n sh -c 'IPT=iptables-nft sh iptables-rules.sh && iptables-nft-save -c' > iptables-save-nft.txt
# The pings at the end give the chains some counters.
set -e
IPT=${IPT:-iptables}
ip link set lo up
$IPT -P FORWARD DROP
$IPT -N LOGDROP
$IPT -N web-in
$IPT -A INPUT -i lo -j ACCEPT
$IPT -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
$IPT -A INPUT -s 10.0.0.0/8 -p tcp --dport 22 -j ACCEPT
$IPT -A INPUT ! -s 192.168.1.0/24 -d 172.16.5.4 -p tcp --sport 1024:65535 --dport 8000:8080 -j web-in
$IPT -A INPUT -p udp --dport 53 -j ACCEPT
$IPT -A INPUT -p icmp --icmp-type echo-request -j ACCEPT
$IPT -A FORWARD -i eth+ ! -o docker0 -s 10.1.0.0/255.255.0.255 -j LOGDROP
$IPT -A INPUT ! -i veth0 -p tcp -m multiport --dports 80,443 -j ACCEPT
$IPT -A INPUT -p tcp -m comment --comment "allow \"quoted\" admin" -m tcp --dport 9090 -j ACCEPT
$IPT -A INPUT ! -p udp -j RETURN
$IPT -A INPUT -p 47 -j ACCEPT
$IPT -A INPUT -d 127.0.0.1
$IPT -A FORWARD -i br0 -o eth1 -j ACCEPT
$IPT -A FORWARD -p tcp ! --dport 25 -g web-in
$IPT -A OUTPUT -o lo -p udp --sport 5353 -j ACCEPT
$IPT -A LOGDROP -j LOG --log-prefix "dropped: " --log-level 4
$IPT -A LOGDROP -j DROP
$IPT -A web-in -p tcp -j REJECT --reject-with tcp-reset
$IPT -t nat -A POSTROUTING -o eth0 -j MASQUERADE
$IPT -t nat -A PREROUTING -i eth0 -p tcp --dport 8080 -j DNAT --to-destination 10.0.0.5:80
$IPT -t mangle -A PREROUTING -f -j DROP
for i in 1 2 3; do ping -c 1 -W 1 127.0.0.1 >/dev/null 2>&1 || true; done
